@receiver @rfc-29
Feature: STREAM encryption and conditions
  Every STREAM packet is AES-256-GCM ciphertext under a key derived from the shared secret; a fulfillable
  condition is derived from the same secret and the encrypted data, so only the receiver can fulfill it.
  Data the receiver cannot decrypt is an unexpected payment, F06 (RFC 29 §4.2, §5.1, §6).

  Background:
    Given a STREAM connection to the receiver

  @STREAM-004 @must
  Scenario: The receiver regenerates the fulfillment from the shared secret and the data
    When the sender pays 100 on stream 1
    Then the receiver fulfills it

  @STREAM-002 @must
  Scenario: The receiver encrypts its reply under the key derived from the shared secret
    When the sender pays 100 on stream 1
    Then the receiver fulfills it
    And the reply decrypts under the connection's encryption key

  @STREAM-005 @must
  Scenario: A Prepare encrypted under another shared secret is rejected with F06
    When the sender sends 100 on stream 1 encrypted under another shared secret
    Then the receiver rejects it with F06

  @STREAM-027 @should
  Scenario: A Prepare whose data is no STREAM ciphertext at all is rejected with F06
    When the sender sends 100 with data that is no STREAM packet
    Then the receiver rejects it with F06

  @STREAM-003 @must
  Scenario: The receiver encrypts every reply under a fresh IV
    When the sender pays 10 on stream 1 twice
    And the sender probes with 10 on stream 1 under an unfulfillable condition
    Then the receiver rejects it with its encrypted STREAM reply
    And every reply was encrypted under a fresh IV
