@codec @rfc-27
Feature: ILP Prepare
  RFC 27 ("ILP Prepare") defines the packet that offers money on a condition: type 12, then the amount (a
  UInt64 in the smallest unit of the link's asset), the expiry (17 timestamp digits), the 32-byte execution
  condition, the destination address and up to 32767 bytes of end-to-end data, in that order. The amount,
  expiry and condition have fixed sizes and no length prefix; the destination and data are variable-length
  octet strings.

  @PKT-004 @OER-006 @must
  Scenario: A Prepare decodes into its five fields in wire order
    When the decoder decodes the packet:
      """
      0c 68                                                               # Prepare, contents 104 bytes
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      0d 6578616d706c652e616c696365                                       # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      """
    Then it is a Prepare with:
      | amount              | 107                                                              |
      | expires at          | 2017-12-23T01:21:40.549Z                                         |
      | execution condition | 74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1 |
      | destination         | example.alice                                                    |
      | data                | 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 |

  @PKT-004 @OER-001 @OER-006 @must
  Scenario: The codec writes a Prepare field by field in canonical OER
    When the codec encodes a Prepare with:
      | amount              | 107                                                              |
      | expires at          | 2017-12-23T01:21:40.549Z                                         |
      | execution condition | 74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1 |
      | destination         | example.alice                                                    |
      | data                | 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 |
    Then the bytes written are:
      """
      0c 68                                                               # Prepare, contents 104 bytes
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      0d 6578616d706c652e616c696365                                       # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      """
    And decoding the bytes gives back the same Prepare

  @PKT-004 @OER-001 @must
  Scenario: A Prepare of more than 127 bytes has long-form lengths
    When the codec encodes a Prepare with:
      | destination | example.alice   |
      | data        | 257 bytes of 6c |
    Then the bytes written start with "0c 82014b"
    And the bytes written contain "0d 6578616d706c652e616c696365 820101 6c6c6c"
    And decoding the bytes gives back the same Prepare

  @PKT-009 @must
  Scenario Outline: The amount is an unsigned 64-bit integer and keeps every digit (<reason>)
    When the codec encodes a Prepare with:
      | amount | <amount> |
    Then the contents written begin with <bytes>
    And decoding the bytes gives back the same Prepare

    Examples:
      | amount               | bytes            | reason                                         |
      | 0                    | 0000000000000000 | zero, as IL-DCP requests carry                 |
      | 9007199254740993     | 0020000000000001 | 2^53 + 1, the first integer a JS number loses  |
      | 18446744073709551615 | ffffffffffffffff | the largest UInt64                             |

  @PKT-009 @must
  Scenario: An amount above the largest UInt64 is not written
    When the codec encodes a Prepare with:
      | amount | 18446744073709551616 |
    Then it is refused as ValueOutOfRange in "amount"

  @PKT-007 @must
  Scenario: Data of 32767 bytes, the most a Prepare carries, is written and read back
    When the codec encodes a Prepare with:
      | data | 32767 zero bytes |
    Then the bytes written contain "827fff 000000"
    And decoding the bytes gives back the same Prepare

  @PKT-007 @must
  Scenario: The codec does not write a Prepare with 32768 bytes of data
    When the codec encodes a Prepare with:
      | data | 32768 zero bytes |
    Then it is refused as DataTooLong in "data"

  @PKT-007 @must
  Scenario: A Prepare carrying 32768 bytes of data is refused
    Given a Prepare to "example.alice" forged to carry 32768 bytes of data
    When the decoder decodes it
    Then it is refused as DataTooLong in "data" at byte 75

  @ADDR-001 @ADDR-003 @must
  Scenario: A Prepare whose destination has a character outside the alphabet is refused
    When the decoder decodes the packet:
      """
      0c 49                                                               # Prepare, contents 73 bytes
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      0e 6578616d706c652e616c69636521                                     # destination "example.alice!"
      00                                                                  # data, none
      """
    Then it is refused as InvalidAddress in "destination" at byte 73

  @ADDR-004 @must
  Scenario: A destination keeps the case of its letters
    When the codec encodes a Prepare with:
      | destination | g.Alice.BOB |
    Then the bytes written contain "0b 672e416c6963652e424f42"
    And decoding the bytes gives back the same Prepare

  @ADDR-006 @should
  Scenario: A destination of 1023 characters is written and read back
    When the codec encodes a Prepare to "g." followed by 1021 "x" characters
    Then the bytes written contain "8203ff 672e787878"
    And decoding the bytes gives back the same Prepare

  @ADDR-006 @should
  Scenario: A Prepare whose destination has 1024 characters is refused
    Given a Prepare forged with a destination of "g." followed by 1022 "x" characters
    When the decoder decodes it
    Then it is refused as InvalidAddress in "destination" at byte 61

  # The ASN.1 Address type (SIZE 0..1023) and RFC 30 allow an empty destination on the wire; RFC 15 does not
  # make it an address. The catalog's reading, which the codec follows in both modes: no Prepare can be
  # delivered to an empty destination, so it is refused. (ilp-connector answers F01 "missing destination.")
  @ADDR-011 @may
  Scenario Outline: A Prepare with an empty destination is refused (<decoder>)
    When <decoder> decodes the packet:
      """
      0c 3b                                                               # Prepare, contents 59 bytes
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      00                                                                  # destination, empty
      00                                                                  # data, none
      """
    Then it is refused as InvalidAddress in "destination" at byte 60

    Examples:
      | decoder           |
      | a strict decoder  |

    @needs-lenient-mode
    Examples:
      | decoder           |
      | a lenient decoder |
