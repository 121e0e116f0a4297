@ledger @rfc-17
Feature: Basic support: authorization holds
  A ledger that ILP can use sets funds aside for one transfer, under a hash condition and a timeout, until
  its outcome is decided (RFC 17, Basic Support; RFC 3 of August 2017, Model of Operation). The hold leaves
  the sender's balance at once and reaches the receiver only on execution. Only the account's holder can
  place a hold on it, never below the account's minimum balance, and a hold is placed once however often
  its request is repeated.

  Background:
    Given bob has a ledger account holding 0

  @LEDGER-002 @LEDGER-018 @must
  Scenario: A prepared transfer takes the amount out of the sender's balance and holds it
    Given alice has a ledger account holding 100
    When alice prepares a transfer of 10 to bob
    Then the ledger accepts it
    And the transfer is prepared
    And alice's ledger balance is 90 with 10 on hold
    And bob's ledger balance is 0 with 0 on hold

  @LEDGER-002 @must
  Scenario Outline: A hold never takes a balance below the account's minimum (<reason>)
    Given alice has a ledger account holding 10 with minimum balance <minimum>
    When alice prepares a transfer of <amount> to bob
    Then the ledger <verdict> the transfer
    And alice's ledger balance is <balance>

    Examples:
      | minimum | amount | verdict  | balance | reason                              |
      | 0       | 9      | accepts  | 1       | one below the whole balance         |
      | 0       | 10     | accepts  | 0       | exactly the whole balance           |
      | 0       | 11     | refuses  | 10      | one more than the balance           |
      | -5      | 15     | accepts  | -5      | down to a negative minimum (credit) |
      | -5      | 16     | refuses  | 10      | one beyond the credit               |

  @LEDGER-002 @must
  Scenario: Repeating the same prepare holds the amount once
    Given alice has a ledger account holding 100
    When alice prepares a transfer of 10 to bob
    And alice prepares the same transfer again
    Then the ledger accepts it
    And alice's ledger balance is 90 with 10 on hold

  @LEDGER-002 @LAPI-001 @must
  Scenario: Reusing a transfer's id for a different transfer is refused and changes nothing
    Given alice has a ledger account holding 100
    When alice prepares a transfer of 10 to bob
    And alice prepares a transfer with the same id for 20
    Then the ledger refuses it as a conflict
    And alice's ledger balance is 90 with 10 on hold

  @LEDGER-002 @LAPI-001 @must
  Scenario: Only the account's holder can place a hold on it
    Given alice has a ledger account holding 100
    And carol has a ledger account holding 0
    When carol prepares a transfer of 10 from alice's account to bob
    Then the ledger refuses it as not permitted
    And alice's ledger balance is 100 with 0 on hold

  @LEDGER-002 @LAPI-001 @must
  Scenario: Without credentials nothing is held
    Given alice has a ledger account holding 100
    When someone without credentials prepares a transfer of 10 from alice's account to bob
    Then the ledger refuses it as unauthenticated
    And alice's ledger balance is 100 with 0 on hold

  # A repeat is the same transfer; a request under a used id with another condition or a memo is another
  # transfer, which the ledger must not answer with the hold it placed for the first.
  @LEDGER-002 @must
  Scenario Outline: Reusing a transfer's id with <change> is refused and changes nothing
    Given alice has a ledger account holding 100
    When alice prepares a transfer of 10 to bob
    And alice prepares a transfer with the same id but <change>
    Then the ledger refuses it
    And alice's ledger balance is 90 with 10 on hold

    Examples:
      | change            |
      | another condition |
      | with a memo       |
