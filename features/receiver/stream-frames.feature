@receiver @rfc-29
Feature: STREAM frames and extensibility
  A receiver ignores what a later version may add: bytes after the frames and frames of unknown type
  (RFC 29 §5.2, §5.3), and reads a send or receive maximum wider than UInt64 as the UInt64 maximum (§5.1.4). A client opens only odd-numbered streams; an even one is a protocol violation (§4.4.1).

  Background:
    Given a STREAM connection to the receiver

  @STREAM-011 @must
  Scenario: Junk after the frames is ignored
    When the sender pays 100 on stream 1 with 5 junk bytes after the frames
    Then the receiver fulfills it

  @STREAM-012 @must
  Scenario: A frame of unknown type is ignored
    When the sender pays 100 on stream 1 with a frame of unknown type 127
    Then the receiver fulfills it

  @STREAM-023 @must
  Scenario: A StreamMoneyBlocked sendMax wider than UInt64 is read as the maximum, not refused
    When the sender pays 100 on stream 1 saying it wants to send 2^64
    Then the receiver fulfills it

  @STREAM-013 @must
  Scenario: A client opening an even-numbered stream has the connection closed with ProtocolViolation
    When the sender pays 100 on stream 2
    Then the receiver closes the connection with ProtocolViolation

  @STREAM-013 @must
  Scenario: A client opening an odd-numbered stream is served
    When the sender pays 100 on stream 3
    Then the receiver fulfills it
