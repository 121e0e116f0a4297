@codec @rfc-27 @rfc-30
Feature: Canonical encoding
  RFC 27 ("Packet Format") requires ILPv4 packets to be sent in canonical OER, where every value has exactly
  one encoding: short-form lengths whenever they fit, no leading zero bytes. A receiver may nevertheless
  accept a non-canonical packet. So a codec always writes the canonical form, and what it reads it may read
  strictly or leniently.

  @OER-001 @must
  Scenario Outline: A strict decoder refuses a packet with a non-canonical length (<reason>)
    When the decoder decodes the packet:
      """
      <envelope>                                                          # Prepare and its contents length
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      <destination length> 6578616d706c652e616c696365                     # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      """
    Then it is refused as NonCanonicalLength in "<field>" at byte <at>

    Examples:
      | envelope | destination length | field       | at | reason                                         |
      | 0c 8168  | 0d                 | contents    | 1  | contents length 104 in long form               |
      | 0c 69    | 810d               | destination | 59 | destination length 13 in long form             |
      | 0c 820068 | 0d                | contents    | 1  | contents length with a leading zero byte       |

  # RFC 27: a receiver MAY accept non-canonical input. Refusing it is equally conformant.
  @OER-002 @may
  Scenario Outline: A lenient receiver reads a packet with a non-canonical length (<reason>)
    When a lenient decoder decodes the packet:
      """
      <envelope>                                                          # Prepare and its contents length
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      <destination length> 6578616d706c652e616c696365                     # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      """
    Then it is a Prepare with:
      | amount      | 107           |
      | destination | example.alice |

    @needs-lenient-mode
    Examples:
      | envelope  | destination length | reason                                         |
      | 0c 8168   | 0d                 | contents length 104 in long form               |
      | 0c 69     | 810d               | destination length 13 in long form             |
      | 0c 820068 | 0d                 | contents length with a leading zero byte       |

  @OER-001 @must @needs-lenient-mode
  Scenario: A packet read leniently is written back in canonical form
    Given a lenient decoder has decoded the packet:
      """
      0c 69                                                               # Prepare, contents 105 bytes
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      810d 6578616d706c652e616c696365                                     # destination "example.alice", length in long form
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      """
    When the codec encodes that Prepare again
    Then the bytes written are:
      """
      0c 68                                                               # Prepare, contents 104 bytes
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      0d 6578616d706c652e616c696365                                       # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      """

  @OER-001 @must
  Scenario Outline: Every length the codec writes has its shortest form (<reason>)
    When the codec encodes a Fulfill with:
      | data | <size> zero bytes |
    Then the bytes written start with "<envelope>"
    And the bytes written contain "<data length> 0000"

    Examples:
      | size  | envelope | data length | reason                                                 |
      | 94    | 0d 7f    | 5e          | contents of 127 bytes: the largest short form          |
      | 95    | 0d 8180  | 5f          | contents of 128 bytes: the smallest long form          |
      | 128   | 0d 81a2  | 8180        | data of 128 bytes: its own length in long form         |
      | 32767 | 0d 828022 | 827fff     | contents of 32802 bytes: two length bytes              |
