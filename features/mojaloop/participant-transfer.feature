@mojaloop @fspiop-1.1 @participant @payee
Feature: A Payee FSP fulfils only the transfer that pays its quote (FSPIOP v1.1 6.7.2.8)
  The suite, as switch and Payer FSP, pays the participant's quote with POST /transfers and takes the
  callback: PUT /transfers/{ID} with the fulfilment and COMMITTED, or PUT /transfers/{ID}/error. The Payee
  FSP checks that the packet is addressed to the Payee of the quote and carries the transfer's amount, and
  that the quote and the transfer are still valid; its fulfilment must hash to the condition, arrive before
  the transfer expires, and be the same when the transfer is resent.

  @ML-007 @ML-017 @must
  Scenario: The fulfilment of a transfer that pays the quote hashes to the quote's condition
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote
    Then the participant passes ML-007
    And the participant passes ML-017

  @ML-006 @must @needs-secret
  Scenario: The fulfilment is the HMAC of the packet under the Payee FSP's secret
    # Observable only when the participant's secret is disclosed (a test participant; the bundled reference does).
    When the switch asks the participant for a quote for "12.25" USD
    And the switch sends the transfer that pays the quote
    Then the participant passes ML-006

  @ML-003 @must
  Scenario: The fulfilment is 43 base64url characters
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote
    Then the participant passes ML-003

  @ML-020 @must
  Scenario: The transfer callback matches the FSPIOP v1.1 definition of PUT /transfers/{ID}
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote
    Then the participant passes ML-020

  @ML-018 @must
  Scenario: The transfer callback carries the v1.1 headers, from the participant to the requester
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote
    Then the participant passes ML-018

  @ML-010 @must
  Scenario: A transfer whose amount is not the packet's is refused
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote with the amount "100"
    Then the participant refuses the transfer with an error callback

  @ML-009 @must
  Scenario: A transfer whose packet is addressed to another Payee is refused
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote with its packet addressed to another Payee
    Then the participant refuses the transfer with an error callback

  @ML-007 @must @condition-field
  Scenario: A transfer with another condition is not fulfilled
    # Its fulfilment could not hash to that condition (6.7.2.8 step 4): an error callback is the only right answer.
    # The ISO 20022 mode cannot carry a condition other than the Prepare's: skipped there.
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote with another condition
    Then the participant refuses the transfer with an error callback

  @ML-014 @must
  Scenario: A transfer after the quote expired is refused
    # The quote request asks for a 1-second quote; a participant that gives a longer one is waited for up to 10 s.
    # FSPIOP lets the Payee FSP choose its quote's expiration, so one further off than that is not a failure: the
    # scenario is skipped as not observable, with the expiration it gave.
    When the switch asks the participant for a quote for "99" USD valid for 1 second
    And the quote's expiration passes
    And the switch sends the transfer that pays the quote
    Then the participant refuses the transfer with an error callback

  @ML-014 @must
  Scenario: A transfer that arrives after its own expiration is refused
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote, already expired
    Then the participant refuses the transfer with an error callback

  @ML-020 @must
  Scenario: A refusal's errorInformation matches the FSPIOP v1.1 definition
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote with the amount "100"
    Then the participant passes ML-020

  @ML-015 @should
  Scenario: The fulfilment arrives before the transfer expires
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote, expiring in 1500 ms
    Then the participant passes ML-015

  @ML-016 @must
  Scenario: A resent transfer gets the same fulfilment
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote
    And the switch resends the same transfer
    Then the participant passes ML-016

  @ML-019 @should
  Scenario: One callback for one transfer
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote
    Then the participant passes ML-019

  @ML-007 @must @ilpv4
  Scenario: An ILPv4 transfer is fulfilled with a fulfilment that hashes to the Prepare's condition
    When the switch asks the participant for a quote for "99" USD
    And the switch sends the transfer that pays the quote
    Then the participant passes ML-007
