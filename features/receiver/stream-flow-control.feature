@receiver @rfc-29
Feature: STREAM flow control
  The receiver advertises how much money and data it takes per stream and per connection, never advertises
  less than before, and closes the connection with FlowControlError when a sender goes past a limit
  (RFC 29 §4.4.4, §4.5). The limits tested are the ones the receiver advertises in its replies.

  Background:
    Given a STREAM connection to the receiver

  @STREAM-014 @must
  Scenario: The receive maximum of a stream never shrinks as money arrives
    When the sender pays 100 on stream 1 twice
    Then the receiver fulfills it
    And the receive maximum advertised for stream 1 never shrank

  @STREAM-015 @must
  Scenario: Data up to a stream's advertised maximum is accepted
    When the sender sends as much data on stream 1 as the receiver advertises
    Then the receiver fulfills it

  @STREAM-015 @must
  Scenario: Data past a stream's advertised maximum closes the connection with FlowControlError
    When the sender sends one byte more on stream 1 than the receiver advertises
    Then the receiver closes the connection with FlowControlError

  @STREAM-016 @must
  Scenario: Data past the connection's advertised maximum closes the connection with FlowControlError
    When the sender spreads one byte more data than the connection allows over new streams
    Then the receiver closes the connection with FlowControlError

  @STREAM-022 @must
  Scenario: A resent StreamData frame counts once against the connection's limit
    When the sender sends more than half the connection's data limit on stream 1 twice at the same offset
    Then the receiver fulfills it

  @STREAM-015 @must
  Scenario: Money past a stream's receive maximum closes the connection with FlowControlError
    When the sender pays one unit more on stream 1 than the receiver advertises
    Then the receiver closes the connection with FlowControlError
