@codec @rfc-30
Feature: Length determinants
  RFC 30 ("Length determinant") puts the length in front of every variable-length field. A length below 128
  is one byte holding the length (short form). A longer one is a byte 128 + n followed by the length in n
  big-endian bytes (long form). ILPv4 packets are sent in canonical OER (RFC 27), which allows one way only
  to write each length: the short form whenever it fits, and a long form without leading zero bytes. A
  receiver may accept the other ways (RFC 27); no form with zero length bytes exists.

  @OER-007 @must
  Scenario Outline: A length is read in its short or long form (<reason>)
    When the decoder reads the length determinant <bytes>
    Then the length is <length>

    @needs-oer
    Examples:
      | bytes              | length               | reason                                      |
      | 00                 | 0                    | short form, zero                            |
      | 07                 | 7                    | short form (RFC 30 example)                 |
      | 7f                 | 127                  | short form, the largest                     |
      | 8180               | 128                  | long form, the smallest                     |
      | 8182               | 130                  | one length byte (RFC 30 example)            |
      | 821234             | 4660                 | two length bytes (RFC 30 example)           |
      | 83abcdef           | 11259375             | three length bytes (RFC 30 example)         |
      | 88ac01055a1debac1e | 12394193534107495454 | eight length bytes, the most ILP needs (RFC 30 example) |

  @OER-007 @OER-001 @must
  Scenario Outline: The codec writes each length in its one canonical form (<reason>)
    When the codec writes the length determinant for <length>
    Then the bytes written are <bytes>

    @needs-oer
    Examples:
      | length     | bytes        | reason                                |
      | 0          | 00           | short form                            |
      | 127        | 7f           | the largest short form                |
      | 128        | 8180         | the smallest long form                |
      | 130        | 8182         | RFC 30 example                        |
      | 256        | 820100       | two length bytes, no fewer            |
      | 4660       | 821234       | RFC 30 example                        |
      | 11259375   | 83abcdef     | RFC 30 example                        |
      | 4294967296 | 850100000000 | five length bytes                     |

  @OER-009 @must
  Scenario Outline: A length below 128 in long form is refused (<reason>)
    When the decoder reads the length determinant <bytes>
    Then it is refused as NonCanonicalLength in "length" at byte 0

    @needs-oer
    Examples:
      | bytes  | reason                    |
      | 8107   | 7 in long form            |
      | 8100   | 0 in long form            |
      | 82007f | 127 in two length bytes   |

  # RFC 30 requires the short form for lengths "less than 127", which leaves 127 itself open. X.696 canonical
  # OER, which RFC 30 follows, writes 127 in the short form, and the catalog reads "81 7f" as non-canonical.
  # A strict decoder that accepts it is recorded, not failed.
  @OER-014 @may @needs-oer
  Scenario: 127 in long form is non-canonical
    When the decoder reads the length determinant 817f
    Then it is refused as NonCanonicalLength in "length" at byte 0

  @OER-008 @must
  Scenario Outline: A long-form length has no leading zero bytes (<reason>)
    When the decoder reads the length determinant <bytes>
    Then it is refused as NonCanonicalLength in "length" at byte 0

    @needs-oer
    Examples:
      | bytes      | reason                                  |
      | 820082     | 130 with one leading zero byte          |
      | 83000100   | 256 with one leading zero byte          |

  # RFC 27: packets MUST be sent canonical, but a receiver MAY accept non-canonical input. The codec's lenient
  # mode is that receiver; refusing is equally conformant, so this is @may.
  @OER-002 @may
  Scenario Outline: A lenient receiver accepts a non-canonical length (<reason>)
    When a lenient decoder reads the length determinant <bytes>
    Then the length is <length>

    @needs-oer @needs-lenient-mode
    Examples:
      | bytes  | length | reason                          |
      | 8107   | 7      | 7 in long form                  |
      | 817f   | 127    | 127 in long form                |
      | 820082 | 130    | a leading zero length byte      |

  # 0x80 would be a long form with zero length bytes, which the layout of RFC 30 does not have (it is BER's
  # indefinite length). No mode may accept it.
  @OER-007 @OER-010 @must
  Scenario Outline: The byte 0x80 is not a length (<decoder>)
    When <decoder> reads the length determinant 80
    Then it is refused as IndefiniteLength in "length" at byte 0

    @needs-oer
    Examples:
      | decoder           |
      | a strict decoder  |

    @needs-lenient-mode @needs-oer
    Examples:
      | decoder           |
      | a lenient decoder |

  # RFC 30 lets a decoder refuse more than eight length bytes: no Interledger length exceeds 2^64 - 1.
  @OER-010 @may @needs-oer
  Scenario: A length of more than eight bytes may be refused
    When the decoder reads the length determinant 89ffffffffffffffff01
    Then it is refused as LengthTooLarge in "length" at byte 0

  @OER-007 @must @needs-oer
  Scenario: A long-form length cut short is refused
    When the decoder reads the length determinant 8201
    Then it is refused as Truncated in "length" at byte 1
