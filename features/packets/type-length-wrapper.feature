@codec @rfc-27
Feature: Type-length wrapper
  RFC 27 ("Type-Length Wrapper") wraps every ILPv4 packet the same way: one byte naming the packet type, 12
  for a Prepare, 13 for a Fulfill and 14 for a Reject, then the packet's contents as a variable-length octet
  string. A reader learns the type first and the length of everything that follows next.

  @PKT-001 @PKT-002 @must
  Scenario Outline: The type byte says which packet follows (<reason>)
    When the decoder decodes the packet <bytes>
    Then it is a <kind>

    Examples:
      | bytes                                                                        | kind    | reason          |
      | "0d 21 0000000000000000000000000000000000000000000000000000000000000000 00"  | Fulfill | type 13         |
      | "0e 0c 463030 06 746573742e74 00 00"                                         | Reject  | type 14         |
      | "0c 3e 0000000000000001 3230313731323233303132313430353439 0000000000000000000000000000000000000000000000000000000000000000 03 672e61 00" | Prepare | type 12 |

  @PKT-002 @must
  Scenario Outline: A packet of another type than the one expected is refused (<reason>)
    When the decoder decodes the packet <bytes> as a <expected>
    Then it is refused as WrongPacketType in "type" at byte 0

    Examples:
      | bytes                                                                       | expected | reason                          |
      | "0d 21 0000000000000000000000000000000000000000000000000000000000000000 00" | Prepare  | a Fulfill is no Prepare         |
      | "0e 0c 463030 06 746573742e74 00 00"                                        | Fulfill  | a Reject is no Fulfill          |
      | "0d 21 0000000000000000000000000000000000000000000000000000000000000000 00" | Reject   | a Fulfill is no Reject          |

  @PKT-002 @must
  Scenario Outline: A type byte that is no ILPv4 packet is refused (<reason>)
    When the decoder decodes the packet <bytes>
    Then it is refused as UnknownPacketType in "type" at byte 0

    Examples:
      | bytes                            | reason                                           |
      | "01 05 0000000000"               | type 1, the ILPv1 Payment, is not ILPv4          |
      | "08 05 0000000000"               | type 8, the ILPv1 Error                          |
      | "0b 05 0000000000"               | type 11, the last ILPv1 type                     |
      | "0f 05 0000000000"               | type 15, unassigned                              |
      | "ff 05 0000000000"               | type 255                                         |

  @PKT-001 @must
  Scenario Outline: A packet cut short is refused (<reason>)
    When the decoder decodes the packet <bytes>
    Then it is refused as Truncated in "<field>" at byte <at>

    Examples:
      | bytes                                   | field    | at | reason                                       |
      | ""                                      | type     | 0  | no bytes at all                              |
      | "0d"                                    | contents | 1  | a type byte and no length                    |
      | "0d 21 000000"                          | contents | 2  | contents length 33, three bytes follow       |
      | "0d 82 01"                              | contents | 2  | a long-form length missing its second byte   |

  @PKT-001 @must
  Scenario: A Prepare whose last byte is missing is refused
    When the decoder decodes the packet:
      """
      0c 68                                                               # Prepare, contents 104 bytes
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      0d 6578616d706c652e616c696365                                       # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6c   # data: 32 bytes announced, 31 follow
      """
    Then it is refused as Truncated in "contents" at byte 2

  @PKT-001 @OER-007 @must
  Scenario Outline: The contents length 0x80 is refused (<decoder>)
    When <decoder> decodes the packet:
      """
      0c 80                                                               # Prepare, length byte 80: no length bytes follow
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      0d 6578616d706c652e616c696365                                       # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      """
    Then it is refused as IndefiniteLength in "contents" at byte 1

    Examples:
      | decoder           |
      | a strict decoder  |

    @needs-lenient-mode
    Examples:
      | decoder           |
      | a lenient decoder |
