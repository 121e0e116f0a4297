@mojaloop @fspiop-1.1 @captured
Feature: A Payee FSP's messages in a hub's log (FSPIOP v1.1 6.5.2.3, 6.7.2.8)
  The suite reads the FSPIOP messages a hub logged (JSON lines or HAR, lib/mojaloop/README.md) and judges
  them offline: each quote request, quote callback, transfer and transfer callback paired by their IDs, the
  transfer joined to its quote by ilpPacket. The Payee FSP is the FSP that sent the quote callback; its
  callbacks are judged by the checks the live payee mode makes. A requirement no exchange in the log allows
  a check of is skipped as not observable; so is every rule that needs a stimulus a log cannot give (an
  expired quote, a transfer changed on purpose): the live payee mode covers those.

  Background:
    Given the FSPIOP messages a hub logged

  @ML-004 @must
  Scenario: Every packet amount is the transfer amount at the currency's scale
    Then the Payee FSP passes ML-004 in every captured exchange

  @ML-005 @must
  Scenario: Every packet's data is its quote's Transaction
    Then the Payee FSP passes ML-005 in every captured exchange

  @ML-011 @should
  Scenario: Every packet is addressed g.<fsp>.<idType>.<id> to its quote's Payee
    Then the Payee FSP passes ML-011 in every captured exchange

  @ML-010 @must
  Scenario: Every fulfilled transfer's packet amount is its amount at the currency's scale
    # A log shows what the Payee FSP fulfilled, not what it was asked to refuse: a transfer it fulfilled although
    # the packet's amount is not the transfer's amount at the currency's scale fails; a refused one is not judged.
    Then the Payee FSP passes ML-010 in every captured exchange

  @ML-001 @must
  Scenario: Every quote callback's ilpPacket is base64url
    Then the Payee FSP passes ML-001 in every captured exchange

  @ML-002 @must
  Scenario: Every quote callback's condition is 43 base64url characters
    Then the Payee FSP passes ML-002 in every captured exchange

  @ML-013 @must
  Scenario: Every packet is of the declared version, an ILPv4 one holding the quote's condition
    # --ilp auto (the default for a capture) accepts ILPv1 and ILPv4 packets; v1 or v4 requires that one.
    Then the Payee FSP passes ML-013 in every captured exchange

  @ML-007 @must
  Scenario: Every fulfilment hashes to the condition of the transfer it fulfils
    Then the Payee FSP passes ML-007 in every captured exchange

  @ML-003 @must
  Scenario: Every fulfilment is 43 base64url characters
    Then the Payee FSP passes ML-003 in every captured exchange

  @ML-015 @should
  Scenario: Every fulfilment reached the hub before its transfer expired
    # Judged by the hub's timestamp of the callback against the transfer's expiration.
    Then the Payee FSP passes ML-015 in every captured exchange

  @ML-016 @must
  Scenario: Every resent transfer got the same fulfilment
    # Observable only when the log holds a POST /transfers sent again with the same body.
    Then the Payee FSP passes ML-016 in every captured exchange

  @ML-017 @must
  Scenario: Every request to the Payee FSP was answered with a callback
    # A request without a callback fails only when the log runs past the request's expiration; before that the
    # log may simply end too soon, and the exchange's evidence says it was not judged.
    Then the Payee FSP passes ML-017 in every captured exchange

  @ML-019 @should
  Scenario: One callback for each transfer request
    Then the Payee FSP passes ML-019 in every captured exchange

  @ML-018 @must
  Scenario: Every callback carries the v1.1 headers, from the Payee FSP to the requester
    Then the Payee FSP passes ML-018 in every captured exchange

  @ML-020 @must
  Scenario: Every callback matches the FSPIOP v1.1 definition
    Then the Payee FSP passes ML-020 in every captured exchange
