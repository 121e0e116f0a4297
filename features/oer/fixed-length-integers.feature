@codec @rfc-30
Feature: Fixed-length unsigned integers
  RFC 30 ("Fixed-length unsigned integers") writes a UInt8, UInt16, UInt32 or UInt64 as exactly 1, 2, 4 or 8
  bytes, most significant byte first, with no prefix. ILPv4 uses them for the Prepare amount (UInt64) and
  IL-DCP's asset scale (UInt8).

  @OER-004 @must
  Scenario Outline: An unsigned integer is big-endian in exactly its size (<reason>)
    When the decoder reads <bytes> as a UInt<bits>
    Then the value is <value>
    And writing <value> as a UInt<bits> gives <bytes>

    @needs-oer
    Examples:
      | bits | bytes            | value                | reason                                  |
      | 8    | 00               | 0                    | UInt8 zero (RFC 30 example)             |
      | 8    | ff               | 255                  | UInt8 maximum                           |
      | 16   | 1234             | 4660                 | UInt16 (RFC 30 example)                 |
      | 32   | abababab         | 2880154539           | UInt32 (RFC 30 example)                 |
      | 64   | ac01055a1debac1e | 12394193534107495454 | UInt64 above 2^63 (RFC 30 example)      |
      | 64   | 0000000000000001 | 1                    | UInt64 keeps its leading zero bytes     |
      | 64   | ffffffffffffffff | 18446744073709551615 | UInt64 maximum, beyond a JS number      |

  @OER-004 @must
  Scenario Outline: An integer cut short is refused (<reason>)
    When the decoder reads <bytes> as a UInt<bits>
    Then it is refused as Truncated in "uint<bits>" at byte 0

    @needs-oer
    Examples:
      | bits | bytes          | reason                          |
      | 16   | 12             | one byte of two                 |
      | 32   | ababab         | three bytes of four             |
      | 64   | ac01055a1debac | seven bytes of eight            |

  @OER-004 @must
  Scenario Outline: A value too large for its size is not written (<reason>)
    When the codec writes <value> as a UInt<bits>
    Then it is refused as ValueOutOfRange in "uint<bits>"

    @needs-oer
    Examples:
      | bits | value                | reason                 |
      | 8    | 256                  | one above UInt8        |
      | 16   | 65536                | one above UInt16       |
      | 64   | 18446744073709551616 | one above UInt64       |
