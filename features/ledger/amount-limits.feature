@ledger @rfc-17
Feature: Amounts at their limits: every unit up to the most an ILP packet can ask a ledger to move
  A ledger moves funds for Interledger only if it moves exactly what a payment asks for (RFC 17, Minimal
  Support). An ILPv4 amount is an unsigned 64-bit integer, so 2^64 - 1 smallest units is the largest amount a
  packet can ask a ledger to move. RFC 17 names no maximum of its own: a ledger says what it can hold in its
  metadata (the native API's max_amount; Five Bells' precision, its number of significant digits), and must
  hold every amount up to that to the unit and refuse anything beyond it whole. "The first amount beyond it"
  is the least amount the ledger says it cannot hold: max_amount plus one smallest unit (10^precision + 1
  units for Five Bells, whose 10^precision has one significant digit), or 2^64 where it states nothing.

  # Where the ledger states a limit at or above 2^64 - 1 (the reference states exactly 2^64 - 1), every row must
  # be held to the unit on both sides. Where it states a lower limit, a row beyond it must be refused whole: the
  # opening or the transfer refused, and nothing issued or moved. Where it states none, it must hold the amount
  # exactly or refuse it whole. Accepting an amount and rounding it fails in every case (RFC 17 names no maximum,
  # so all of these are allowed; a ledger holding amounts as doubles rounds 2^64 - 1 up to 2^64).
  @LEDGER-001 @must
  Scenario Outline: Every smallest unit is accounted for up to 2^64 - 1 units, or what the ledger cannot hold is refused whole (<reason>)
    Given what the ledger says it can hold
    When the admin opens accounts for alice holding <alice> and bob holding <bob> of the ledger's smallest units
    And alice moves <amount> of the ledger's smallest units to bob without a condition
    Then alice holds <alice after> and bob <bob after> of the ledger's smallest units, or the ledger refused whole what it says it cannot hold

    Examples:
      | reason                                 | alice                | bob                  | amount               | alice after | bob after            |
      | 2^64 - 2 units out of 2^64 - 1         | 18446744073709551615 | 0                    | 18446744073709551614 | 1           | 18446744073709551614 |
      | 2^64 - 1 units, all of them            | 18446744073709551615 | 0                    | 18446744073709551615 | 0           | 18446744073709551615 |
      | one unit against a balance of 2^64 - 2 | 1                    | 18446744073709551614 | 1                    | 0           | 18446744073709551615 |

  # Where the ledger states a limit, the first amount beyond it must be refused whole (a ledger with unsigned
  # 64-bit columns would wrap 2^64 round to 0). Where it states none, 2^64 must be held exactly or refused whole.
  @LEDGER-001 @must
  Scenario: An opening balance beyond what the ledger says it can hold is refused whole, and no money is issued
    Given what the ledger says it can hold
    When the admin opens accounts for alice holding the first amount beyond it and bob holding 0 of the ledger's smallest units
    Then alice holds the first amount beyond it and bob 0 of the ledger's smallest units, or the ledger refused whole what it says it cannot hold

  # The credit is what goes beyond: bob already holds one unit less than the first amount beyond the limit.
  @LEDGER-001 @must
  Scenario: A credit that would take a balance beyond what the ledger says it can hold is refused whole, and nothing moves
    Given what the ledger says it can hold
    When the admin opens accounts for alice holding 1 and bob holding one unit below the first amount beyond it of the ledger's smallest units
    And alice moves 1 of the ledger's smallest units to bob without a condition
    Then alice holds 0 and bob the first amount beyond it of the ledger's smallest units, or the ledger refused whole what it says it cannot hold

  # Moving funds to one's own account leaves its balance as it was, so a holder at the limit may do it: a
  # ledger that counted the amount as new money for the credit account would refuse what it can hold.
  @LEDGER-001 @must
  Scenario: A holder of 2^64 - 1 units can move funds to their own account
    Given what the ledger says it can hold
    When the admin opens accounts for alice holding 18446744073709551615 and bob holding 0 of the ledger's smallest units
    And alice moves 1 of the ledger's smallest units to alice without a condition
    Then alice holds 18446744073709551615 and bob 0 of the ledger's smallest units, or the ledger refused whole what it says it cannot hold
