@mojaloop @fspiop-1.1
Feature: The Payee FSP's Interledger payment request (FSPIOP v1.1 section 6.5.2.3)
  When a Payee FSP answers a quote, it builds the ILP packet the payment will carry: the amount is the
  transfer amount times ten to the currency's exponent (99 USD is 9900), the address is the Payee's, and the
  data is the Transaction object of the quote. The fulfilment is the HMAC-SHA256 of the packet under a secret
  only the Payee FSP knows, and the condition it sends in the quote callback is the SHA-256 digest of that
  fulfilment (Listing 12). Section 10.4.8 works an example through: Listings 42 to 45.

  @ML-006 @ML-007 @must
  Scenario: The spec's example reproduces: fulfilment from secret and packet, condition from fulfilment
    Given the quote callback of FSPIOP v1.1 section 10.4.8
    When the auditor checks the quote callback
    Then the audit passes ML-006
    And the audit passes ML-007

  @ML-004 @ML-011 @must
  Scenario: The spec's packet carries 9900 for 99 USD, to Henrik's MSISDN at MobileMoney
    Given the quote callback of FSPIOP v1.1 section 10.4.8
    When the auditor checks the quote callback
    Then the audit passes ML-004
    And the audit passes ML-011

  @ML-005 @must
  Scenario: The spec's packet data is the quote's Transaction
    # Its amount reads 100 USD where Listing 41 prints the same Transaction with 99 USD.
    Given the quote callback of FSPIOP v1.1 section 10.4.8
    When the auditor checks the quote callback
    Then the audit passes ML-005

  @ML-013 @must
  Scenario: The spec's packet is in the August 2017 layout, not the ILPv1 Payment the API carries
    Given the quote callback of FSPIOP v1.1 section 10.4.8
    And the listing's packet is read only as the current ILPv1 Payment
    When the auditor checks the quote callback
    Then the audit finds ML-013 broken

  @ML-004 @ML-005 @ML-006 @ML-007 @ML-011 @must
  Scenario Outline: A quote callback built by the rules passes every check (<version>)
    Given a Payee FSP's quote callback for "12.25" USD at scale 2 with an <version> packet
    When the auditor checks the quote callback
    Then the audit passes ML-004
    And the audit passes ML-005
    And the audit passes ML-007
    And the audit passes ML-011

    Examples:
      | version |
      | ILPv1   |
      | ILPv4   |

  @ML-006 @must
  Scenario: An ILPv1 fulfilment is the HMAC of the packet under the Payee FSP's secret
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv1 packet
    When the auditor checks the quote callback
    Then the audit passes ML-006

  @ML-004 @must
  Scenario: A packet amount that ignores the currency's exponent is found
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv1 packet written at scale 0
    When the auditor checks the quote callback
    Then the audit finds ML-004 broken
    And the audit passes ML-005

  @ML-006 @ML-007 @must
  Scenario: A fulfilment made with another secret is found: not the packet's HMAC, and not hashing to the condition
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv1 packet
    And the Payee FSP gives the fulfilment of another secret
    When the auditor checks the quote callback
    Then the audit finds ML-006 broken
    And the audit finds ML-007 broken
