@connector @rfc-34 @rfc-15
Feature: Addresses a connector never forwards
  Packets under `peer.` are for the direct peer only and are never forwarded (RFC 15 allocation schemes,
  RFC 34 "Special Addresses"). A node belongs to the test network or to the live network: on a test network
  it refuses every destination under `g.`, on the live network every one under `test.`, `test1.`, `test2.`
  and `test3.` (RFC 34 "Special Addresses").

  # The RFCs name no code for either refusal: any Reject passes, and the step reports the code chosen
  # (ilp-connector answers F01 for an unknown peer protocol; F02 fits as well).
  @ADDR-008 @ROUTE-006 @ERR-009 @must
  Scenario: A Prepare under peer. is answered by the connector and forwarded to nobody
    When alice sends a Prepare for 0 to an address under peer.echo
    Then alice receives a Reject
    And the Reject alice receives is triggered by the connector
    And no peer receives the Prepare

  # The topology has a route for g.live to bob, so only the network rule can stop this packet. RFC 34 says
  # "reject" without naming a code, so any Reject passes and the step reports the code chosen (a final F02
  # fits best: sending again cannot help).
  @ROUTE-005 @ERR-009 @must
  Scenario: A connector on the test network refuses a destination under g. even when a route matches
    Given the connector is on the test network
    And the connector routes g.live to bob
    And bob fulfills
    When alice sends a Prepare for 100 to an address under g.live
    Then alice receives a Reject
    And the Reject alice receives is triggered by the connector
    And bob receives nothing
