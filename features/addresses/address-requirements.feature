@codec @rfc-15 @needs-addresses
Feature: Address requirements
  RFC 15 (ILP Addresses v2.0.0, "Address Requirements") fixes the shape of every ILP address: an allocation
  scheme, then one or more segments, each after a single period. A segment is one or more letters, digits,
  "_", "~" or "-"; letters keep their case; nothing ends in a period; the whole address is at most 1023
  characters. The RFC gives the grammar twice, as ABNF and as a regular expression with a length check, and
  the two agree.

  @ADDR-001 @ADDR-007 @must
  Scenario Outline: The addresses the RFCs give as examples are valid (<reason>)
    When the codec checks the address "<address>"
    Then the address is accepted
    And the verdict agrees with the RFC 15 regular expression

    Examples:
      | address                                                                                       | reason                                         |
      | g.acme.bob                                                                                    | RFC 15: account bob at connector acme          |
      | g.us-fed.ach.0.acmebank.swx0a0.acmecorp.sales.199.~ipr.cdfa5e16-e759-4ba3-88f6-8b9dc83c1868.2 | RFC 15: neighbourhoods, account, interaction   |
      | g.us.acmebank.acmecorp.sales.199                                                              | RFC 1                                          |
      | g.crypto.bitcoin.1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2                                           | RFC 1: letters of both cases                   |
      | g.crypto.foo.bar                                                                              | RFC 31: a client address                       |
      | peer.config                                                                                   | RFC 31: the IL-DCP destination                 |
      | g.parent-node.child-node                                                                      | hyphens inside segments                        |

  @ADDR-001 @must
  Scenario Outline: Segments are separated by single periods and none is empty (<reason>)
    When the codec checks the address "<address>"
    Then the address is refused for <rule>

    Examples:
      | address          | rule                                   | reason                                  |
      | test..alice      | an empty segment                       | two periods in a row                    |
      | g.us..bob        | an empty segment                       | an empty segment in the middle          |
      | .test.alice      | its scheme                             | a leading period leaves no scheme       |
      |                  | being empty                            | no characters at all                    |

  @ADDR-002 @must
  Scenario Outline: The first segment is one of the ten allocation schemes (<reason>)
    When the codec checks the address "<address>"
    Then the address is accepted

    Examples:
      | address   | reason                                  |
      | g.A       | global                                  |
      | private.A | private networks                        |
      | example.A | documentation                           |
      | peer.A    | bilateral peer protocols                |
      | self.A    | the local machine                       |
      | test.A    | testnets                                |
      | test1.A   | test network 1                          |
      | test2.A   | test network 2                          |
      | test3.A   | test network 3                          |
      | local.A   | one connector's administrative domain   |

  @ADDR-002 @must
  Scenario Outline: Any other first segment is refused (<reason>)
    When the codec checks the address "<address>"
    Then the address is refused for its scheme

    Examples:
      | address      | reason                                   |
      | what.alice   | not a scheme                             |
      | test4.alice  | only test1 to test3 are numbered schemes |
      | G.alice      | schemes are lower case                   |
      | global.alice | schemes are not spelled out              |

  @ADDR-003 @must
  Scenario Outline: Segments use only letters, digits, "_", "~" and "-" (<reason>)
    When the codec checks the address "<address>"
    Then the address is refused for the character <character> at index <index>

    Examples:
      | address        | character | index | reason                                       |
      | test.alice 123 | " "       | 10    | a space                                      |
      | test.alice!123 | "!"       | 10    | an exclamation mark                          |
      | test.alice/123 | "/"       | 10    | a slash                                      |
      | g.alice+bob    | "+"       | 7     | a plus sign                                  |
      | g.alice@bob    | "@"       | 7     | an at sign                                   |
      | g.al:ice       | ":"       | 4     | a colon                                      |
      | test.alicð     | "ð"       | 9     | a letter outside ASCII                       |
      | g.alice\n      | "\n"      | 7     | a trailing newline, which some regex engines let through |

  @ADDR-003 @must
  Scenario Outline: A segment may consist of punctuation alone (<reason>)
    When the codec checks the address "<address>"
    Then the address is accepted
    And the verdict agrees with the RFC 15 regular expression

    Examples:
      | address | reason            |
      | g.-     | a hyphen alone    |
      | g.~     | a tilde alone     |
      | g._     | an underscore     |
      | g.0     | a digit alone     |

  @ADDR-004 @must
  Scenario Outline: Letters keep their case, so an address is never folded to lower case (<reason>)
    When the codec checks the address "<address>"
    Then the address is <verdict>

    Examples:
      | address   | verdict  | reason                                            |
      | g.Alice   | accepted | upper case in a segment (room for base64url)      |
      | g.alice   | accepted | the same letters in lower case, another address   |
      | G.alice   | refused  | schemes are lower case; "G" is not "g"            |
      | TEST.bob  | refused  | "TEST" is not "test"                              |

  @ADDR-005 @must
  Scenario Outline: An address has a segment after its scheme and does not end in a period (<reason>)
    When the codec checks the address "<address>"
    Then the address is refused for <rule>

    Examples:
      | address     | rule                                  | reason                               |
      | g           | having no segment after the scheme    | a scheme alone                       |
      | peer        | having no segment after the scheme    | the peer scheme alone                |
      | g.          | having no segment after the scheme    | a scheme and a period                |
      | test.       | having no segment after the scheme    | the shortest 2017 prefix form        |
      | test.alice. | ending in a period                    | a trailing period after a segment    |
      | g.crypto.bitcoin. | ending in a period              | a 2017-style address prefix          |

  @ADDR-005 @must
  Scenario: The shortest address is a one-letter scheme and a one-character segment
    When the codec checks the address "g.a"
    Then the address is accepted

  @ADDR-006 @should
  Scenario: An address of 1023 characters is the longest allowed
    When the codec checks an address made of "g." and 1021 "x" characters
    Then the address is accepted
    And the verdict agrees with the RFC 15 regular expression

  @ADDR-006 @should
  Scenario: An address of 1024 characters is too long
    When the codec checks an address made of "g." and 1022 "x" characters
    Then the address is refused for its length
    And the verdict agrees with the RFC 15 regular expression

  @ADDR-007 @must
  Scenario Outline: The codec's verdict is the verdict of the RFC 15 regular expression (<reason>)
    When the codec checks the address "<address>"
    Then the address is <verdict>
    And the verdict agrees with the RFC 15 regular expression

    Examples:
      | address                 | verdict  | reason                                          |
      | test.alice.XYZ.1234.-_~ | accepted | every punctuation character the grammar allows  |
      | local.cluster.node1     | accepted | the local scheme                                |
      | self.local              | accepted | a scheme name used as a segment                 |
      | test3.bob               | accepted | a numbered test scheme                          |
      | private.l1p.ke.dfsp1    | accepted | a Mojaloop-style private address                |
      | example.                | refused  | a prefix in the 2017 style                      |
      | test.alice.             | refused  | a trailing period                               |
      | g.x.y z                 | refused  | a space                                         |

  # RFC 15 requires a scheme plus at least one segment, yet the ASN.1 Address type (SIZE 0..1023) and RFC 30
  # allow an empty string on the wire. The catalog's reading: an empty string is not a valid address; what a
  # packet decoder does with it is recorded under features/packets (ilp-prepare, ilp-reject).
  @ADDR-011 @may
  Scenario: The empty string is not a valid ILP address
    When the codec checks the address ""
    Then the address is refused for being empty

  # RFC 15 item 1 says "one or more segments", item 5 needs a segment after the scheme. Read together, and as
  # the regular expression enforces, an address has at least two segments; the catalog takes that reading.
  @ADDR-012 @may
  Scenario Outline: An address has at least two segments, the scheme and one more (<reason>)
    When the codec checks the address "<address>"
    Then the address is <verdict>
    And the verdict agrees with the RFC 15 regular expression

    Examples:
      | address | verdict  | reason                         |
      | g       | refused  | one segment, the scheme        |
      | self    | refused  | one segment, the scheme        |
      | g.a     | accepted | two segments                   |
