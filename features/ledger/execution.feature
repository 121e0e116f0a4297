@ledger @rfc-17
Feature: Basic support: executing a held transfer with its fulfillment
  The ledger releases held funds to the receiver only when given a 32-byte preimage whose SHA-256 digest is
  the condition the sender supplied, and only before the timeout (RFC 17, Basic Support; RFC 1 of 2017,
  Conditional Transfers). A preimage of any other length is refused even when it hashes to the condition,
  because the length was not fixed otherwise when the transfer was prepared. Whoever knows the preimage may
  present it; over this API the caller must still be authenticated.

  Background:
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 0

  @LEDGER-004 @COND-L01 @LEDGER-018 @ARCH-L01 @must
  Scenario: The right 32-byte preimage executes the transfer
    Given alice has prepared a transfer of 10 to bob
    When bob executes the transfer with its fulfillment
    Then the ledger accepts it
    And the transfer is executed
    And alice's ledger balance is 90 with 0 on hold
    And bob's ledger balance is 10
    And the ledger gives the transfer's preimage as its fulfillment

  @LEDGER-004 @COND-L01 @must
  Scenario: A preimage that does not hash to the condition is refused
    Given alice has prepared a transfer of 10 to bob
    When bob executes the transfer with a wrong fulfillment
    Then the ledger refuses it
    And the transfer is prepared
    And alice's ledger balance is 90 with 10 on hold
    And bob's ledger balance is 0

  @LEDGER-005 @COND-L01 @must
  Scenario Outline: A preimage that is not 32 bytes is refused even when it hashes to the condition (<length> bytes)
    Given alice has prepared a transfer of 10 to bob conditioned on a <length>-byte preimage
    When bob executes the transfer with its fulfillment
    Then the ledger refuses it
    And the transfer is prepared
    And bob's ledger balance is 0

    Examples:
      | length |
      | 31     |
      | 33     |
      | 64     |
