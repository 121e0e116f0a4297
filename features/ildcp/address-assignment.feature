@connector @rfc-31 @needs-ildcp
Feature: IL-DCP: a parent tells its child its address
  A child sends a Prepare to peer.config with the peer-protocol condition; its parent answers with a Fulfill of
  32 zero bytes whose data holds the child's address and the link's asset code and scale, or with a Reject it
  triggered itself. Such packets stay between the two peers (RFC 31 "Procedure", "Packet"; RFC 15 `peer.`).

  @DCP-002 @must
  Scenario: A child asking for its address gets a zero-preimage Fulfill naming the link's asset
    Given alice is a child of the connector
    And alice settles in USD at scale 9
    When alice asks the connector for its address
    Then alice receives an IL-DCP answer for USD at scale 9

  @DCP-004 @may
  Scenario: The address a parent gives its child lies inside the parent's own address space
    Given alice is a child of the connector
    When alice asks the connector for its address
    Then the address the connector gives alice is under the connector's own address

  # No 32 zero bytes hash to a fresh random condition, so the connector cannot fulfill: it must refuse.
  @DCP-003 @ERR-009 @must
  Scenario: An IL-DCP request with the wrong condition is refused by the connector itself
    Given alice is a child of the connector
    When alice sends an IL-DCP request whose condition is not the peer-protocol condition
    Then alice receives a Reject
    And the Reject alice receives is triggered by the connector

  @DCP-006 @must
  Scenario: A child's IL-DCP request is answered by the connector, not passed to its parent
    Given alice is a child of the connector
    And the connector has a parent, paul
    When alice asks the connector for its address
    Then alice receives an IL-DCP answer for USD at scale 9
    And paul receives no IL-DCP request from the connector meanwhile

  # IL-DCP is a parent's service to its children. bob sends the right condition, so his relation (a peer, not
  # a child) is the only reason to refuse him. RFC 31 names no code (ilp-connector: F00), so any Reject the
  # connector triggers passes; a Fulfill handing bob an address fails.
  @DCP-003 @ERR-009 @must
  Scenario: An IL-DCP request from a peer that is not a child is refused by the connector itself
    Given bob is a peer of the connector
    When bob asks the connector for its address
    Then bob receives a Reject
    And the Reject bob receives is triggered by the connector
