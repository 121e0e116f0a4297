@codec @rfc-31
Feature: IL-DCP packets
  RFC 31 (Interledger Dynamic Configuration Protocol) lets a child node ask its parent for its ILP address and
  its asset. The request is an ordinary Prepare: amount 0, destination "peer.config", no data, and the
  peer-protocol condition, the SHA-256 digest of 32 zero bytes. The answer is a Fulfill whose fulfillment is
  those 32 zero bytes and whose data holds the client's address, the asset scale (UInt8) and the asset code
  (UTF-8), all in OER.

  @COND-008 @must @needs-conditions
  Scenario: The peer-protocol fulfillment is 32 zero bytes and its condition is their SHA-256 digest
    When the codec computes the peer-protocol condition
    Then the condition is 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925
    And the peer-protocol fulfillment is 0000000000000000000000000000000000000000000000000000000000000000

  @DCP-001 @COND-008 @must @needs-ildcp
  Scenario: An IL-DCP request is a Prepare of 0 to peer.config with the peer-protocol condition
    When the codec builds an IL-DCP request expiring at 2015-06-16T00:01:00.000Z
    Then the bytes written are:
      """
      0c 46                                                               # Prepare, contents 70 bytes
      0000000000000000                                                    # amount 0
      3230313530363136303030313030303030                                  # expiresAt "20150616000100000"
      66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925    # the peer-protocol condition
      0b 706565722e636f6e666967                                           # destination "peer.config"
      00                                                                  # data, none
      """

  @DCP-002 @must
  Scenario: An IL-DCP response is a Fulfill with the zero fulfillment and the configuration as data
    When the decoder decodes the packet:
      """
      0d 35                                                               # Fulfill, contents 53 bytes
      0000000000000000000000000000000000000000000000000000000000000000    # the peer-protocol fulfillment
      14                                                                  # data, 20 bytes:
      0e 6578616d706c652e636c69656e74                                     #   clientAddress "example.client"
      0d                                                                  #   assetScale 13
      03 58414d                                                           #   assetCode "XAM"
      """
    Then it is a Fulfill with:
      | fulfillment | 0000000000000000000000000000000000000000000000000000000000000000 |
    And its data is an IL-DCP response for "example.client" with asset scale 13 and asset code "XAM"

  @DCP-002 @DCP-005 @must @needs-ildcp
  Scenario: The codec writes an IL-DCP response's data in OER
    When the codec writes the IL-DCP response for "example.client" with asset scale 13 and asset code "XAM"
    Then the bytes written are "0e 6578616d706c652e636c69656e74 0d 03 58414d"

  @DCP-005 @must
  Scenario Outline: IL-DCP response data follows the OER rules (<reason>)
    When the codec writes the IL-DCP response for "<address>" with asset scale <scale> and asset code "<code>"
    Then the bytes written are <bytes>
    And the IL-DCP response read back has the same address, scale and code

    @needs-ildcp
    Examples:
      | address        | scale | code | bytes                                               | reason                               |
      | g.crypto.foo.bar | 9   | BTC  | "10 672e63727970746f2e666f6f2e626172 09 03 425443"  | RFC 31 example address               |
      | test.bob       | 255   | €    | "08 746573742e626f62 ff 03 e282ac"                  | the largest scale, a UTF-8 asset code |
      | test.bob       | 0     | USD  | "08 746573742e626f62 00 03 555344"                  | scale 0                              |

  @DCP-005 @must @needs-ildcp
  Scenario: IL-DCP response data cut short is refused
    When the decoder reads the IL-DCP response "0e 6578616d706c652e636c69656e74 0d 03 5841"
    Then it is refused as Truncated in "assetCode" at byte 17

  @DCP-002 @must @needs-ildcp
  Scenario: An IL-DCP response whose client address is not an ILP address is refused
    When the decoder reads the IL-DCP response "0e 6578616d706c652e636c69656e2e 0d 03 58414d"
    Then it is refused as InvalidAddress in "clientAddress" at byte 14
