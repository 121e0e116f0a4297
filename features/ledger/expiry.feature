@ledger @rfc-17
Feature: Basic support: held funds return at the timeout
  When a held transfer's timeout passes without a valid fulfillment, the ledger returns the funds to the
  sender and no fulfillment can execute the transfer any more (RFC 17, Basic Support; RFC 3 of August 2017,
  Model of Operation). The ledger tells the sender without being asked. Time is real here: the holds below
  expire within a second, and every wait for the ledger to act is bounded.

  Background:
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 0

  @LEDGER-006 @must
  Scenario: At the timeout the held amount returns to the sender
    Given alice has prepared a transfer of 10 to bob expiring in 300 ms
    When the transfer's expiry passes
    Then the transfer is rejected because it expired
    And alice's ledger balance is 100 with 0 on hold
    And bob's ledger balance is 0

  @LEDGER-006 @COND-L01 @must
  Scenario: The right preimage no longer executes the transfer after the timeout
    Given alice has prepared a transfer of 10 to bob expiring in 300 ms
    When the transfer's expiry passes
    And bob executes the transfer with its fulfillment
    Then the ledger refuses it
    And the transfer is rejected because it expired
    And bob's ledger balance is 0

  @LEDGER-006 @LEDGER-008 @must
  Scenario: The sender is told when the hold expires, without asking
    Given alice listens for ledger notifications
    And alice has prepared a transfer of 10 to bob expiring in 300 ms
    Then alice is notified that the transfer was rejected because it expired

  # Nothing asks the ledger anything between the two timeouts, so the ledger must act on its own clock for
  # each hold: one that notices expiries only when a request arrives, or that stops watching once the first
  # hold has returned, leaves the second in place. (The balances are read only at the end, because a ledger
  # may well expire what is due when it is asked.)
  @LEDGER-006 @must
  Scenario: Two holds with different timeouts each return at their own, with nobody asking in between
    Given alice listens for ledger notifications
    And alice has prepared a transfer of 10 to bob expiring in 300 ms
    And alice has prepared a transfer of 20 to bob expiring in 800 ms
    Then alice is notified of each hold's expiry in turn, with no request to the ledger in between
    And alice's ledger balance is 100 with 0 on hold
    And bob's ledger balance is 0
