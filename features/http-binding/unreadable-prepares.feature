@http @rfc-35 @rfc-27
Feature: Error handling for a body that is no Prepare
  The body of an ILP-over-HTTP request is one OER-encoded Prepare (RFC 35 "Send ILP Prepare"). A body that
  cannot be read as one, cut short, of another packet type, empty or garbage, is refused where it arrives: with
  an ordinary HTTP error (RFC 35 "Error Handling" lets an endpoint answer a malformed request so), or with a
  final Reject the connector triggers itself, since sending the same bytes again cannot help (RFC 27 "Error
  Codes", F class). It is never fulfilled and goes to no other peer. RFC 27 names the code for it: F01 Invalid
  Packet, "the ILP packet was syntactically invalid".

  # Accepted: HTTP 4xx, or an F-class Reject with triggeredBy = the connector; nothing reaches bob or any peer.
  # Refused: a Fulfill, a T or R Reject (they invite a retry that cannot succeed), a Reject triggered by
  # someone else, an HTTP 5xx or no answer at all. The F01 code is judged apart, at SHOULD, below. A wrong type
  # byte is PKT-003 territory (the RFCs do not say how a connector answers it), but a body of type 99 is still
  # no Prepare, so only the refusal itself is asked for.
  @ERR-015 @must
  Scenario Outline: A Prepare <reason> is refused and reaches no peer
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob <flaw>
    Then the connector refuses alice's request with HTTP 4xx or a final Reject it triggered
    And no peer receives the Prepare

    Examples:
      | flaw                  | reason                                   |
      | cut short by 10 bytes | cut short inside its data                |
      | with type byte 99     | whose type byte names no ILP packet type |

  # Same alternatives as above; an empty body or garbage carries no destination, so bob is the peer checked.
  @ERR-015 @must
  Scenario Outline: A request with <body> is refused and nothing is forwarded
    Given bob fulfills
    When alice sends the connector <body>
    Then the connector refuses alice's request with HTTP 4xx or a final Reject it triggered
    And bob receives nothing

    Examples:
      | body                |
      | an empty body       |
      | 64 bytes of garbage |

  # RFC 27's table gives a syntactically invalid packet its own code, F01; a connector answering another F code
  # (ilp-connector answers F00 Bad Request) gets a warning, not a failure. An HTTP 4xx passes here too: RFC 35
  # lets the refusal be an HTTP error, which carries no ILP code at all.
  @ERR-016 @should
  Scenario Outline: A Prepare <reason> is answered with F01 Invalid Packet
    When alice sends a Prepare for 100 to a destination behind bob <flaw>
    Then the connector answers alice's request with HTTP 4xx or a Reject with code F01

    Examples:
      | flaw                  | reason                                   |
      | cut short by 10 bytes | cut short inside its data                |
      | with type byte 99     | whose type byte names no ILP packet type |

  @ERR-016 @should
  Scenario Outline: A request with <body> is answered with F01 Invalid Packet
    When alice sends the connector <body>
    Then the connector answers alice's request with HTTP 4xx or a Reject with code F01

    Examples:
      | body                |
      | an empty body       |
      | 64 bytes of garbage |
