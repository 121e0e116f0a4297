@codec @rfc-27
Feature: ILP Reject
  RFC 27 ("ILP Reject") defines the answer that refuses a Prepare: type 14, then a three-character error code
  (IA5), the address of whoever raised the error (triggeredBy), a human-readable message of at most 8191
  bytes of UTF-8, and up to 32767 bytes of data, in that order.

  @PKT-006 @must
  Scenario: A Reject decodes into its four fields in wire order
    When the decoder decodes the packet:
      """
      0e 41                                                                            # Reject, contents 65 bytes
      463031                                                                           # code "F01"
      0e 6578616d706c652e75732e626f62                                                  # triggeredBy "example.us.bob"
      27 6d697373696e672064657374696e6174696f6e2e206c65646765723d6578616d706c652e75732e # message, 39 bytes
      06 000000041041                                                                  # data, 6 bytes
      """
    Then it is a Reject with:
      | code         | F01                                     |
      | triggered by | example.us.bob                          |
      | message      | missing destination. ledger=example.us. |
      | data         | 000000041041                            |

  @PKT-006 @OER-001 @must
  Scenario: The codec writes a Reject field by field in canonical OER
    When the codec encodes a Reject with:
      | code         | F02                          |
      | triggered by | test.connie                  |
      | message      | failed to send packet: fail! |
      | data         | 0a0b                         |
    Then the bytes written are:
      """
      0e 2f                                                       # Reject, contents 47 bytes
      463032                                                      # code "F02"
      0b 746573742e636f6e6e6965                                   # triggeredBy "test.connie"
      1c 6661696c656420746f2073656e64207061636b65743a206661696c21 # message "failed to send packet: fail!"
      02 0a0b                                                     # data, 2 bytes
      """
    And decoding the bytes gives back the same Reject

  @PKT-006 @must
  Scenario: A code byte outside IA5 is refused
    When the decoder decodes the packet:
      """
      0e 0c                   # Reject, contents 12 bytes
      7477ff                  # code: "t", "w", then the byte ff, which is not IA5 (7-bit ASCII)
      06 746573742e74         # triggeredBy "test.t"
      00                      # message ""
      00                      # data, none
      """
    Then it is refused as InvalidIa5 in "code" at byte 4

  @PKT-006 @ERR-001 @must
  Scenario Outline: The codec writes only three-character codes (<reason>)
    When the codec encodes a Reject with:
      | code | <code> |
    Then it is refused as InvalidErrorCode in "code"

    Examples:
      | code | reason                             |
      | F0   | two characters                     |
      | F001 | four characters                    |
      | F0é  | a character outside IA5            |

  @PKT-006 @PKT-007 @must
  Scenario: A Reject carries at most 32767 bytes of data
    When the codec encodes a Reject with:
      | data | 32768 zero bytes |
    Then it is refused as DataTooLong in "data"

  @PKT-008 @must
  Scenario: A message of 8191 bytes, the most a Reject carries, is written and read back
    When the codec encodes a Reject with:
      | message | 8191 × "a" |
    Then the bytes written contain "821fff 616161"
    And decoding the bytes gives back the same Reject

  @PKT-008 @must
  Scenario: The codec does not write a message of 8192 bytes
    When the codec encodes a Reject with:
      | message | 8192 × "a" |
    Then it is refused as MessageTooLong in "message"

  # The ASN.1 (UTF8String SIZE 0..8191) counts characters; implementations count bytes. The catalog reads the
  # limit in bytes, as deployed decoders do, so 4096 two-byte characters (8192 bytes) are too many. A codec
  # that counted characters would be recorded, not failed.
  @PKT-008 @may
  Scenario: The message limit counts bytes, not characters
    When the codec encodes a Reject with:
      | message | 4096 × "é" |
    Then it is refused as MessageTooLong in "message"

  # An empty triggeredBy is legal in the ASN.1 (Address SIZE 0..1023) but is no RFC 15 address. The catalog's
  # reading, which the codec follows: a strict decoder refuses it, a lenient one accepts it (ilp-packet 3.1.3
  # accepts it; ilp-connector relays such Rejects).
  @ADDR-011 @may
  Scenario: A strict decoder refuses a Reject with an empty triggeredBy
    When the decoder decodes the packet:
      """
      0e 06     # Reject, contents 6 bytes
      463030    # code "F00"
      00        # triggeredBy, empty
      00        # message ""
      00        # data, none
      """
    Then it is refused as InvalidAddress in "triggeredBy" at byte 6

  @ADDR-011 @may @needs-lenient-mode
  Scenario: A lenient decoder accepts a Reject with an empty triggeredBy
    When a lenient decoder decodes the packet:
      """
      0e 06     # Reject, contents 6 bytes
      463030    # code "F00"
      00        # triggeredBy, empty
      00        # message ""
      00        # data, none
      """
    Then it is a Reject with:
      | code         | F00 |
      | triggered by | ""  |
      | message      | ""  |
