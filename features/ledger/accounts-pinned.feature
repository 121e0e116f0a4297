@ledger @rfc-17
Feature: Minimal and basic support: who an account's money answers to
  Funds move only as the debit account's holder asks (RFC 17, Minimal Support) and only that holder places a
  hold on the account (Basic Support). So an account's credentials belong to it alone, and the money on a
  ledger is what the operator issued when opening accounts: opening an account again, with another balance,
  must not issue more.

  # Were two accounts to share one token, its holder would move the other account's money too. Through an API
  # that authenticates a name with its password (Five Bells) a shared password shares nothing: not observable.
  @LEDGER-002 @LAPI-001 @must @needs-bearer-tokens
  Scenario: An account cannot be opened with a token another account already uses
    Given bob has a ledger account holding 100
    When the admin opens an account for dave with bob's token
    Then the ledger refuses it as a conflict
    And the ledger has no account for dave
    And bob's ledger balance is 100

  # Where opening is also the admin's update of an account (Five Bells), setting its balance again is the
  # operator issuing money on purpose, which RFC 17 allows: not observable there.
  @LEDGER-001 @LAPI-001 @must @needs-create-only-accounts
  Scenario: Opening an existing account again with a larger balance is refused, so no money is issued twice
    Given alice has a ledger account holding 100
    When the admin opens alice's account again holding 1000
    Then the ledger refuses it as a conflict
    And alice's ledger balance is 100

  # The same with credentials no account uses, so the refusal cannot come from the token check above: the
  # account's name alone must be enough for the ledger to know it already has it.
  @LEDGER-001 @LAPI-001 @must @needs-create-only-accounts
  Scenario: Opening an existing account again with a larger balance and a new token is refused, so no money is issued twice
    Given alice has a ledger account holding 100
    When the admin opens alice's account again holding 1000 with a new token
    Then the ledger refuses it as a conflict
    And alice's ledger balance is 100
