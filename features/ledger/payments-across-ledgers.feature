@ledger @rfc-1 @rfc-17 @needs-native-api
Feature: Payments across ledgers
  A connector that holds an account on two ledgers carries a payment from one to the other (IL-RFC 1,
  Payment Flow, over IL-RFC 17 ledgers). The sender's ledger holds the sender's funds for the connector; the
  connector reads the ILP Prepare from that transfer's memo and holds its own funds on the receiver's ledger
  for the receiver, under the same condition and an earlier expiry. The receiver's preimage executes that
  transfer, and the connector presents the same preimage to execute the first. When anything fails, each
  ledger returns its hold by itself at the expiry, so nobody loses money but a connector that passes the
  fulfillment back too late: that risk is the connector's alone.

  Ledger A is the ledger under test (the bundled reference ledger unless ILP_LEDGER_URL names another);
  ledger B is a second reference ledger with another prefix (ADDR-L07), started for each scenario; connie is
  the reference connector's ledger link, which keeps 300 ms back on each hop. Holds last one or two seconds.

  Background:
    Given ledger A and a second ledger B with a different ILP prefix
    And alice has an account on ledger A holding 100
    And bob has an account on ledger B holding 0
    And connie has a connector account on ledger A and on ledger B, holding 50 on each

  @LEDGER-018 @LEDGER-004 @must
  Scenario: Holds go forward, then execution comes back with the same fulfillment
    When alice pays bob 10 through connie, expiring in 2 s
    Then the balances are:
      | account            | balance | on hold |
      | alice on ledger A  | 90      | 10      |
      | connie on ledger A | 50      | 0       |
      | connie on ledger B | 40      | 10      |
      | bob on ledger B    | 0       | 0       |
    When bob executes connie's transfer on ledger B with the fulfillment
    Then ledger B has executed connie's transfer to bob
    And alice's transfer on ledger A is executed with bob's fulfillment
    And the balances are:
      | account            | balance | on hold |
      | alice on ledger A  | 90      | 0       |
      | connie on ledger A | 60      | 0       |
      | connie on ledger B | 40      | 0       |
      | bob on ledger B    | 10      | 0       |

  @LEDGER-007 @EXP-L01 @must
  Scenario: The connector's transfer carries the Prepare on, under the same condition, expiring earlier
    When alice pays bob 10 through connie, expiring in 2 s
    Then connie has prepared a transfer of 10 to bob on ledger B under the same condition
    And its memo holds the ILP Prepare for bob's address under that condition
    And it expires before alice's transfer on ledger A

  # The connector's hold on ledger B expires first; the connector must then reject alice's transfer itself
  # (EXP-006), and its ILP Reject reaches alice as the rejection message (LEDGER-014). R00 is the code RFC 27
  # gives a transfer that timed out.
  @EXP-006 @LEDGER-006 @LEDGER-014 @must
  Scenario: A receiver that never fulfills leaves everyone whole
    When alice pays bob 10 through connie, expiring in 1 s
    And the payment's holds end
    Then connie's transfer to bob on ledger B is rejected because it expired
    And alice sees their transfer on ledger A rejected by connie with an ILP Reject R00
    And the balances are:
      | account            | balance | on hold |
      | alice on ledger A  | 100     | 0       |
      | connie on ledger A | 50      | 0       |
      | connie on ledger B | 50      | 0       |
      | bob on ledger B    | 0       | 0       |

  @LEDGER-006 @must
  Scenario: A connector that stops mid-way leaves the sender whole after the expiry
    When alice pays bob 10 through connie, expiring in 1 s
    And connie's connector stops
    And the payment's holds end
    Then alice's transfer on ledger A is rejected because it expired
    And connie's transfer to bob on ledger B is rejected because it expired
    And the balances are:
      | account            | balance | on hold |
      | alice on ledger A  | 100     | 0       |
      | connie on ledger A | 50      | 0       |
      | connie on ledger B | 50      | 0       |
      | bob on ledger B    | 0       | 0       |

  # The connector's risk (IL-RFC 1, Connector Risk and Mitigation): ledger B executed on bob's preimage, but
  # connie presents it on ledger A only after alice's hold expired. Ledger A settles by its own timeout,
  # whatever happened on ledger B, and refuses the late fulfillment: alice keeps her money, bob is paid, and
  # connie has lost the amount.
  @LEDGER-006 @COND-L01 @must
  Scenario: A connector too slow to pass the fulfillment back loses the amount
    Given connie passes fulfillments back only after the incoming transfer has expired
    When alice pays bob 10 through connie, expiring in 1 s
    And bob executes connie's transfer on ledger B with the fulfillment
    And the payment's holds end
    Then ledger B has executed connie's transfer to bob
    And alice's transfer on ledger A is rejected because it expired
    And the balances are:
      | account            | balance | on hold |
      | alice on ledger A  | 100     | 0       |
      | connie on ledger A | 50      | 0       |
      | connie on ledger B | 40      | 0       |
      | bob on ledger B    | 10      | 0       |
