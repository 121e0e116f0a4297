@http @rfc-35 @rfc-27
Feature: HTTP failures at the next hop
  An ILP-over-HTTP endpoint may fail at the HTTP level instead of answering in ILP. The connector then sends its
  own sender a Reject with a fitting final or temporary code, and turns a server error (5xx) into a temporary one
  (RFC 35 "Error Handling").

  # RFC 35 asks for "T00: Temporary Error" (RFC 27 calls T00 "Internal Error"); any temporary (T) code passes,
  # T01 Peer Unreachable included. ilp-connector answers F02 instead (catalog IMPL-002).
  @ERR-014 @HTTP-013 @ERR-009 @should
  Scenario Outline: A server error from the next hop becomes a temporary Reject from the connector
    Given <peer>'s endpoint answers HTTP <status>
    When alice sends a Prepare for 100 to a destination behind <peer>
    Then alice receives a temporary Reject
    And the Reject alice receives is triggered by the connector

    Examples: a synchronous next hop
      | peer | status |
      | bob  | 500    |
      | bob  | 503    |

    @needs-http-async
    Examples: an asynchronous next hop, instead of 202
      | peer | status |
      | dave | 503    |

  @HTTP-013 @ERR-009 @should
  Scenario Outline: A next hop that gives no ILP answer gets the sender a final or temporary Reject
    Given bob's endpoint <failure>
    When alice sends a Prepare for 100 to a destination behind bob
    Then alice receives a final or temporary Reject
    And the Reject alice receives is triggered by the connector

    Examples:
      | failure                                                |
      | answers HTTP 200 with a body that is not an ILP packet |
      | answers HTTP 200 with an empty body                    |
      | drops the connection                                   |
