@ledger @rfc-17
Feature: Notifications to account holders
  The ledger notifies the holders of the accounts a transfer touches when it is prepared, executed or
  rejected (RFC 17, Basic Support). On prepare it holds the funds and notifies the next party; on a valid
  fulfillment it executes and notifies both parties (RFC 3 of August 2017, Model of Operation). Holders
  follow their account over the ledger's notification socket.

  Background:
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 0
    And alice listens for ledger notifications
    And bob listens for ledger notifications

  @LEDGER-008 @LEDGER-018 @must
  Scenario: Both holders hear that a transfer was prepared and then executed
    When alice prepares a transfer of 10 to bob
    Then alice is notified that the transfer was prepared
    And bob is notified that the transfer was prepared
    When bob executes the transfer with its fulfillment
    Then alice is notified that the transfer was executed
    And bob is notified that the transfer was executed, with its fulfillment

  @LEDGER-008 @must
  Scenario: Both holders hear that a transfer was rejected
    Given alice has prepared a transfer of 10 to bob
    When bob rejects the transfer
    Then alice is notified that the transfer was rejected
    And bob is notified that the transfer was rejected

  # LEDGER-008 says whom the ledger tells: the holders of the accounts a transfer debits or credits. Telling
  # anyone else is not more of that duty but a breach of it, as it shows outsiders who pays whom and how much.
  @LEDGER-008 @must
  Scenario: A holder hears nothing about a transfer between two other accounts
    Given carol has a ledger account holding 0
    And carol listens for ledger notifications
    When alice prepares a transfer of 10 to bob
    Then bob is notified that the transfer was prepared
    And carol hears nothing about the transfer

  # For the same reason a holder may follow only their own account.
  @LEDGER-008 @LAPI-001 @must
  Scenario: A holder cannot follow another holder's account
    Given carol has a ledger account holding 0
    When carol listens for ledger notifications on alice's account
    Then the ledger refuses it as not permitted

  # A transfer without a condition is executed at once: its holders hear of the execution.
  @LEDGER-008 @must
  Scenario: Both holders hear that a transfer without a condition was executed
    When alice transfers 10 to bob without a condition
    Then alice is notified that the transfer was executed
    And bob is notified that the transfer was executed

  # Nor may a holder read such a transfer from the native API. Who may read a transfer is that API's choice
  # (LAPI-002), not IL-RFC 17's: through another ledger API the scenario is set aside, with the reason.
  @LAPI-002 @must
  Scenario: A holder cannot read a transfer between two other accounts, nor its fulfillment
    Given carol has a ledger account holding 0
    And alice has prepared a transfer of 10 to bob
    And bob has executed the transfer
    When carol reads the transfer
    Then the ledger refuses it
    When carol reads the transfer's fulfillment
    Then the ledger refuses it
