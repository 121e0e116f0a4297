@ledger @rfc-17
Feature: Full support: the receiver rejects an incoming transfer
  Only the receiver can reject a transfer coming to them; the rejection carries a message of up to 65 535
  bytes, and the sender is notified with that message (RFC 17, Full Support). The held funds go back to the
  sender. Neither the sender nor anyone else can reject in the receiver's place.

  Background:
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 0
    And alice listens for ledger notifications
    And alice has prepared a transfer of 10 to bob

  @LEDGER-014 @must
  Scenario: The receiver's rejection returns the funds and its message reaches the sender
    When bob rejects the transfer with a message of 120 bytes
    Then the ledger accepts it
    And the transfer is rejected by the receiver
    And alice's ledger balance is 100 with 0 on hold
    And alice is notified that the transfer was rejected, with bob's message

  @LEDGER-014 @must
  Scenario: A rejection message of 65535 bytes reaches the sender whole
    When bob rejects the transfer with a message of 65535 bytes
    Then the ledger accepts it
    And alice is notified that the transfer was rejected, with bob's message

  @LEDGER-014 @LAPI-001 @must
  Scenario Outline: Nobody but the receiver can reject the transfer (<who>)
    Given carol has a ledger account holding 0
    When <who> rejects the transfer
    Then the ledger refuses it as not permitted
    And the transfer is prepared
    And alice's ledger balance is 90 with 10 on hold

    Examples:
      | who   |
      | alice |
      | carol |

  # Only a transfer's receiver may reject it; a transfer the ledger does not have has none, and an answer of
  # success would tell the caller that funds went back which were never held.
  @LEDGER-014 @must
  Scenario: A rejection of a transfer the ledger does not have is refused
    When bob rejects a transfer the ledger does not have
    Then the ledger refuses it
