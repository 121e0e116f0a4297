@ledger @rfc-17
Feature: Full support: the ledger's ILP address prefix
  A ledger with full support defines an ILP address prefix so that every account has a canonical ILP
  address (RFC 17, Full Support); in the 2017 addressing rules a ledger prefix ends in a period and an
  account's address is the prefix followed by the account's name (RFC 15 v1, ADDR-L01). A ledger tracks a
  single asset (RFC 1 of 2017, Ledgers) and lists the connectors that hold accounts on it, so a sender
  can find a way off the ledger.

  @LEDGER-013 @LEDGER-016 @must
  Scenario: The ledger names its one asset and an ILP address prefix
    When the harness reads the ledger's metadata
    Then the ledger names one currency and its scale
    And the ledger's ILP prefix is a 2017 address prefix

  @LEDGER-013 @must @needs-account-address
  Scenario: Every account has the ILP address made of the prefix and its name
    Given alice has a ledger account holding 0
    Then alice's ledger account has the ILP address of the ledger prefix followed by its name
    And that address is a 2017 destination address

  @LEDGER-013 @must @needs-connector-listing
  Scenario: Connector accounts are listed with their ILP addresses
    Given connie has a connector account on the ledger
    When the harness reads the ledger's metadata
    Then the ledger lists connie as a connector with her account's ILP address
