@receiver @rfc-29
Feature: STREAM replies
  The receiver answers every Prepare it can read with an encrypted STREAM packet carrying the Prepare's
  sequence and the amount that arrived, in a Fulfill or in a Reject. A sender probes the exchange rate with an
  unfulfillable Prepare and learns it from that reply. A Prepare below the sender's minimum is not fulfilled
  (RFC 29 §5.2, §6.1).

  Background:
    Given a STREAM connection to the receiver

  @STREAM-006 @must
  Scenario: A Fulfill's STREAM reply carries the sequence of the Prepare's packet
    When the sender pays 100 on stream 1 twice
    Then the receiver fulfills it
    And the reply carries the sequence of the sender's packet

  @STREAM-008 @must
  Scenario: An unfulfillable probe is rejected with the encrypted STREAM reply
    When the sender probes with 123 on stream 1 under an unfulfillable condition
    Then the receiver rejects it with its encrypted STREAM reply

  @STREAM-006 @must
  Scenario: A probe's STREAM reply carries the sequence of the probe's packet
    When the sender probes with 123 on stream 1 under an unfulfillable condition
    Then the receiver rejects it with its encrypted STREAM reply
    And the reply carries the sequence of the sender's packet

  @STREAM-007 @must
  Scenario: A probe's STREAM reply states the amount that arrived
    When the sender probes with 123 on stream 1 under an unfulfillable condition
    Then the receiver rejects it with its encrypted STREAM reply
    And the reply states 123 as the amount received

  @STREAM-007 @must
  Scenario: A Fulfill's STREAM reply states the amount that arrived
    When the sender pays 250 on stream 1
    Then the receiver fulfills it
    And the reply states 250 as the amount received

  @STREAM-009 @must
  Scenario: A Prepare one below the sender's minimum is not fulfilled
    When the sender sends 99 on stream 1 asking for at least 100
    Then the receiver does not fulfill it

  @STREAM-009 @must
  Scenario: A Prepare at exactly the sender's minimum is fulfilled
    When the sender sends 100 on stream 1 asking for at least 100
    Then the receiver fulfills it

  @STREAM-010 @must
  Scenario: A STREAM packet meant for a Fulfill, found in a Prepare, is discarded
    When the sender sends 100 on stream 1 in a STREAM packet meant for a Fulfill
    Then the receiver does not fulfill it

  @STREAM-029 @must
  Scenario: Money fulfilled is credited to its stream
    When the sender pays 100 on stream 1 twice
    Then the receiver fulfills it
    And the reply shows 200 received on stream 1

  @STREAM-026 @should
  Scenario: Money is split between streams by shares, the remainder to the lowest stream
    When the sender pays 10 split as 1 shares on stream 1 and 2 shares on stream 3
    Then the receiver fulfills it
    And the reply shows 4 received on stream 1
    And the reply shows 6 received on stream 3
