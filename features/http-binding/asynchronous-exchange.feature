@http @rfc-35 @needs-http-async
Feature: Asynchronous ILP over HTTP
  In the current form of ILP over HTTP (RFC 35 draft 3) the Prepare request carries a Request-Id (a UUIDv4) and a
  Callback-Url; the receiver answers 202 Accepted at once, even for a packet it will reject, and later POSTs the
  Fulfill or Reject to the callback URL with the same Request-Id and Content-Type application/octet-stream. The
  callback answers 200, or 400 for an unknown or already answered Request-Id; a reply met with a 5xx or silence is
  sent again, and a 2xx or 4xx ends the retries (RFC 35 "Send ILP Prepare", "ILP Fulfill/Reject Reply",
  "Retry Behavior", "Idempotence"). amy and dave are the topology's async peers.

  @HTTP-008 @must
  Scenario: A Prepare the connector will reject is still accepted with 202 first
    When amy sends a Prepare for 100 to an address under test.nowhere
    Then the connector answers amy's request with HTTP 202
    And amy receives a Reject with code F02

  @HTTP-009 @HTTP-007 @must
  Scenario: The reply goes to the callback URL with the Request-Id of the Prepare
    Given bob fulfills
    When amy sends a Prepare for 100 to a destination behind bob
    Then the connector delivers the reply to amy's callback URL with the Request-Id of its Prepare
    And amy receives a Fulfill

  @HTTP-007 @must
  Scenario: The connector's request to an async peer carries a UUIDv4 Request-Id
    Given dave fulfills
    When alice sends a Prepare for 100 to a destination behind dave
    Then the request dave receives carries a Request-Id that is a UUIDv4
    And alice receives a Fulfill

  @HTTP-006 @should
  Scenario: The connector's request to an async peer says where to deliver the reply
    Given dave fulfills
    When alice sends a Prepare for 100 to a destination behind dave
    Then the request dave receives carries a Callback-Url
    And alice receives a Fulfill

  @HTTP-004 @must
  Scenario: The connector's request to an async peer declares application/octet-stream
    Given dave fulfills
    When alice sends a Prepare for 100 to a destination behind dave
    Then the request dave receives has Content-Type and Accept application/octet-stream
    And alice receives a Fulfill

  @HTTP-010 @should
  Scenario: A reply delivered a second time is refused with 400
    Given dave fulfills
    When alice sends a Prepare for 100 to a destination behind dave
    Then alice receives a Fulfill
    And the connector answers dave's first delivery with HTTP 200
    When dave delivers its reply again to the connector's callback URL
    Then the connector answers the delivery with HTTP 400

  @HTTP-010 @should
  Scenario: A reply for an unknown Request-Id is refused with 400
    Given dave holds the Prepare
    When alice sends a Prepare for 100 to a destination behind dave
    And dave delivers a Fulfill with an unknown Request-Id to the connector's callback URL
    Then the connector answers the delivery with HTTP 400
    When dave fulfills the held Prepare
    Then alice receives a Fulfill

  @HTTP-012 @should
  Scenario: Of two deliveries of the same reply only the first is passed on
    Given dave delivers its Fulfill twice
    When amy sends a Prepare for 100 to a destination behind dave expiring in 1500 ms
    Then amy receives a Fulfill
    And the connector delivers the reply to amy exactly once

  @HTTP-011 @should
  Scenario: A reply met with a server error is delivered again
    Given amy's callback endpoint answers the first delivery with HTTP 503
    And bob fulfills
    When amy sends a Prepare for 100 to a destination behind bob expiring in 1500 ms
    Then amy receives a Fulfill
    And the connector delivers the reply to amy again after the 503, and stops once it is accepted

  @HTTP-011 @must
  Scenario: A reply refused with a 4xx is not delivered again
    Given amy's callback endpoint answers the first delivery with HTTP 400
    And bob fulfills
    When amy sends a Prepare for 100 to a destination behind bob expiring in 1500 ms
    Then amy receives a Fulfill
    And the connector delivers the reply to amy exactly once
