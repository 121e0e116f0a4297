@mojaloop @fspiop-1.1 @participant @payee
Feature: A Payee FSP answers a quote with an Interledger payment request (FSPIOP v1.1 6.5.2.3)
  The suite plays the switch and a Payer FSP: it sends the participant POST /quotes and takes its callback,
  PUT /quotes/{ID}, on its own listener. The callback carries the Interledger payment request: an ILP packet
  whose amount is the transfer amount at the currency's scale, addressed to the Payee, with the quote's
  Transaction as data, and the condition, the SHA-256 of a fulfilment only the Payee FSP can make. The API's
  rules for every message apply too: 202 then a callback, the v1.1 headers, bodies that match the definition.

  @ML-004 @must
  Scenario Outline: The packet amount is the transfer amount at the currency's scale (<amount> <currency>)
    When the switch asks the participant for a quote for "<amount>" <currency>
    Then the participant passes ML-004

    Examples:
      | amount | currency |
      | 99     | USD      |
      | 12.25  | USD      |
      | 0.5    | EUR      |

  @ML-005 @must
  Scenario: The packet's data is the quote's Transaction
    When the switch asks the participant for a quote for "99" USD
    Then the participant passes ML-005

  @ML-011 @should
  Scenario: The packet is addressed g.<fsp>.<idType>.<id> to the quote's Payee
    When the switch asks the participant for a quote for "99" USD
    Then the participant passes ML-011

  @ML-001 @must
  Scenario: The quote callback's ilpPacket is base64url
    When the switch asks the participant for a quote for "99" USD
    Then the participant passes ML-001

  @ML-002 @must @condition-field
  Scenario: The quote callback's condition is 43 base64url characters
    # The ISO 20022 mode has no condition field (the condition is the Prepare's executionCondition): skipped there.
    When the switch asks the participant for a quote for "99" USD
    Then the participant passes ML-002

  @ML-013 @must @ilpv4 @condition-field
  Scenario: An ILPv4 packet's executionCondition is the quote's condition
    # The ISO 20022 mode has no condition apart from the Prepare's executionCondition: skipped there.
    When the switch asks the participant for a quote for "99" USD
    Then the participant passes ML-013

  @ML-020 @must
  Scenario: The quote callback matches the FSPIOP v1.1 definition of PUT /quotes/{ID}
    When the switch asks the participant for a quote for "99" USD
    Then the participant passes ML-020

  @ML-018 @must
  Scenario: The quote callback carries the v1.1 headers, from the participant to the requester
    When the switch asks the participant for a quote for "99" USD
    Then the participant passes ML-018

  @ML-017 @must
  Scenario: POST /quotes is accepted with 202 and answered with a callback
    # A quote refused with PUT /quotes/{ID}/error is a callback too; this scenario asks for a quote any Payee FSP can give.
    When the switch asks the participant for a quote for "99" USD
    Then the participant passes ML-017
