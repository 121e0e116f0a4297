@connector @rfc-27
Feature: Maximum packet amount
  A connector refuses a Prepare larger than it accepts from that peer with F08 Amount Too Large, and says in the
  Reject's data how much it received and the most it would accept, as two UInt64 in the units of the received
  amount (RFC 27 error codes, F08; asn1 InterledgerErrorData).

  @ERR-003 @should
  Scenario: A Prepare one unit above the sender's maximum is rejected with F08 stating both amounts
    Given alice may send packets of at most 1000000000
    And bob fulfills
    When alice sends a Prepare for 1000000001 to a destination behind bob
    Then alice receives a Reject with code F08
    And the Reject's data holds received amount 1000000001 and maximum amount 1000000000
    And bob receives nothing

  @ERR-003 @should
  Scenario: A Prepare of exactly the sender's maximum is forwarded
    Given alice may send packets of at most 1000000000
    And bob fulfills
    When alice sends a Prepare for 1000000000 to a destination behind bob
    Then bob receives a Prepare for 1000000000
    And alice receives a Fulfill
