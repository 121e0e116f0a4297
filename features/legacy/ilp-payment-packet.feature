@codec @rfc-3 @needs-legacy-packets
Feature: ILP Payment packet (ILPv1, 2017)
  Before ILPv4, an Interledger payment carried one packet, the ILP Payment (type 1, IL-RFC 3 of 2017). It
  names the amount the destination account must receive, in that ledger's smallest unit, the destination
  account, and data for the receiver, then an extensions byte that is always 00. Mojaloop's FSPIOP API still
  carries this packet, base64url, as `ilpPacket`. From the October 2017 draft on it sits in the same
  type-and-length envelope as ILPv4; the August 2017 draft had neither the length nor the extensions byte.

  @PKT-L01 @must
  Scenario: The RFC's worked example decodes to 123000000 for g.us.nexus.bob
    When the decoder decodes the 2017 packet:
      """
      01 1c                              # ILP Payment, contents 28 bytes
      000000000754d4c0                   # amount 123000000
      0e 672e75732e6e657875732e626f62    # account "g.us.nexus.bob"
      03 041041                          # data, 3 bytes
      00                                 # extensions
      """
    Then it is a 2017 ILPv1 Payment with:
      | amount  | 123000000      |
      | account | g.us.nexus.bob |
      | data    | 041041         |

  @PKT-L01 @must
  Scenario: The codec writes a Mojaloop payment of 99 USD at scale 2 as the amount 9900
    When the codec encodes a 2017 ILPv1 Payment with:
      | amount  | 9900                              |
      | account | g.se.mobilemoney.msisdn.123456789 |
      | data    | 7b7d                              |
    Then the bytes written are:
      """
      01 2e                                                                  # ILP Payment, contents 46 bytes
      00000000000026ac                                                       # amount 9900
      21 672e73652e6d6f62696c656d6f6e65792e6d736973646e2e313233343536373839  # account, 33 characters
      02 7b7d                                                                # data "{}"
      00                                                                     # extensions
      """

  @PKT-L01 @must
  Scenario: A Payment without its extensions byte is refused
    When the decoder decodes the 2017 packet "01 11 0000000000000001 07 672e612e626f62 00"
    Then it is refused as Truncated in "extensions"

  @PKT-L01 @must @needs-lenient-mode
  Scenario: Only a lenient decoder reads past an extensions byte other than 00
    When the decoder decodes the 2017 packet "01 12 0000000000000001 07 672e612e626f62 00 01"
    Then it is refused as ValueOutOfRange in "extensions"
    When a lenient decoder decodes the 2017 packet "01 12 0000000000000001 07 672e612e626f62 00 01"
    Then it is a 2017 ILPv1 Payment with:
      | amount  | 1       |
      | account | g.a.bob |

  @PKT-L02 @must
  Scenario: The account may not be empty
    When the decoder decodes the 2017 packet "01 0b 0000000000000001 00 00 00"
    Then it is refused as InvalidAddress in "account"

  @PKT-L01 @must
  Scenario: The August 2017 layout, without a contents length, is not this packet
    # FSPIOP v1.1 Listing 45 writes its ilpPacket this way: type 01 and the amount at once.
    When the decoder decodes the 2017 packet "01 00000000000026ac 07 672e612e626f62 02 7b7d"
    Then it is refused as Truncated in "amount"
