@codec @rfc-30
Feature: Extensibility
  RFC 30 ("Extensibility") reserves room for future fields: for most Interledger formats, bytes after the end
  of a message are ignored, so a newer sender can append a field an older receiver does not know. This holds
  for the bytes after a packet's envelope and for the bytes after the last field inside it.

  @OER-003 @must
  Scenario: Bytes after the envelope of a Prepare are ignored
    When the decoder decodes the packet:
      """
      0c 68                                                               # Prepare, contents 104 bytes
      000000000000006b                                                    # amount 107
      3230313731323233303132313430353439                                  # expiresAt "20171223012140549"
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      0d 6578616d706c652e616c696365                                       # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      111213                                                              # three bytes after the envelope
      """
    Then it is a Prepare with:
      | amount      | 107                                                              |
      | destination | example.alice                                                    |
      | data        | 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 |

  @OER-003 @must
  Scenario: Bytes after the last field inside a Reject are ignored
    When the decoder decodes the packet:
      """
      0e 0d                   # Reject, contents 13 bytes
      463030                  # code "F00"
      06 746573742e74         # triggeredBy "test.t"
      00                      # message ""
      00                      # data, none
      2a                      # one byte after the last field, inside the contents
      """
    Then it is a Reject with:
      | code         | F00    |
      | triggered by | test.t |
      | message      | ""     |
      | data         | ""     |

  @OER-003 @must
  Scenario: Bytes after the last field inside a Fulfill, and after its envelope, are ignored
    When the decoder decodes the packet:
      """
      0d 24                                                               # Fulfill, contents 36 bytes
      0000000000000000000000000000000000000000000000000000000000000000    # fulfillment
      01 ab                                                               # data, 1 byte
      cdef                                                                # two bytes inside the contents
      99                                                                  # one byte after the envelope
      """
    Then it is a Fulfill with:
      | data | ab |
