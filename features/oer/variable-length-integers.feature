@codec @rfc-30
Feature: Variable-length unsigned integers
  RFC 30 ("Variable-length unsigned integer") writes an unsigned integer as a length determinant followed by
  the integer's big-endian bytes, with no leading zero bytes: zero is one byte 00. RFC 30 marks the type
  "not currently used", but counts in ILPv1 errors, route broadcasting and STREAM use it. One routine should
  read any integer of one to eight bytes; wider integers may be kept as byte strings.

  @OER-012 @must
  Scenario Outline: A variable-length unsigned integer is read and written in its shortest form (<reason>)
    When the decoder reads the variable-length unsigned integer <bytes>
    Then the value is <value>
    And writing <value> as a variable-length unsigned integer gives <bytes>

    @needs-oer
    Examples:
      | bytes              | value             | reason                                  |
      | 0100               | 0                 | zero is one zero byte, not none         |
      | 0109               | 9                 | one byte                                |
      | 0180               | 128               | the high bit needs no extra byte        |
      | 020102             | 258               | two bytes                               |
      | 03010203           | 66051             | three bytes                             |
      | 050102030405       | 4328719365        | five bytes                              |
      | 080102030405060708 | 72623859790382856 | eight bytes                             |

  @OER-012 @must
  Scenario Outline: Leading zero bytes are refused (<reason>)
    When the decoder reads the variable-length unsigned integer <bytes>
    Then it is refused as NonCanonicalVarUInt in "varuint" at byte 0

    @needs-oer
    Examples:
      | bytes      | reason                              |
      | 020001     | 1 written in two bytes              |
      | 020000     | 0 written in two bytes              |
      | 0300ffff   | 65535 with a leading zero byte      |

  # RFC 27 lets a receiver accept non-canonical input; the lenient decoder reads the value.
  @OER-002 @may @needs-oer @needs-lenient-mode
  Scenario: A lenient receiver reads a variable-length integer with a leading zero byte
    When a lenient decoder reads the variable-length unsigned integer 020001
    Then the value is 1

  @OER-012 @OER-011 @must
  Scenario Outline: A variable-length integer without its bytes is refused (<reason>)
    When the decoder reads the variable-length unsigned integer <bytes>
    Then it is refused as <kind> in "varuint" at byte <at>

    @needs-oer
    Examples:
      | bytes    | kind            | at | reason                                   |
      | 00       | ValueOutOfRange | 0  | an integer of zero bytes                 |
      | 04       | Truncated       | 1  | four bytes announced, none follow        |
      | 04010203 | Truncated       | 1  | four bytes announced, three follow       |

  # RFC 30: one routine for integers of one to eight bytes; integers wider than eight bytes MAY stay byte
  # strings. The codec reads up to eight bytes as a number and refuses a wider one instead of losing digits.
  @OER-005 @should @needs-oer
  Scenario: An integer wider than eight bytes is not read as a number
    When the decoder reads the variable-length unsigned integer 09010203040506070809
    Then it is refused as ValueOutOfRange in "varuint" at byte 0

  # RFC 30 says nothing about SEQUENCE OF. Implementations (the ILPv1 Error's forwardedBy list, route
  # broadcasting) write the element count as a variable-length unsigned integer, as X.696 does; the catalog
  # takes that reading (OER-015). Another count encoding would be recorded, not failed.
  @OER-015 @may @needs-oer
  Scenario: The count of a SEQUENCE OF is a variable-length unsigned integer
    When the codec writes a SEQUENCE OF the octet strings "0a0b" and "0c"
    Then the bytes written are "0102 02 0a0b 01 0c"
