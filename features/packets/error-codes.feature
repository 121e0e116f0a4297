@codec @rfc-27
Feature: Error codes
  RFC 27 ("Error Codes") gives every Reject a three-character code: a class letter, F (final: do not retry
  unchanged), T (temporary: retry later) or R (relative: retry with more amount or time), and two digits.
  Only the codes below are assigned; xx99 belong to application protocols. F08 Amount Too Large carries, in
  the Reject's data, the amount received and the maximum the connector accepts, as two UInt64 (InterledgerErrorData).

  @ERR-001 @must
  Scenario Outline: <code> is assigned: <name> (<reason>)
    When the codec looks up the error code <code>
    Then it is a <class> error named "<name>"

    @needs-error-codes
    Examples:
      | code | class     | name                            | reason                                        |
      | F00  | final     | Bad Request                     | generic sender-side error                     |
      | F01  | final     | Invalid Packet                  | syntactically invalid                         |
      | F02  | final     | Unreachable                     | no route                                      |
      | F03  | final     | Invalid Amount                  | amount not possible                           |
      | F04  | final     | Insufficient Destination Amount | receiver judged the amount too low            |
      | F05  | final     | Wrong Condition                 | receiver cannot fulfill this condition        |
      | F06  | final     | Unexpected Payment              | receiver did not expect the packet            |
      | F07  | final     | Cannot Receive                  | receiver constraint                           |
      | F08  | final     | Amount Too Large                | above the maximum packet amount               |
      | F99  | final     | Application Error               | application protocols                         |
      | T00  | temporary | Internal Error                  | unexpected exception                          |
      | T01  | temporary | Peer Unreachable                | next connector unreachable                    |
      | T02  | temporary | Peer Busy                       | next connector overloaded                     |
      | T03  | temporary | Connector Busy                  | this connector overloaded                     |
      | T04  | temporary | Insufficient Liquidity          | no balance or bandwidth right now             |
      | T05  | temporary | Rate Limited                    | sending too fast                              |
      | T99  | temporary | Application Error               | application protocols                         |
      | R00  | relative  | Transfer Timed Out              | next party too slow                           |
      | R01  | relative  | Insufficient Source Amount      | too little to forward                         |
      | R02  | relative  | Insufficient Timeout            | too little time to forward                    |
      | R99  | relative  | Application Error               | application protocols                         |

  @ERR-001 @must
  Scenario Outline: A well-formed code outside the table is not assigned (<reason>)
    When the codec looks up the error code <code>
    Then it is a well-formed <class> code that RFC 27 does not assign

    @needs-error-codes
    Examples:
      | code | class     | reason                          |
      | F09  | final     | F09 to F98 are unassigned       |
      | F98  | final     | the last unassigned final code  |
      | T06  | temporary | T06 to T98 are unassigned       |
      | R03  | relative  | R03 to R98 are unassigned       |

  @ERR-001 @must
  Scenario Outline: A code that is not a class letter and two digits is not an ILP error code (<reason>)
    When the codec looks up the error code <code>
    Then it is not a well-formed ILP error code

    @needs-error-codes
    Examples:
      | code | reason                           |
      | F0   | too short                        |
      | F001 | too long                         |
      | f08  | the class letter is upper case   |
      | X01  | X is not a class                 |
      | F0A  | the second digit is a letter     |
      | 123  | no class letter                  |

  # RFC 27 says nothing about a decoder meeting a code outside the table, and connectors relay Rejects
  # unchanged (ERR-012). Both answers are accepted: refuse the Reject as InvalidErrorCode, or decode it and
  # let the receiver see that its code is no ILP error code. (The catalog's vector REJECT-A-003 decodes.)
  @ERR-001 @must
  Scenario: A Reject whose code is not a class letter and two digits is never taken for an ILP error code
    When the decoder decodes the packet:
      """
      0e 0c                   # Reject, contents 12 bytes
      313233                  # code "123"
      06 746573742e74         # triggeredBy "test.t"
      00                      # message ""
      00                      # data, none
      """
    Then either it is refused as InvalidErrorCode in "code" or its code is not a well-formed ILP error code

  @ERR-003 @should @needs-f08-data
  Scenario: F08 data holds the received and the maximum amount, big-endian
    When the codec writes the F08 data for received amount 101 and maximum amount 100
    Then the bytes written are "0000000000000065 0000000000000064"

  @ERR-003 @should
  Scenario: An F08 Reject's data is read as the received and the maximum amount
    When the decoder decodes the packet:
      """
      0e 56                                                                                                      # Reject, contents 86 bytes
      463038                                                                                                     # code "F08"
      0b 746573742e636f6e6e6965                                                                                  # triggeredBy "test.connie"
      35 7061636b65742073697a6520746f6f206c617267652e206d6178416d6f756e743d3130302061637475616c416d6f756e743d313031 # message, 53 bytes
      10 0000000000000065 0000000000000064                                                                       # data: received 101, maximum 100
      """
    Then it is a Reject with:
      | code         | F08         |
      | triggered by | test.connie |
    And the F08 data holds received amount 101 and maximum amount 100

  @ERR-003 @should @needs-f08-data
  Scenario Outline: F08 data keeps every digit of a UInt64 (<reason>)
    When the codec writes the F08 data for received amount <received> and maximum amount <maximum>
    Then the F08 data holds received amount <received> and maximum amount <maximum>

    Examples:
      | received             | maximum              | reason                        |
      | 1                    | 0                    | a connector that forwards nothing |
      | 18446744073709551615 | 18446744073709551614 | the largest UInt64 amounts    |

  @ERR-003 @should @needs-f08-data
  Scenario: F08 data shorter than 16 bytes is refused
    When the decoder reads the F08 data "0000000000000065 00000000000000"
    Then it is refused as Truncated in "maximumAmount" at byte 8

  # RFC 30 ("Extensibility"): bytes after the end of a structure are ignored, room for later fields.
  @ERR-003 @should @needs-f08-data
  Scenario: Bytes after the two amounts in F08 data are ignored
    When the decoder reads the F08 data "0000000000000065 0000000000000064 ff"
    Then the F08 data holds received amount 101 and maximum amount 100
