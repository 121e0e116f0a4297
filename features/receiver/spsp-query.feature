@receiver @rfc-9
Feature: SPSP query
  A receiver's SPSP endpoint answers a GET with the details a sender needs to open a STREAM connection: its
  ILP address and a fresh 32-byte shared secret, as application/spsp4+json, with caching advice (RFC 9 draft 14,
  Query and Response). The harness queries it as an SPSP client would.

  @SPSP-001 @must
  Scenario: The SPSP endpoint answers over HTTPS
    # RFC 9 (Interfaces): "SPSP messages MUST be exchanged over HTTPS", and RFC 26 resolves every payment pointer
    # to an https URL. Neither makes an exception for localhost or development, so the bundled reference serves
    # HTTPS on 127.0.0.1 too, with a certificate made for the run that the harness trusts explicitly (an external
    # receiver: the system's CAs, or the file given with --receiver-ca). Any TLS version and cipher that verify
    # are accepted, and so is a redirect when every URL on the way is https.
    When the sender queries the receiver's SPSP endpoint
    Then the SPSP answer came over HTTPS with a certificate the sender trusts

  @SPSP-002 @must
  Scenario: The SPSP endpoint answers a query with 200
    When the sender queries the receiver's SPSP endpoint
    Then the SPSP answer has status 200

  @SPSP-003 @must
  Scenario: The answer is application/spsp4+json
    When the sender queries the receiver's SPSP endpoint
    Then the SPSP answer has content type "application/spsp4+json"

  @SPSP-004 @must
  Scenario: The answer says how long it may be cached
    When the sender queries the receiver's SPSP endpoint
    Then the SPSP answer says how long to cache it

  @SPSP-005 @must
  Scenario: destination_account is the receiver's ILP address
    When the sender queries the receiver's SPSP endpoint
    Then its destination_account is a valid ILP address

  @SPSP-006 @must
  Scenario: shared_secret holds 32 bytes
    When the sender queries the receiver's SPSP endpoint
    Then its shared_secret decodes to 32 bytes

  @SPSP-012 @should
  Scenario: shared_secret is in base64, the recommended encoding
    When the sender queries the receiver's SPSP endpoint
    Then its shared_secret is base64 with padding

  @SPSP-007 @should
  Scenario: Every query gets its own shared secret
    When the sender queries the receiver's SPSP endpoint twice
    Then the two answers hold different shared secrets

  @SPSP-009 @should
  Scenario: A query for a receiver that does not exist is answered 404
    When the sender queries the SPSP endpoint of a receiver that does not exist
    Then the SPSP answer has status 404

  @SPSP-011 @should
  Scenario: The answer to a query allows any origin (Web Monetization polyfills)
    When the sender queries the receiver's SPSP endpoint
    Then the SPSP answer allows any origin

  @SPSP-011 @should
  Scenario: The answer to OPTIONS allows any origin
    When the sender asks the receiver's SPSP endpoint for its options
    Then the SPSP answer allows any origin

  @SPSP-010 @must
  Scenario: The details of a query open a connection that takes money
    Given a STREAM connection to the receiver
    When the sender pays 100 on stream 1
    Then the receiver fulfills it
