@codec @rfc-15 @needs-addresses
Feature: Addresses under the 2017 rules (ILP Addresses v1.0.0)
  Before version 2.0.0, RFC 15 (v1.0.0, drafts of 2017 and February 2018) knew two kinds of address, and
  ILPv1-era deployments still use them. A destination address names one account: it never ends in a period
  and has at least two segments after the scheme. An address prefix names a group of accounts, such as a
  ledger: it always ends in a period, and "g." is the shortest. The grammar lists the schemes g, private,
  example, peer, self, test1 to test3, and from draft 2 test; the same 1023-character limit, segment alphabet
  and case rules apply. The codec checks these rules when asked for the 2017 rules.

  @ADDR-L01 @ADDR-L03 @must
  Scenario Outline: A 2017 address is a destination or a prefix (<reason>)
    When the codec checks the address "<address>" under the 2017 rules
    Then the address is accepted as a 2017 <kind>

    Examples:
      | address                        | kind        | reason                                             |
      | g.acme.bob                     | destination | an account: two segments after the scheme          |
      | test1.bob.alice                | destination | the 2017 destination form under a test scheme      |
      | private.l1p.ke.dfsp1           | destination | a Mojaloop-style account address                   |
      | g.crypto.bitcoin.              | prefix      | RFC 15 v1 example of a ledger prefix               |
      | example.dev.acme.blue.waygate. | prefix      | RFC 15 v1 nested-ledger prefix                     |
      | g.                             | prefix      | the shortest prefix                                |

  @ADDR-L03 @must
  Scenario Outline: One segment after the scheme is neither a destination nor a prefix (<reason>)
    When the codec checks the address "<address>" under the 2017 rules
    Then the address is accepted as neither a 2017 destination nor a prefix

    Examples:
      | address    | reason                                       |
      | g.A        | a single segment, valid in RFC 15 v2 only    |
      | peer.config | the IL-DCP destination has one segment too  |

  @ADDR-L04 @must
  Scenario Outline: The 2017 grammar lists its own schemes (<reason>)
    When the codec checks the address "<address>" under the 2017 rules
    Then the address is <verdict>

    Examples:
      | address       | verdict  | reason                                 |
      | test1.bob.a   | accepted | test1 is in every 2017 draft           |
      | test3.bob.a   | accepted | test3 is in every 2017 draft           |
      | test.bob.a    | accepted | draft 2 (February 2018) adds test      |
      | self.bob.a    | accepted | self                                   |
      | test4.bob.a   | refused  | no test4 scheme                        |
      | what.bob.a    | refused  | not a scheme                           |

  # The 2017 scheme table lists "local." but its ABNF and regular expression do not. The catalog follows the
  # grammar (ADDR-L04, consolidated ambiguity 14), so a 2017 parser refuses local addresses; one that followed
  # the table instead fails this scenario.
  @ADDR-L04 @must
  Scenario: The local scheme is absent from the 2017 grammar
    When the codec checks the address "local.cluster.node1" under the 2017 rules
    Then the address is refused for its scheme

  @ADDR-L05 @should
  Scenario Outline: The 2017 rules keep the length limit, the alphabet and the case of letters (<reason>)
    When the codec checks the address "<address>" under the 2017 rules
    Then the address is refused for <rule>

    Examples:
      | address          | rule               | reason                              |
      | g.alice!bob.x    | the character "!" at index 7 | a character outside the alphabet |
      | G.alice.bob      | its scheme         | schemes are lower case              |

  @ADDR-L05 @should
  Scenario: The 2017 rules allow at most 1023 characters
    When the codec checks an address made of "g." and 1022 "x" characters under the 2017 rules
    Then the address is refused for its length

  @ADDR-L06 @must
  Scenario Outline: The verdict is that of the three 2017 regular expressions (<reason>)
    When the codec checks the address "<address>" under the 2017 rules
    Then the verdict agrees with the 2017 regular expressions

    Examples:
      | address              | reason                             |
      | g.us.nexus.bob       | a destination (RFC 3 example)      |
      | example.us.          | a prefix                           |
      | g.                   | the shortest prefix                |
      | g.A                  | neither                            |
      | g..bob               | an empty segment                   |
      | .g.bob               | a leading period                   |
      | local.a.b            | a scheme outside the 2017 grammar  |
      | g.Alice.Bob          | mixed case                         |

  @ADDR-L08 @must
  Scenario: A 2017 address is never empty
    When the codec checks the address "" under the 2017 rules
    Then the address is refused for being empty
