@ledger @rfc-17
Feature: Minimal support: moving funds between accounts
  The least a ledger must do for Interledger is move funds from one account to another (RFC 17, Minimal
  Support); everything beyond that could live in an adapter its users must trust. Over the ledger API a
  transfer without a condition is executed at once. Opening accounts is the operator's: an account opened
  with a balance creates money, so no account holder may do it.

  @LEDGER-001 @must
  Scenario: A transfer without a condition moves the amount from one account to the other
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 0
    When alice transfers 10 to bob without a condition
    Then the ledger accepts it
    And the transfer is executed
    And alice's ledger balance is 90
    And bob's ledger balance is 10

  @LEDGER-001 @LAPI-001 @must
  Scenario: An account holder cannot open an account, so cannot create money
    Given alice has a ledger account holding 100
    When alice opens a ledger account for dave holding 1000
    Then the ledger refuses it as not permitted
    And the ledger has no account for dave

  # Moving funds means moving them only as the debit account's holder asks: a negative amount would take money
  # from the credit account without its holder's say.
  @LEDGER-001 @must
  Scenario: A transfer of a negative amount is refused, so no holder can pull money from another
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 100
    When alice transfers minus 10 to bob without a condition
    Then the ledger refuses it
    And alice's ledger balance is 100
    And bob's ledger balance is 100

  # The ledger's scale (its metadata) fixes its smallest unit; an amount below it could only be rounded, and
  # rounding would make or lose money on one side.
  @LEDGER-001 @must
  Scenario: An amount finer than the ledger's smallest unit is refused, not rounded
    Given alice has a ledger account holding 1000
    And bob has a ledger account holding 0
    When alice transfers 10 and a tenth of the ledger's smallest unit to bob without a condition
    Then the ledger refuses it
    And alice's ledger balance is 1000
    And bob's ledger balance is 0

  # Amounts are decimal text on the wire so that no unit is lost on the way: a ledger that holds them as
  # floating-point numbers rounds amounts beyond 2^53 smallest units, and one unit beside a balance of 10^17
  # disappears. Every unit must be accounted for on both sides.
  @LEDGER-001 @must
  Scenario Outline: Every smallest unit is accounted for at amounts no floating-point number holds (<reason>)
    Given alice has a ledger account holding <opening> of its smallest units
    And bob has a ledger account holding 0
    When alice transfers <amount> of the ledger's smallest units to bob without a condition
    Then the ledger accepts it
    And alice's ledger balance is <left> of its smallest units
    And bob's ledger balance is <amount> of its smallest units

    Examples:
      | reason                         | opening            | amount           | left               |
      | one unit out of 10^17 + 3      | 100000000000000003 | 1                | 100000000000000002 |
      | 2^53 + 1 units, all of them    | 9007199254740993   | 9007199254740993 | 0                  |
