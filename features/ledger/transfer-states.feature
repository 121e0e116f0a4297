@ledger @rfc-17
Feature: Basic support: transfer states
  A transfer with a hold moves from proposed to prepared and then to executed, or to rejected from proposed
  or prepared; executed and rejected are final, and a rejected transfer's funds are back with the sender
  (RFC 17, Basic Support, the transfer state figure). So an executed transfer cannot be rejected, a rejected
  one cannot be executed, and presenting a fulfillment again moves no more money.

  Background:
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 0
    And alice has prepared a transfer of 10 to bob

  @LEDGER-003 @must
  Scenario: An executed transfer cannot be rejected
    Given bob has executed the transfer
    When bob rejects the transfer
    Then the ledger refuses it
    And the transfer is executed
    And alice's ledger balance is 90 with 0 on hold
    And bob's ledger balance is 10

  @LEDGER-003 @must
  Scenario: A rejected transfer cannot be executed
    Given bob has rejected the transfer
    When bob executes the transfer with its fulfillment
    Then the ledger refuses it
    And the transfer is rejected by the receiver
    And alice's ledger balance is 100 with 0 on hold
    And bob's ledger balance is 0

  # Whether presenting the fulfillment of an executed transfer again is an error is not said anywhere; the
  # ledger may accept it as a repeat or refuse it. Either way the money moves once.
  @LEDGER-003 @must
  Scenario: Presenting the fulfillment again moves the money only once
    Given bob has executed the transfer
    When bob executes the transfer with its fulfillment
    Then the ledger accepts or refuses it
    And the transfer is executed
    And alice's ledger balance is 90 with 0 on hold
    And bob's ledger balance is 10

  # Rejected is final and its funds went back once: rejecting it again must not pay the sender a second time.
  # Whether the repeat is an error is not said anywhere; the ledger may accept or refuse it.
  @LEDGER-003 @must
  Scenario: Rejecting a rejected transfer again returns the money only once
    Given bob has rejected the transfer
    When bob rejects the transfer
    Then the ledger accepts or refuses it
    And the transfer is rejected by the receiver
    And alice's ledger balance is 100 with 0 on hold
    And bob's ledger balance is 0

  # A transfer's state is read from the ledger, so a transfer it does not have must read as such: an answer
  # of a server error leaves the reader unable to tell an unknown transfer from a broken ledger.
  @LEDGER-003 @LAPI-001 @must
  Scenario: A transfer the ledger does not have reads as not found
    When bob reads a transfer the ledger does not have
    Then the ledger refuses it as not found
