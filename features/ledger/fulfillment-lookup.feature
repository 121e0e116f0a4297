@ledger @rfc-17
Feature: Full support: fulfillments known by their condition
  Once a condition's fulfillment is known, anyone can look it up by the condition, and the ledger should
  reject new transfers that are not yet prepared and use a condition whose fulfillment is already known
  (RFC 17, Full Support): otherwise anyone who read the fulfillment could take the held funds.

  Background:
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 0
    And carol has a ledger account holding 0
    And alice has prepared a transfer of 10 to bob
    And bob has executed the transfer

  @LEDGER-011 @must @needs-fulfillment-lookup
  Scenario: The fulfillment of an executed transfer can be looked up by its condition
    When carol looks up the fulfillment of the transfer's condition
    Then the ledger accepts it
    And the lookup gives the transfer's preimage

  # The ledger may refuse the new transfer outright or record it as rejected; both keep the funds with alice.
  @LEDGER-011 @should
  Scenario: A new transfer with an already fulfilled condition is rejected at once
    When alice prepares a transfer of 5 to bob with the executed transfer's condition
    Then the ledger refuses the transfer or reports it rejected
    And alice's ledger balance is 90 with 0 on hold

  # Until a transfer executes there is no fulfillment on the ledger to give. An answer with one, whether by
  # the condition or by the transfer, would tell whoever asks that a payment went through when it has not.
  @LEDGER-011 @LAPI-001 @must @needs-fulfillment-lookup
  Scenario: A transfer that is prepared but not executed has no fulfillment to look up
    Given alice has prepared a transfer of 20 to bob
    When carol looks up the fulfillment of the transfer's condition
    Then the ledger refuses it as not found
    And the ledger gives no fulfillment for the transfer
    And the transfer is prepared
