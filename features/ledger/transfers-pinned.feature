@ledger @rfc-17
Feature: Basic support: transfers at the edges of a hold
  A transfer moves funds between two accounts (RFC 17, Minimal Support) and a hold keeps them for one
  transfer, under its hash condition and its timeout, until the outcome is known (Basic Support). So a
  transfer to an account the ledger does not have moves nothing, a hold whose timeout has passed is never
  placed, and the ledger keeps the condition and timeout a hold was placed under.

  Background:
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 0

  # Debiting the sender for an account that does not exist would destroy the amount.
  @LEDGER-001 @must
  Scenario: A transfer to an account the ledger does not have is refused, and the sender keeps the money
    When alice transfers 10 without a condition to dave, who has no account
    Then the ledger refuses it
    And alice's ledger balance is 100 with 0 on hold

  @LEDGER-006 @must
  Scenario: A hold whose timeout has already passed is not placed
    When alice prepares a transfer of 10 to bob whose timeout passed a second ago
    Then the ledger refuses the transfer or reports it rejected
    And alice's ledger balance is 100 with 0 on hold

  @LEDGER-002 @must
  Scenario: A prepared transfer keeps the condition and the timeout it is held under
    When alice prepares a transfer of 10 to bob
    Then the ledger accepts it
    And the transfer shows the amount, both accounts, the condition and the timeout it was prepared with

  # A ledger that acknowledged it would tell a connector it was paid when nothing moved.
  @LEDGER-004 @must
  Scenario: A fulfillment for a transfer the ledger does not have is refused
    When bob executes a transfer the ledger does not have
    Then the ledger refuses it
    And alice's ledger balance is 100 with 0 on hold
    And bob's ledger balance is 0

  # An answer of success would vouch for a fulfillment that does not match, which a connector could pass on.
  @LEDGER-004 @must
  Scenario: Once the transfer is executed, a wrong fulfillment is still refused
    Given alice has prepared a transfer of 10 to bob
    And bob has executed the transfer
    When bob executes the transfer with a wrong fulfillment
    Then the ledger refuses it
    And alice's ledger balance is 90 with 0 on hold
    And bob's ledger balance is 10
