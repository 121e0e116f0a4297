@codec @rfc-30
Feature: Timestamps
  RFC 30 ("Fixed-length Timestamps") writes the Prepare's expiry as exactly 17 ASCII digits, YYYYMMDDHHmmSSfff,
  in UTC, with no separators, no zone and no length prefix; every field is present, midnight is 00 of the
  next day, and leap seconds are smeared over the day, so second 60 never appears. A decoder refuses anything
  else. RFC 30 ("Variable-length Timestamps") also defines GeneralizedTime, YYYYMMDDHHmmSS[.fff]Z inside a
  variable-length octet string, for protocols such as BTP: the fraction has no trailing zeros and is left out
  when zero, the zone is always Z, and a leap second is written as 60.

  @TS-001 @PKT-004 @must
  Scenario: The expiry of a Prepare is 17 digits right after the amount, with no length prefix
    When the codec encodes a Prepare with:
      | amount     | 1                        |
      | expires at | 2017-12-24T16:14:32.279Z |
    Then the contents written begin with "0000000000000001 3230313731323234313631343332323739"

  # The codec takes a JavaScript Date, which cannot hold "24:00"; the end-of-day row checks that such an
  # instant, read by the step as the next day's 00:00, is written that way.
  @TS-002 @TS-003 @must
  Scenario Outline: The codec writes an instant as 17 digits in UTC (<reason>)
    When the codec writes <instant> as an ILP timestamp
    Then the timestamp written is "<digits>"

    @needs-timestamps
    Examples:
      | instant                       | digits            | reason                                              |
      | 2017-12-24T16:14:32.279Z      | 20171224161432279 | RFC 30 example                                      |
      | 2017-12-24T16:14:32.200Z      | 20171224161432200 | trailing zeros of the milliseconds stay             |
      | 2017-12-24T16:14:32.000Z      | 20171224161432000 | zero milliseconds are written                       |
      | 2017-12-24T16:14:00.000Z      | 20171224161400000 | zero seconds are written                            |
      | 2017-12-24T00:00:00.000Z      | 20171224000000000 | midnight at the start of the day                    |
      | 2017-12-24T24:00:00.000Z      | 20171225000000000 | midnight at the end of a day is 00 of the next day  |
      | 2017-12-24T18:14:32.000+02:00 | 20171224161432000 | converted to UTC                                    |
      | 2017-12-24T11:14:32.279-05:00 | 20171224161432279 | converted to UTC from west of Greenwich             |
      | 0001-01-01T00:00:00.000Z      | 00010101000000000 | the year keeps four digits                          |

  @TS-004 @must
  Scenario Outline: The codec never writes second 60 (<reason>)
    When the codec writes <instant> as an ILP timestamp
    Then the timestamp written is "<digits>"

    @needs-timestamps
    Examples:
      | instant                  | digits            | reason                                                 |
      | 2016-12-31T23:59:59.999Z | 20161231235959999 | the last millisecond before the 2016 leap second       |
      | 2017-01-01T00:00:00.000Z | 20170101000000000 | the next millisecond is already the next day           |

  @TS-005 @must
  Scenario Outline: The decoder reads RFC 30's valid timestamps exactly (<reason>)
    When the decoder reads the ILP timestamp "<digits>"
    Then the instant read is <instant>

    @needs-timestamps
    Examples:
      | digits            | instant                  | reason                                     |
      | 20171224161432279 | 2017-12-24T16:14:32.279Z | RFC 30 example                             |
      | 20171224161432270 | 2017-12-24T16:14:32.270Z | RFC 30 example                             |
      | 20171224161432200 | 2017-12-24T16:14:32.200Z | RFC 30 example                             |
      | 20171224161432000 | 2017-12-24T16:14:32.000Z | RFC 30 example                             |
      | 20161231235959852 | 2016-12-31T23:59:59.852Z | RFC 30 example, near a leap second         |
      | 20171225000000000 | 2017-12-25T00:00:00.000Z | RFC 30 example, midnight                   |
      | 99991224161432279 | 9999-12-24T16:14:32.279Z | RFC 30 example, the year 9999              |
      | 20160229120000000 | 2016-02-29T12:00:00.000Z | February 29 of a leap year                 |

  @TS-005 @must
  Scenario Outline: The decoder refuses RFC 30's invalid timestamps (<reason>)
    When the decoder reads the ILP timestamp "<text>"
    Then it is refused as InvalidTimestamp in "expiresAt"

    @needs-timestamps
    Examples:
      | text                    | reason                                     |
      | 20171224235312.431+0200 | not UTC, and characters besides digits     |
      | 201712242153124318      | too much precision                         |
      | 20171324161432200       | month 13                                   |
      | 20171224230000000.      | a spurious decimal point                   |
      | 20171224240000000       | hour 24: midnight written the wrong way    |
      | 20171224215300          | milliseconds missing                       |
      | 2017122421531           | digits missing                             |
      | 201712242153            | seconds and milliseconds missing           |
      | 2017122421              | minutes, seconds and milliseconds missing  |
      | 20170230000000000       | February 30, which must not roll over into March |
      | 20170229000000000       | February 29 of a common year               |
      | 20171232000000000       | day 32                                     |
      | 20171200000000000       | day 0                                      |
      | 20171224156000000       | minute 60                                  |
      | 2017-12-24T16:14:32Z    | ISO 8601 separators                        |

  @TS-005 @must
  Scenario Outline: A Prepare whose expiry is not a real instant is refused (<reason>)
    When the decoder decodes the packet:
      """
      0c 68                                                               # Prepare, contents 104 bytes
      000000000000006b                                                    # amount 107
      <expiry>                                                            # expiresAt
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      0d 6578616d706c652e616c696365                                       # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      """
    Then it is refused as InvalidTimestamp in "expiresAt" at byte <at>

    Examples:
      | expiry                             | at | reason                                            |
      | 3230313731333234313631343332323030 | 14 | "20171324161432200": month 13, at the month       |
      | 3230313731323234323430303030303030 | 18 | "20171224240000000": hour 24, at the hour         |
      | 3230313730323330303030303030303030 | 16 | "20170230000000000": February 30, at the day      |
      | 0930313731323233303132313430353439 | 10 | a TAB where the first digit belongs               |

  # RFC 30 contradicts itself on leap seconds: its encoding list writes 2016-12-31T23:59:60.852Z as
  # "20161231235960852", its decoding list calls that string invalid. The catalog reads second 60 as invalid
  # in the fixed-length form (smearing means it never appears); a decoder that accepts it is recorded.
  @TS-006 @may
  Scenario Outline: Second 60 is refused in a Prepare's expiry (<reason>)
    When the decoder decodes the packet:
      """
      0c 68                                                               # Prepare, contents 104 bytes
      000000000000006b                                                    # amount 107
      <expiry>                                                            # expiresAt
      74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1    # executionCondition
      0d 6578616d706c652e616c696365                                       # destination "example.alice"
      20 5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0 # data, 32 bytes
      """
    Then it is refused as InvalidTimestamp in "expiresAt" at byte 22

    Examples:
      | expiry                             | reason                                          |
      | 3230313631323331323335393630383532 | "20161231235960852": the 2016 leap second       |
      | 3230303030353331313630313630323531 | "20000531160160251": 60 seconds where no leap second exists |

  @TS-007 @must
  Scenario Outline: The codec writes a variable-length timestamp in its shortest form (<reason>)
    When the codec writes <instant> as a variable-length timestamp
    Then the timestamp written is "<text>"
    And the bytes written are <bytes>

    @needs-timestamps
    Examples:
      | instant                  | text                | bytes                                      | reason                               |
      | 2017-12-24T16:14:32.279Z | 20171224161432.279Z | 1332303137313232343136313433322e3237395a   | three fraction digits                |
      | 2017-12-24T16:14:32.200Z | 20171224161432.2Z   | 1132303137313232343136313433322e325a       | no trailing zeros in the fraction    |
      | 2017-12-25T00:00:00.000Z | 20171225000000Z     | 0f32303137313232353030303030305a           | no fraction when it is zero          |

  @TS-007 @must
  Scenario Outline: The decoder reads RFC 30's valid variable-length timestamps (<reason>)
    When the decoder reads the variable-length timestamp "<text>"
    Then the instant read is <instant>

    @needs-timestamps
    Examples:
      | text                | instant                  | reason                           |
      | 20171224161432.279Z | 2017-12-24T16:14:32.279Z | three fraction digits            |
      | 20171224161432.27Z  | 2017-12-24T16:14:32.270Z | two fraction digits              |
      | 20171224161432.2Z   | 2017-12-24T16:14:32.200Z | one fraction digit               |
      | 20171224161432Z     | 2017-12-24T16:14:32.000Z | no fraction                      |
      | 20171225000000Z     | 2017-12-25T00:00:00.000Z | midnight                         |
      | 99991224161432.279Z | 9999-12-24T16:14:32.279Z | the year 9999                    |

  # RFC 30 requires a decoder to accept a leap second in this form. A JavaScript Date cannot hold 23:59:60, so
  # the codec reads it as the POSIX instant, the same millisecond of the next second (00:00:00.852).
  @TS-007 @must @needs-timestamps
  Scenario: A leap second in a variable-length timestamp is accepted
    When the decoder reads the variable-length timestamp "20161231235960.852Z"
    Then the instant read is 2017-01-01T00:00:00.852Z

  @TS-007 @must
  Scenario Outline: The decoder refuses RFC 30's invalid variable-length timestamps (<reason>)
    When the decoder reads the variable-length timestamp "<text>"
    Then it is refused as InvalidTimestamp in "time"

    @needs-timestamps
    Examples:
      | text                    | reason                                |
      | 20171224235312.431+0200 | not UTC                               |
      | 20171224215312.4318Z    | too much precision                    |
      | 20171224161432,279Z     | a comma as the decimal mark           |
      | 20171324161432.279Z     | month 13                              |
      | 20171224230000.20Z      | a trailing zero in the fraction       |
      | 20171224230000.Z        | a decimal point without a fraction    |
      | 20171224240000Z         | hour 24                               |
      | 2017122421531Z          | a digit missing in the seconds        |
      | 201712242153Z           | seconds missing                       |
      | 2017122421Z             | minutes and seconds missing           |
      | 20171224161459.5        | no zone at all                        |
