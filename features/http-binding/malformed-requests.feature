@http @rfc-35 @rfc-27
Feature: Malformed requests to the connector
  A request whose body is no valid Prepare is refused where it arrives: the connector may answer it with an
  ordinary HTTP error, or in ILP with a Reject it triggers itself, and what it could not read goes on to no
  other peer (RFC 35 "Error Handling"; RFC 27 F01 Invalid Packet). A Prepare whose data is one byte longer
  than the 32767 bytes a packet may carry is such a body (RFC 27 "ILP Prepare").

  # Either refusal passes: an HTTP 4xx (RFC 35 lets an endpoint answer a malformed request with an HTTP error;
  # ilp-plugin-http caps the whole body at 32767 bytes and answers 413), or a final (F) Reject the connector
  # triggered, F01 Invalid Packet being the fitting code (any F code passes: RFC 27 ties none to this case).
  @PKT-007 @must
  Scenario: A Prepare carrying 32768 bytes of data is refused and reaches no peer
    Given bob fulfills
    When alice sends a Prepare for 100 to a destination behind bob forged to carry 32768 bytes of data
    Then the connector refuses alice's request with HTTP 4xx or a final Reject it triggered
    And no peer receives the Prepare
