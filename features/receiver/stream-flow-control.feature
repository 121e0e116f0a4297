@receiver @rfc-29
Feature: STREAM flow control
  The receiver advertises how much money and data it takes per stream and per connection, never advertises
  less than before, and closes the connection with FlowControlError when a sender goes past a limit
  (RFC 29 §4.4.4, §4.5). The reference receiver advertises 4096 bytes per stream and 6144 per connection.

  Background:
    Given a STREAM connection to the receiver

  @STREAM-014 @must
  Scenario: The receive maximum of a stream never shrinks as money arrives
    When the sender pays 100 on stream 1 twice
    Then the receiver fulfills it
    And the receive maximum advertised for stream 1 never shrank

  @STREAM-015 @must
  Scenario: Data up to a stream's advertised maximum is accepted
    When the sender sends 4096 bytes of data on stream 1
    Then the receiver fulfills it

  @STREAM-015 @must
  Scenario: Data past a stream's advertised maximum closes the connection with FlowControlError
    When the sender sends 4097 bytes of data on stream 1
    Then the receiver closes the connection with FlowControlError

  @STREAM-016 @must
  Scenario: Data past the connection's advertised maximum closes the connection with FlowControlError
    When the sender sends 3073 bytes of data on each of streams 1 and 3
    Then the receiver closes the connection with FlowControlError

  @STREAM-022 @must
  Scenario: A resent StreamData frame counts once against the connection's limit
    When the sender sends 3073 bytes of data on stream 1 twice at the same offset
    Then the receiver fulfills it

  @STREAM-015 @must
  Scenario: Money past a stream's receive maximum closes the connection with FlowControlError
    When the sender pays 1000001 on stream 1
    Then the receiver closes the connection with FlowControlError
