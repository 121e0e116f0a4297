@http @rfc-27 @rfc-30 @rfc-35
Feature: Packet format: forms a receiving connector may accept
  Packets are written in canonical OER, but a receiver may accept a non-canonical form (RFC 27 "Packet
  Format"), such as a length prefix in long form where the short form fits. RFC 30 "Extensibility" asks
  readers of "most Interledger formats" to ignore extra bytes at the end of a message, leaving room for later
  fields; it does not say which formats are exempt, and the ILP packet definitions carry no extension marker.
  So a connector may read such a Prepare or refuse it. If it refuses, the refusal is that of any unreadable
  body (an HTTP 4xx or a final Reject it triggers, nothing forwarded); if it reads it, it forwards the Prepare
  the bytes encode, in canonical OER and nothing else, and passes back the Fulfill.

  # Accepted: either of the two outcomes above. Refused: a T or R Reject, an HTTP 5xx, no answer, a Fulfill
  # with anything forwarded but the Prepare alice meant, a forwarded body still in long form (OER-001), or a
  # refusal after which some peer received the Prepare anyway.
  @ERR-015 @OER-002 @OER-001 @must
  Scenario Outline: A Prepare <flaw> is read as the Prepare it encodes, or refused
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob <flaw>
    Then the connector refuses alice's request, or forwards bob the Prepare it encodes and passes back the Fulfill

    Examples:
      | flaw                                     |
      | with its envelope length in long form    |
      | with its destination length in long form |
      | with its data length in long form        |

  # Extra bytes inside the envelope, after the data: RFC 30 asks they be ignored ("most formats"); extra bytes
  # after the envelope, in the same HTTP body: RFC 35 makes the body one Prepare, which a reader may hold
  # against the request or ignore as RFC 30 would. Either way, what goes on is the Prepare without them.
  @OER-003 @ERR-015 @OER-001 @must
  Scenario Outline: A Prepare <flaw> is read without them, or refused
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob <flaw>
    Then the connector refuses alice's request, or forwards bob the Prepare it encodes and passes back the Fulfill

    Examples:
      | flaw                                   |
      | with 3 extra bytes inside its envelope |
      | followed by 3 extra bytes              |
