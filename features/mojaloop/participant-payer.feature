@mojaloop @fspiop-1.1 @participant @payer
Feature: A Payer FSP's transfer repeats the quote it pays (FSPIOP v1.1 6.7.2.8)
  The suite plays the switch and the Payee FSP: it asks the participant to pay through its trigger endpoint,
  answers the participant's POST /quotes with a quote callback of its own making, and judges the
  POST /transfers that follows. It must carry the quote's ilpPacket and condition unchanged, for the quote's
  transferAmount; both requests carry the v1.1 headers and match the definition.

  @ML-008 @must
  Scenario: POST /transfers carries the quote's ilpPacket and condition
    When the participant is asked to pay "99" USD
    Then the participant passes ML-008

  @ML-012 @should
  Scenario: POST /transfers is for the quote's transferAmount
    When the participant is asked to pay "12.25" USD
    Then the participant passes ML-012

  @ML-010 @must
  Scenario: The transfer's amount is the packet's amount at the currency's scale
    When the participant is asked to pay "99" USD
    Then the participant passes ML-010

  @ML-018 @must
  Scenario: POST /quotes and POST /transfers carry the v1.1 headers
    When the participant is asked to pay "99" USD
    Then the participant passes ML-018

  @ML-020 @must
  Scenario: POST /quotes and POST /transfers match the FSPIOP v1.1 definition
    When the participant is asked to pay "99" USD
    Then the participant passes ML-020

  @ML-008 @must @ilpv4
  Scenario: An ILPv4 Payer FSP repeats the quote's Prepare and condition
    # In the ISO 20022 mode the condition is the Prepare's own: only the ilpPacket is compared there.
    When the participant is asked to pay "99" USD
    Then the participant passes ML-008
