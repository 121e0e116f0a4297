@connector @ilpv1-connector @rfc-3 @rfc-1
Feature: A 2017 (ILPv1) connector between two ledgers
  Before ILPv4, a connector joined ledgers, not peers (IL-RFC 1 and IL-RFC 3 of 2017). The sender's ledger
  holds a transfer to the connector under a condition and an expiry, and the transfer's memo carries the ILPv1
  Payment (type 1): the amount the destination account must receive, in its ledger's units, and its address.
  The connector pays that amount on the next ledger, under the same condition, expiring earlier. ILPv1 packets
  carry no expiry of their own and no amount the sender paid: what the connector receives must be worth, at
  its rate, what the Payment promises, or it refuses (R01, Insufficient Source Amount). When the next transfer
  is rejected, the connector rejects the incoming one with the same ILPv1 Error (type 8), its own address
  appended to the error's forwardedBy and nothing else changed (IL-RFC 3, Aug 2017, Errors).

  The connector is the implementation under test; the suite plays alice on ledger A and bob on ledger B.
  Both ledgers and connie are bundled references unless ILP_V1_LEDGER_A_URL, ILP_V1_LEDGER_B_URL (API,
  admin token), ILP_V1_CONNECTOR_ACCOUNT_A/_B, ILP_V1_CONNECTOR_ADDRESS and ILP_V1_CONNECTOR_RATE name an
  external one (README.md, "A 2017 (ILPv1) connector between two ledgers"). Holds last two seconds.

  A connector may keep a spread: the rate below is the most connie pays out, and the amounts are chosen so
  that any rate from 0.9 up to it gives the same verdicts (an external connector declared with a higher
  ILP_V1_CONNECTOR_RATE stops the scenarios). The bundled connie pays exactly 1 for 1 and keeps the difference.
  Over the Five Bells Ledger API a rejection is the error's JSON form, whose forwarded_by holds one address:
  an error forwarded by more than one connector is not observable there.

  Background:
    Given ledgers A and B with their own ILP prefixes, joined by connie, a connector that speaks ILPv1
    And connie pays out at most 1 on ledger B for each 1 it receives on ledger A
    And alice has an account on ledger A holding 100
    And bob has an account on ledger B holding 0
    And connie has a connector account on ledger A and on ledger B, holding 50 on each

  # bob receives 9 of alice's 10: the rest is connie's spread (at most 1 unit, any rate from 0.9 up to 1).
  @EXP-L01 @must
  Scenario: The connector pays the destination amount on ledger B under the same condition, expiring earlier
    When alice sends 10 on ledger A through connie, for bob to receive 9 on ledger B, expiring in 2 s
    Then connie has prepared a transfer of 9 to bob on ledger B under the same condition
    And its memo holds the ILPv1 Payment of alice's transfer, unchanged
    And it expires before alice's transfer on ledger A
    When bob executes connie's transfer on ledger B with the fulfillment
    Then ledger B has executed connie's transfer to bob
    And alice's transfer on ledger A is executed with bob's fulfillment
    And the balances are:
      | account           | balance | on hold |
      | alice on ledger A | 90      | 0       |
      | bob on ledger B   | 9       | 0       |

  @ERR-L01 @must
  Scenario: A rejection on ledger B comes back to ledger A with the same error
    When alice sends 10 on ledger A through connie, for bob to receive 9 on ledger B, expiring in 2 s
    And bob rejects connie's transfer on ledger B with an ILPv1 Error F99 triggered by bob
    Then alice sees their transfer on ledger A rejected with an ILPv1 Error of the same code, triggered by bob
    And the balances are:
      | account           | balance | on hold |
      | alice on ledger A | 100     | 0       |
      | bob on ledger B   | 0       | 0       |

  # bob triggers the error himself and nobody has forwarded it yet: connie's address is the whole forwardedBy.
  # IL-RFC 3 (2017) says "its address" without saying which of connie's two: the one on ledger A or on ledger B
  # both pass.
  @ERR-L02 @should
  Scenario: The connector puts its address in forwardedBy of an error nobody has forwarded yet
    When alice sends 10 on ledger A through connie, for bob to receive 9 on ledger B, expiring in 2 s
    And bob rejects connie's transfer on ledger B with an ILPv1 Error F99 triggered by bob
    Then alice sees their transfer on ledger A rejected with that ILPv1 Error, forwarded by connie
    And its code, name, triggeredBy, triggeredAt and data are those bob sent

  # bob plays the next connector here: the error comes from further on, and bob has already forwarded it.
  # Through the Five Bells API the list of two that reaches ledger A cannot be held: not observable there.
  @ERR-L02 @should
  Scenario: The connector appends its address to forwardedBy and changes nothing else
    When alice sends 10 on ledger A through connie, for bob to receive 9 on ledger B, expiring in 2 s
    And bob rejects connie's transfer on ledger B with an ILPv1 Error T01 triggered by "test3.far.erin" and forwarded by bob
    Then alice sees their transfer on ledger A rejected with that ILPv1 Error, forwarded by bob and then by connie
    And its code, name, triggeredBy, triggeredAt and data are those bob sent

  # At 1:1 (the most connie pays), 10 received on ledger A is worth 10 on ledger B: at least one unit short of
  # the 11 the Payment promises bob, whatever spread connie keeps.
  @PKT-L05 @must
  Scenario: A payment worth less than its destination amount is refused, not forwarded
    When alice sends 10 on ledger A through connie, for bob to receive 11 on ledger B, expiring in 2 s
    Then alice sees their transfer on ledger A rejected by connie with an ILPv1 Error R01
    And connie has prepared nothing for bob on ledger B
    And the balances are:
      | account           | balance | on hold |
      | alice on ledger A | 100     | 0       |
      | bob on ledger B   | 0       | 0       |
