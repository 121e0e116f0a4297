@codec @rfc-30
Feature: Variable-length octet strings and strings
  RFC 30 ("Variable-length octet string") writes a byte string as its length determinant followed by exactly
  that many bytes; fixed-length octet strings (a condition, a fulfillment, a timestamp) are written as they
  are, with no prefix. A variable-length string is UTF-8 unless its field says otherwise ("Variable-length
  string"); ILP addresses and error codes are IA5 (ASCII).

  @OER-011 @must
  Scenario Outline: An octet string is its length and then its bytes (<reason>)
    When the decoder reads the variable-length octet string <bytes>
    Then the octets read are <octets>
    And writing the octets <octets> as a variable-length octet string gives <bytes>

    @needs-oer
    Examples:
      | bytes                                              | octets                                         | reason                         |
      | 00                                                 | ""                                             | empty                          |
      | 0301ff02                                           | 01ff02                                         | three bytes                    |
      | 186578616d706c652e746f702e6d6964646c652e6c6f776572 | 6578616d706c652e746f702e6d6964646c652e6c6f776572 | "example.top.middle.lower" (RFC 30 example) |

  @OER-011 @must @needs-oer
  Scenario: A string of 130 bytes has a long-form length
    When the codec writes an octet string of 130 bytes
    Then the bytes written start with 8182

  @OER-011 @must
  Scenario Outline: An octet string shorter than its length is refused (<reason>)
    When the decoder reads the variable-length octet string <bytes>
    Then it is refused as Truncated in "octets" at byte <at>

    @needs-oer
    Examples:
      | bytes      | at | reason                                            |
      | 0301ff     | 1  | three bytes announced, two follow                 |
      | 84ffffffff | 5  | 4294967295 bytes announced, none follow           |

  @OER-013 @must
  Scenario: A Reject message carries UTF-8 text
    When the codec encodes a Reject with:
      | code         | F99                        |
      | triggered by | test.connie                |
      | message      | Zahlung über 5 € abgelehnt |
    Then the bytes written contain "1d 5a61686c756e6720 c3bc 6265722035 20 e282ac 20 616267656c65686e74"
    And decoding the bytes gives back the same Reject

  @OER-013 @must
  Scenario: A Reject message that is not UTF-8 is refused
    When the decoder decodes the packet:
      """
      0e 0f                 # Reject, contents 15 bytes
      463939                # code "F99"
      06 746573742e63       # triggeredBy "test.c"
      03 61ff62             # message: "a", the byte ff (never valid UTF-8), "b"
      00                    # data, none
      """
    Then it is refused as InvalidUtf8 in "message" at byte 14
