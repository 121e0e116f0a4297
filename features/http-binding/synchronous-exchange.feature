@http @rfc-35 @needs-http-sync
Feature: Synchronous ILP over HTTP
  In the request/response form of ILP over HTTP (RFC 35 draft 1, which deployed connectors speak), the Prepare is
  POSTed as an OER body with Content-Type and Accept application/octet-stream, and the Fulfill or Reject comes back
  in the body of a 200 response: every ILP answer, a Reject included, is a 200 (RFC 35 draft 1 "Request",
  "Response"; drafts 2 and 3 "Send ILP Prepare" for the headers).

  @HTTP-014 @must
  Scenario: A Reject comes back in a 200 response
    When alice sends a Prepare for 100 to an address under test.nowhere
    Then the connector answers alice's request with HTTP 200 and an application/octet-stream body holding an ILP packet
    And alice receives a Reject with code F02

  @HTTP-014 @must
  Scenario: A Fulfill comes back in a 200 response
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob
    Then the connector answers alice's request with HTTP 200 and an application/octet-stream body holding an ILP packet
    And alice receives a Fulfill

  # Draft 1 only shows both headers in its example request; draft 2, whose default is this synchronous mode,
  # makes them a MUST ("Send ILP Prepare", Content-Type / Accept Headers), as draft 3 does. ilp-plugin-http
  # sends Content-Type application/ilp+octet-stream and no Accept, so such a connector fails this MUST.
  @HTTP-004 @must
  Scenario: The connector's request to the next hop declares application/octet-stream
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob
    Then the request bob receives has Content-Type and Accept application/octet-stream
    And alice receives a Fulfill

  @HTTP-005 @must
  Scenario: The body of the connector's request is the OER Prepare and nothing else
    Given bob fulfills
    When alice sends a Prepare for 100 with 300 bytes of data to a destination behind bob
    Then the body of the request bob receives is one OER Prepare and nothing else
    And alice receives a Fulfill
