@ledger @rfc-17
Feature: Memos on transfers
  Every transfer can carry a memo for its receiver (RFC 17, Basic Support); a ledger with full support takes
  memos of up to 65 535 bytes (Full Support). In the ILPv1 model the memo carries the ILP packet, so the
  receiver (often a connector) reads the packet from the transfer it was notified of. The memo comes back
  byte for byte.

  Background:
    Given alice has a ledger account holding 100
    And bob has a ledger account holding 0

  @LEDGER-007 @must
  Scenario: A short memo travels with the transfer to its receiver
    Given bob listens for ledger notifications
    When alice prepares a transfer of 10 to bob with a memo of 40 bytes
    Then the ledger accepts it
    And the ledger returns the transfer's memo unchanged
    And bob is notified that the transfer was prepared, with its memo

  @LEDGER-007 @must
  Scenario: A memo can carry an ILP packet for the receiver
    When alice prepares a transfer of 10 to bob carrying an ILP Prepare in its memo
    Then the ledger accepts it
    And bob reads the ILP Prepare from the transfer's memo

  @LEDGER-009 @must
  Scenario: A memo of 65535 bytes is accepted and returned whole
    Given bob listens for ledger notifications
    When alice prepares a transfer of 10 to bob with a memo of 65535 bytes
    Then the ledger accepts it
    And the ledger returns the transfer's memo unchanged
    And bob is notified that the transfer was prepared, with its memo
