@connector @rfc-27
Feature: Forwarding a Prepare and relaying its answer
  A connector changes only the amount and the expiry of a Prepare it forwards: the condition, the destination
  and the data reach the next hop as the sender wrote them, and the Fulfill or Reject the next hop returns
  travels back unchanged (RFC 27 "ILP Prepare", "ILP Fulfill", "ILP Reject", packet lifecycle step 10).
  Every packet it emits is canonical OER (RFC 27 "Packet Format").

  @PKT-014 @PKT-012 @PKT-013 @PKT-011 @must
  Scenario: The next hop receives the condition, destination and data the sender chose
    Given bob fulfills
    When alice sends a Prepare for 100 with 1000 bytes of data to a destination behind bob
    Then the Prepare bob receives has the condition, destination and data alice sent
    And alice receives a Fulfill

  @PKT-007 @PKT-013 @must
  Scenario: A Prepare carrying the most data a packet may hold is forwarded intact
    Given bob fulfills
    When alice sends a Prepare for 100 with 32767 bytes of data to a destination behind bob
    Then the Prepare bob receives has the condition, destination and data alice sent
    And alice receives a Fulfill

  @COND-004 @PKT-013 @must
  Scenario: The Fulfill comes back with the fulfillment and data the next hop sent
    Given bob fulfills with 512 bytes of data
    When alice sends a Prepare for 100 to a destination behind bob
    Then the Fulfill alice receives carries the fulfillment and data bob sent

  @ERR-009 @ERR-011 @ERR-012 @PKT-013 @must
  Scenario: A Reject from the next hop comes back with its code, triggeredBy and data
    Given bob rejects with code F06 and 100 bytes of data
    When alice sends a Prepare for 100 to a destination behind bob
    Then alice receives a Reject with code F06
    And the Reject alice receives carries the code, triggeredBy and data bob sent

  # 200 and 300 bytes of data need the long form of the length prefix; the Reject exercises the third packet type.
  @OER-001 @must
  Scenario: Every packet the connector emits is canonical OER
    Given bob fulfills with 200 bytes of data
    When alice sends a Prepare for 100 with 300 bytes of data to a destination behind bob
    And alice sends a Prepare for 100 to an address under test.nowhere
    Then every packet the connector sent in this scenario is in canonical OER

  @ROUTE-003 @must
  Scenario: Prepares from two senders, answered out of order, each get their own answer back
    Given bob answers each Prepare after a random delay, fulfilling and rejecting in turn
    When alice and paul each send 20 Prepares to destinations behind bob at the same time
    Then each sender receives the answer bob gave to its own Prepare
