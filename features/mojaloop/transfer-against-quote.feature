@mojaloop @fspiop-1.1
Feature: The transfer pays the quote (FSPIOP v1.1 section 6.7.2.8)
  The Payer FSP attaches to its transfer request (POST /transfers) the very ILP packet and condition the Payee
  FSP gave in its quote callback (PUT /quotes/{ID}), for the quote's transfer amount. When the transfer
  reaches the Payee FSP, it checks that the packet's address is the Payee's and that the packet's amount is
  the transfer's. In the ILPv4 mode the packet is a Prepare, and its executionCondition is the condition.

  @ML-008 @ML-012 @ML-010 @ML-009 @must
  Scenario Outline: A transfer that repeats the quote passes (<version>)
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an <version> packet
    When the Payer FSP sends the transfer for it
    Then the audit passes ML-008
    And the audit passes ML-012
    And the audit passes ML-010

    Examples:
      | version |
      | ILPv1   |
      | ILPv4   |

  @ML-008 @ML-010 @must
  Scenario: A transfer with the packet of another quote is found (ILPv1)
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv1 packet
    When the Payer FSP sends the transfer for it with the packet of a quote for "98"
    Then the audit finds ML-008 broken
    And the audit finds ML-010 broken

  @ML-008 @ML-010 @ML-013 @must
  Scenario: A transfer with the packet of another quote is found (ILPv4)
    # The other quote's Transaction differs, so its packet holds another executionCondition too.
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv4 packet
    When the Payer FSP sends the transfer for it with the packet of a quote for "98"
    Then the audit finds ML-008 broken
    And the audit finds ML-010 broken
    And the audit finds ML-013 broken

  @ML-008 @must
  Scenario: A transfer with another condition is found
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv1 packet
    When the Payer FSP sends the transfer for it with another condition
    Then the audit finds ML-008 broken

  @ML-012 @should
  Scenario: A transfer for more than the quote's transfer amount is found
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv1 packet
    When the Payer FSP sends the transfer for it with the amount "100"
    Then the audit finds ML-012 broken
    And the audit finds ML-010 broken

  @ML-009 @must
  Scenario: A transfer to a Payee FSP the packet's address does not name is found
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv1 packet
    When the Payer FSP sends the transfer for it to the Payee FSP "OtherFsp"
    Then the audit finds ML-009 broken

  @ML-013 @must
  Scenario: An ILPv4 packet's executionCondition is the transfer's condition
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv4 packet
    When the Payer FSP sends the transfer for it
    Then the audit passes ML-013

  @ML-013 @must
  Scenario: An ILPv4 transfer whose condition is not the packet's executionCondition is found
    Given a Payee FSP's quote callback for "99" USD at scale 2 with an ILPv4 packet
    When the Payer FSP sends the transfer for it with another condition
    Then the audit finds ML-013 broken
    And the audit finds ML-008 broken
