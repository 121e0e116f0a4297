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

    # A reset in the middle of the answer (a 200 announcing a Fulfill, half of it, then a TCP reset) is no
    # Fulfill: RFC 35 lets the connector pick a final or a temporary code for it, as for a dropped connection.
    Examples:
      | failure                                                |
      | answers HTTP 200 with a body that is not an ILP packet |
      | answers HTTP 200 with an empty body                    |
      | drops the connection                                   |
      | resets the connection in the middle of its answer      |

  # Nothing listens on erin's port, so the connector's connection is refused. RFC 27 gives this case its own
  # code, T01 Peer Unreachable ("has a route ... but was unable to reach the next connector. Try again later"),
  # and RFC 35 asks for a final or temporary code; the temporary class is the one the RFCs' words fit, so any T
  # code passes, T01 being the fitting one. A final code (ilp-connector answers F02 Unreachable, which RFC 27
  # keeps for "no route") tells the sender to give up on a route that exists: a warning.
  @HTTP-013 @should
  Scenario: A next hop that refuses connections gets the sender a temporary Reject
    Given erin's endpoint refuses connections
    When alice sends a Prepare for 100 to a destination behind erin
    Then alice receives a temporary Reject
    And the Reject alice receives is triggered by the connector
