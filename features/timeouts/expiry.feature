@connector @rfc-27 @rfc-34
Feature: Expiry of a Prepare at a connector
  A connector forwards a Prepare with an earlier expiry, keeping itself time to pass the Fulfill back; refuses a
  Prepare with too little time left (R02); and when the Prepare expires before the next hop answers, rejects it
  upstream without waiting, ignoring any Fulfill that comes too late (RFC 27 "ILP Prepare" expiresAt, packet
  lifecycle steps 6 and 10, R00 and R02; RFC 34 "Interledger Packets"). The topology gives the connector a
  400 ms margin (minMessageWindowMs) and a 5 s longest hold (maxHoldTimeMs).

  @EXP-001 @must
  Scenario: The forwarded Prepare expires before the one the sender sent
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob expiring in 3 seconds
    Then the Prepare bob receives expires before the one alice sent
    And alice receives a Fulfill

  # 200 ms cannot hold the connector's 400 ms margin (ilp-connector even asks for twice its margin).
  @EXP-004 @ERR-009 @must
  Scenario: A Prepare with less time left than the connector's margin is rejected with R02
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob expiring in 200 ms
    Then alice receives a Reject with code R02
    And the Reject alice receives is triggered by the connector
    And bob receives nothing

  # The RFCs give no code for a Prepare that arrives expired: R00 and R02 both fit (ilp-connector: R02).
  @EXP-005 @should
  Scenario: An already expired Prepare is rejected and not forwarded
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob that expired 1 second ago
    Then alice receives a Reject with code R00 or R02
    And bob receives nothing

  # R00 Transfer Timed Out is RFC 27's code for "the next party did not respond".
  @EXP-006 @EXP-002 @ERR-009 @must
  Scenario: When the next hop never answers, the sender gets R00 before its Prepare expires
    Given bob never answers
    When alice sends a Prepare for 100 to a destination behind bob expiring in 1500 ms
    Then alice receives a Reject with code R00
    And alice receives the Reject before its Prepare expires
    And the Reject alice receives is triggered by the connector

  # No code is given for a late Fulfill; any Reject passes, the code is reported.
  @EXP-003 @EXP-006 @must
  Scenario: A Fulfill that arrives after the forwarded Prepare expired is not passed back
    Given bob fulfills 300 ms after the forwarded expiry
    When alice sends a Prepare for 100 to a destination behind bob expiring in 1500 ms
    Then alice receives a Reject
    And alice receives the Reject before its Prepare expires

  # lena may owe at most 5000. The second Prepare fits only if the late Fulfill of the first was not counted.
  @EXP-003 @COND-003 @must @uses:lena
  Scenario: A late Fulfill is not charged to the sender
    Given lena may owe the connector at most 5000
    And bob fulfills 200 ms after the forwarded expiry
    And for the next Prepare, bob rejects with code F99
    When lena sends a Prepare for 3000 to a destination behind bob expiring in 1500 ms
    Then lena receives a Reject
    When bob has sent its answer
    And lena sends another Prepare for 3000 to a destination behind bob
    Then lena receives a Reject with code F99
