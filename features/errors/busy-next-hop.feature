@connector @rfc-27
Feature: A busy or rate-limiting next hop
  When the next hop answers T02 Peer Busy or T05 Rate Limited, a connector should try another route or answer its
  own sender with T03 Connector Busy (RFC 27 error codes, T02 and T05).

  # The topology gives destinations behind bob no second route, so T03 is the answer that meets the SHOULD.
  # ilp-connector relays the T02 or T05 unchanged instead (catalog ERR-005/ERR-006 notes).
  @ERR-005 @should
  Scenario: Peer Busy from the next hop becomes Connector Busy
    Given bob rejects with code T02
    When alice sends a Prepare for 100 to a destination behind bob
    Then alice receives a Reject with code T03

  @ERR-006 @should
  Scenario: Rate Limited from the next hop becomes Connector Busy
    Given bob rejects with code T05
    When alice sends a Prepare for 100 to a destination behind bob
    Then alice receives a Reject with code T03
