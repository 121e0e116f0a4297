@ledger @rfc-17
Feature: Full support: messages between account holders
  A ledger with full support lets an account holder send another an authenticated message of up to 65 535
  bytes (RFC 17, Full Support): the recipient learns who sent it from the ledger, not from the sender's
  word. Messages arrive over the recipient's notification socket.

  Background:
    Given alice has a ledger account holding 0
    And bob has a ledger account holding 0
    And bob listens for ledger notifications

  @LEDGER-010 @must
  Scenario: A message reaches the recipient with its sender
    When alice sends bob a ledger message of 200 bytes
    Then the ledger accepts it
    And bob receives the message, from alice

  @LEDGER-010 @must
  Scenario: A message of 65535 bytes arrives whole
    When alice sends bob a ledger message of 65535 bytes
    Then the ledger accepts it
    And bob receives the message, from alice

  @LEDGER-010 @LAPI-001 @must
  Scenario: A holder cannot send a message in another holder's name
    Given carol has a ledger account holding 0
    When alice sends bob a ledger message claiming to come from carol
    Then the ledger refuses it as not permitted

  # A message to an account the ledger does not have reaches no one; accepting it would tell the sender it was sent.
  @LEDGER-010 @must
  Scenario: A message to an account the ledger does not have is refused
    When alice sends dave, who has no account, a ledger message of 32 bytes
    Then the ledger refuses it

  # The ledger may keep the message until its recipient listens, or refuse it. Accepting it while no one
  # follows the recipient's account, and then giving it to nobody, loses a message the sender takes for sent.
  @LEDGER-010 @must
  Scenario: A message to a holder who is not listening is refused, or delivered once they listen
    Given carol has a ledger account holding 0
    When alice sends carol a ledger message of 32 bytes
    Then the ledger refuses it, or carol receives the message from alice once listening
