@codec @rfc-3 @needs-legacy-packets
Feature: ILPv1 Error, Fulfillment Data, Forwarded Payment and Rejection packets (2017)
  The 2017 family told a sender how a payment ended in packets of its own. The August 2017 text of IL-RFC 3
  had one, the ILP Error (type 8): a code, its name, who triggered it and who forwarded it, when, and up to
  8192 bytes of data. The December 2017 text replaced it with the Rejection (type 11: code, triggeredBy, a
  UTF-8 message, data), added Fulfillment Data (type 9) for what the receiver returns with a fulfillment, and
  an experimental Forwarded Payment (type 10): a Payment without an amount. All sit in the 2017 envelope and
  end in an extensions byte 00. An Error's triggeredAt is a GeneralizedTime written the 2017 way: always
  three fraction digits, always in UTC.

  @PKT-L03 @must
  Scenario: An Error relayed by two connectors decodes to its fields
    When the decoder decodes the 2017 packet:
      """
      08 6b                                              # ILPv1 Error, contents 107 bytes
      463031                                             # code "F01"
      0e 496e76616c6964205061636b6574                    # name "Invalid Packet"
      0e 6578616d706c652e75732e626f62                    # triggeredBy "example.us.bob"
      0102                                               # forwardedBy: 2 addresses
      11 6578616d706c652e75732e636f6e6e6965              #   "example.us.connie"
      11 6578616d706c652e75732e636f6e726164              #   "example.us.conrad"
      13 32303137303332343032303031362e3136305a          # triggeredAt "20170324020016.160Z"
      0e 7b22666f6f223a2022626172227d                    # data '{"foo": "bar"}'
      00                                                 # extensions
      """
    Then it is a 2017 ILPv1 Error with:
      | code        | F01                                |
      | name        | Invalid Packet                     |
      | triggeredBy | example.us.bob                     |
      | forwardedBy | example.us.connie example.us.conrad |
      | triggeredAt | 2017-03-24T02:00:16.160Z           |
      | data        | 7b22666f6f223a2022626172227d       |

  @TS-L01 @ERR-L04 @must
  Scenario: The codec writes triggeredAt in UTC with three fraction digits, zeros kept
    When the codec encodes a 2017 ILPv1 Error with:
      | code        | T01                      |
      | name        | Ledger Unreachable       |
      | triggeredBy | g.b.conrad               |
      | forwardedBy |                          |
      | triggeredAt | 2017-12-15T12:00:00.000Z |
      | data        |                          |
    Then the bytes written contain "13 32303137313231353132303030302e3030305a"

  @TS-L01 @ERR-L04 @must
  Scenario Outline: An Error's triggeredAt in another form is refused (<reason>)
    # RFC 30's variable-length form (2019, for BTP) would allow the first; the 2017 rule and ilp-packet 2.2.0 do not.
    When the decoder decodes the 2017 packet "08 <length> 543031 00 0a 672e622e636f6e726164 0100 <time> 00 00"
    Then it is refused as InvalidTimestamp in "triggeredAt"

    Examples:
      | reason                       | length | time                                       |
      | RFC 30 form without fraction | 23     | 0f 32303137313231353132303030305a           |
      | a zone offset instead of Z   | 27     | 13 32303137313231353132303030302e3030302b   |

  @PKT-L04 @must
  Scenario: The RFC's Fulfillment Data example decodes to its data
    When the decoder decodes the 2017 packet "09 05 03 041041 00"
    Then it is a 2017 ILPv1 Fulfillment Data with:
      | data | 041041 |

  @PKT-L04 @must
  Scenario: Fulfillment Data without its extensions byte is refused
    # The asn1 of type 9 has no extensions field, but the RFC's example and ilp-packet write one: so do we.
    When the decoder decodes the 2017 packet "09 04 03 041041"
    Then it is refused as Truncated in "extensions"

  @PKT-L04 @must
  Scenario: The RFC's Forwarded Payment example has an account and data but no amount
    When the decoder decodes the 2017 packet "0a 14 0e 672e75732e6e657875732e626f62 03 041041 00"
    Then it is a 2017 ILPv1 Forwarded Payment with:
      | account | g.us.nexus.bob |
      | data    | 041041         |

  @ERR-L06 @PKT-L04 @must
  Scenario: A Rejection's message is UTF-8 and may end in key=value details
    When the decoder decodes the 2017 packet:
      """
      0b 2d                                                        # ILPv1 Rejection, contents 45 bytes
      463032                                                       # code "F02"
      0a 672e612e636f6e6e6965                                      # triggeredBy "g.a.connie"
      1c 456d7066c3a46e67657220756e62656b616e6e742e20686f70733d33  # message, 28 bytes of UTF-8
      00                                                           # data, empty
      00                                                           # extensions
      """
    Then it is a 2017 ILPv1 Rejection with:
      | code        | F02                                 |
      | triggeredBy | g.a.connie                          |
      | message     | Empfänger unbekannt. hops=3         |
      | data        |                                     |

  @ERR-L06 @must
  Scenario: A Rejection whose message is not UTF-8 is refused
    When the decoder decodes the 2017 packet "0b 12 463032 0a 672e612e636f6e6e6965 01 ff 00 00"
    Then it is refused as InvalidUtf8 in "message"
