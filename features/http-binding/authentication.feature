@http @rfc-35
Feature: Authentication on ILP-over-HTTP links
  Peers may use any standard HTTP authentication; the topology agrees a bearer token per link and direction
  (RFC 35 "Authentication"). A request without the agreed credential is refused before any ILP processing, and
  the connector presents the token its peer issued when it forwards.

  # RFC 35 lets the peers choose the mechanism and names no status; 401 and 403 are the HTTP refusals.
  @HTTP-002 @should
  Scenario: A Prepare without credentials is refused and not forwarded
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob without credentials
    Then the connector answers alice's request with HTTP 401 or 403
    And bob receives nothing

  @HTTP-002 @should
  Scenario: A Prepare with a wrong token is refused and not forwarded
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob with a wrong token
    Then the connector answers alice's request with HTTP 401 or 403
    And bob receives nothing

  @HTTP-002 @should
  Scenario: One peer's token does not open another peer's endpoint
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob with carol's token
    Then the connector answers alice's request with HTTP 401 or 403
    And bob receives nothing

  @HTTP-002 @should
  Scenario: The connector presents the agreed token when it forwards
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob
    Then the connector authenticates to bob with the token agreed for that link
    And alice receives a Fulfill
