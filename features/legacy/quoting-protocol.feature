@codec @rfc-8 @needs-legacy-packets
Feature: Interledger Quoting Protocol packets (ILQP, 2017)
  IL-RFC 8 let a sender ask a connector, before paying, what a payment would cost: by source amount, by
  destination amount, or for the whole liquidity curve. Each question and answer is a packet of its own type
  (2 to 7) in the 2017 envelope, ending in an extensions byte 00. Hold durations are milliseconds. A liquidity
  curve's points rise strictly in x and never fall in y. The curve's expiry is a GeneralizedTime written the
  2017 way, always with three fraction digits and in UTC.

  @QUOTE-001 @must
  Scenario Outline: Each quote packet decodes to its fields (<packet>)
    When the decoder decodes the 2017 packet "<hex>"
    Then it is a 2017 <packet> with:
      | <field> | <value> |

    Examples:
      | packet                           | hex                                                  | field                   | value   |
      | QuoteLiquidityRequest            | 02 0d 07 672e612e626f62 00001388 00                  | destinationHoldDuration | 5000    |
      | QuoteBySourceAmountRequest       | 04 15 07 672e612e626f62 00000000000003e8 00001388 00 | sourceAmount            | 1000    |
      | QuoteBySourceAmountResponse      | 05 0d 00000000000003de 00001770 00                   | destinationAmount       | 990     |
      | QuoteByDestinationAmountRequest  | 06 15 07 672e612e626f62 00000000000003de 00001388 00 | destinationAccount      | g.a.bob |
      | QuoteByDestinationAmountResponse | 07 0d 00000000000003e8 00001770 00                   | sourceHoldDuration      | 6000    |

  @QUOTE-001 @TS-L01 @must
  Scenario: A liquidity response carries its curve, prefix, hold and expiry
    When the decoder decodes the 2017 packet:
      """
      03 40                                  # QuoteLiquidityResponse, contents 64 bytes
      01 02                                  # 2 points
      0000000000000000 0000000000000000      #   (0, 0)
      000000000000000a 0000000000000109      #   (10, 265)
      04 672e612e                            # appliesToPrefix "g.a."
      00001388                               # sourceHoldDuration 5000 ms
      13 32303137313231353132303030302e3030305a   # expiresAt "20171215120000.000Z"
      00                                     # extensions
      """
    Then it is a 2017 QuoteLiquidityResponse with:
      | liquidityCurve     | 0:0 10:265               |
      | appliesToPrefix    | g.a.                     |
      | sourceHoldDuration | 5000                     |
      | expiresAt          | 2017-12-15T12:00:00.000Z |
    And its liquidity curve keeps the QUOTE-001 order

  @TS-L01 @QUOTE-004 @must
  Scenario: The codec writes the expiry with three fraction digits even when they are zero
    When the codec encodes a 2017 QuoteLiquidityResponse with:
      | liquidityCurve     | 10:265                   |
      | appliesToPrefix    | g.a.                     |
      | sourceHoldDuration | 5000                     |
      | expiresAt          | 2017-12-15T12:00:00.000Z |
    Then the bytes written contain "13 32303137313231353132303030302e3030305a"

  @TS-L01 @must
  Scenario Outline: Other time forms are refused (<reason>)
    When the decoder decodes the 2017 packet "<hex>"
    Then it is refused as InvalidTimestamp in "expiresAt"

    Examples:
      | reason                       | hex                                                                                                             |
      | RFC 30 form without fraction | 03 2c 0101 000000000000000a 0000000000000109 04 672e612e 00001388 10 32303137313231353132303030305a 00          |
      | a zone offset instead of Z   | 03 32 0101 000000000000000a 0000000000000109 04 672e612e 00001388 15 32303137313231353132303030302e3030302b3031 00 |

  @QUOTE-001 @must
  Scenario: A curve whose points do not rise breaks the order
    When the codec encodes a 2017 QuoteLiquidityResponse with:
      | liquidityCurve     | 0:0 10:265 10:300        |
      | appliesToPrefix    | g.a.                     |
      | sourceHoldDuration | 5000                     |
      | expiresAt          | 2017-12-15T12:00:00.000Z |
    And the decoder decodes the 2017 packet that was written
    Then its liquidity curve breaks the QUOTE-001 order at point 2

  @QUOTE-001 @must
  Scenario: An ILPv4 Prepare's type byte is no quote packet
    When the decoder decodes the 2017 packet "0c 11 0000000000000001 07 672e612e626f62 00"
    Then it is refused as WrongPacketType in "type"
