@receiver @rfc-29
Feature: STREAM connection details and closing
  Asset details are fixed for a connection's lifetime and each endpoint should state its own; a connection the
  sender closed takes no more money (RFC 29 §4.3.3, §4.6, §5.3.1).

  Background:
    Given a STREAM connection to the receiver

  @STREAM-018 @should
  Scenario: The receiver states its asset details to a sender that announced its address
    When the sender pays 100 on stream 1 twice, announcing its address
    Then the receiver fulfills it
    And the reply states the receiver's asset details

  @STREAM-017 @must
  Scenario: The receiver's asset details do not change during a connection
    When the sender pays 100 on stream 1 twice, announcing its address
    Then the receiver fulfills it
    And every reply states the same asset details

  @STREAM-019 @should
  Scenario: A sender contradicting its own asset details has the connection closed
    When the sender states its asset as USD with scale 2
    And the sender states its asset as USD with scale 3
    Then the receiver closes the connection with ProtocolViolation

  @STREAM-021 @must
  Scenario: After the sender closes the connection, no more money is accepted
    When the sender closes the connection
    And the sender pays 100 on stream 1
    Then the receiver does not fulfill it
