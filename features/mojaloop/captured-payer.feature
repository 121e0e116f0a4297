@mojaloop @fspiop-1.1 @captured
Feature: A Payer FSP's messages in a hub's log (FSPIOP v1.1 6.7.2.8)
  The suite reads the FSPIOP messages a hub logged and judges them offline (see captured-payee.feature). The
  Payer FSP is the FSP that sent POST /quotes and POST /transfers; its transfer must carry the quote's
  ilpPacket and condition unchanged, for the quote's transferAmount, and both requests carry the v1.1
  headers and match the definition, as in the live payer mode.

  Background:
    Given the FSPIOP messages a hub logged

  @ML-008 @must
  Scenario: Every transfer carries its quote's ilpPacket and condition
    Then the Payer FSP passes ML-008 in every captured exchange

  @ML-012 @should
  Scenario: Every transfer is for its quote's transferAmount
    Then the Payer FSP passes ML-012 in every captured exchange

  @ML-010 @must
  Scenario: Every transfer's amount is its packet's amount at the currency's scale
    Then the Payer FSP passes ML-010 in every captured exchange

  @ML-018 @must
  Scenario: Every request carries the v1.1 headers
    Then the Payer FSP passes ML-018 in every captured exchange

  @ML-020 @must
  Scenario: Every request matches the FSPIOP v1.1 definition
    Then the Payer FSP passes ML-020 in every captured exchange
