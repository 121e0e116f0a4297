@codec @rfc-27
Feature: ILP Fulfill
  RFC 27 ("ILP Fulfill") defines the answer that accepts a Prepare: type 13, then the fulfillment, a 32-byte
  preimage whose SHA-256 digest is the Prepare's execution condition, and up to 32767 bytes of data for the
  sender. The fulfillment has a fixed size and no length prefix.

  @PKT-005 @must
  Scenario: A Fulfill decodes into its fulfillment and data
    When the decoder decodes the packet:
      """
      0d 41                                                               # Fulfill, contents 65 bytes
      c3866b48749ccf113b2e15c25d2407fbfc14476fe7296bb1bf1bcd9e6e416650    # fulfillment
      20 673febd78a33b28e1c0db14c9a06251a05fa831ed4ed91ebcd150e7249c2e600 # data, 32 bytes
      """
    Then it is a Fulfill with:
      | fulfillment | c3866b48749ccf113b2e15c25d2407fbfc14476fe7296bb1bf1bcd9e6e416650 |
      | data        | 673febd78a33b28e1c0db14c9a06251a05fa831ed4ed91ebcd150e7249c2e600 |

  @PKT-005 @OER-001 @must
  Scenario: The codec writes a Fulfill in canonical OER
    When the codec encodes a Fulfill with:
      | fulfillment | 0000000000000000000000000000000000000000000000000000000000000000 |
      | data        | ""                                                               |
    Then the bytes written are:
      """
      0d 21                                                               # Fulfill, contents 33 bytes
      0000000000000000000000000000000000000000000000000000000000000000    # fulfillment, 32 zero bytes
      00                                                                  # data, none
      """
    And decoding the bytes gives back the same Fulfill

  @PKT-005 @PKT-007 @must
  Scenario: A Fulfill carries at most 32767 bytes of data
    When the codec encodes a Fulfill with:
      | data | 32768 zero bytes |
    Then it is refused as DataTooLong in "data"

  @PKT-005 @must
  Scenario: A fulfillment of 31 bytes leaves no room for the data and is refused
    When the decoder decodes the packet:
      """
      0d 20                                                               # Fulfill, contents 32 bytes
      00000000000000000000000000000000000000000000000000000000000000      # a 31-byte fulfillment
      00                                                                  # what was meant as empty data
      """
    Then it is refused as Truncated in "data" at byte 34

  @PKT-005 @must
  Scenario Outline: The codec does not write a fulfillment of another size (<reason>)
    When the codec encodes a Fulfill with:
      | fulfillment | <fulfillment> |
    Then it is refused as WrongFixedLength in "fulfillment"

    Examples:
      | fulfillment                                                        | reason       |
      | 00000000000000000000000000000000000000000000000000000000000000     | 31 bytes     |
      | 000000000000000000000000000000000000000000000000000000000000000000 | 33 bytes     |
      | ""                                                                 | none at all  |

  @COND-001 @must
  Scenario Outline: The condition is the SHA-256 digest of the fulfillment (<reason>)
    When the codec computes the condition for the fulfillment <fulfillment>
    Then the condition is <condition>

    @needs-conditions
    Examples:
      | fulfillment                                                      | condition                                                        | reason                              |
      | 0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20 | ae216c2ef5247a3782c135efa279a3e4cdc61094270f5d2be58c6204b7a612c9 | the bytes 1 to 32                   |
      | 2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a | 544e62cee8033709e389e5b2755343d0d0fa8c4850215cfb6331717e80d1aea3 | 32 bytes of 2a                      |
      | 0000000000000000000000000000000000000000000000000000000000000000 | 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925 | the peer-protocol fulfillment       |

  @COND-001 @must @needs-conditions
  Scenario: A fresh fulfillment is 32 bytes and fulfills its own condition
    When the codec makes a random fulfillment
    Then it is 32 bytes long
    And its condition is its SHA-256 digest
