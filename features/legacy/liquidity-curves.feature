@codec @rfc-8 @needs-liquidity-curves
Feature: ILQP liquidity curves and appliesToPrefix (2017)
  A 2017 connector answered a liquidity quote with a curve of points <input, output> (InterledgerTypes ASN.1,
  LiquidityCurve): x rises strictly, y never falls, the first point is the smallest amount that can be
  transacted and the last the largest. Between points implementations MUST interpolate linearly; asked by
  output, where several points match exactly, the lowest input MUST be returned. The quote's appliesToPrefix
  is the common prefix of all addresses the curve applies to, and the destination itself when the curve
  applies to it alone (InterledgerQuotingProtocol ASN.1). Every expected value below is worked out by hand
  from those texts; the curve is the same throughout:

    output
     170 |                         *  (50,170)
     120 |        (20,120) *----*  (30,120)
      20 |  * (10,20)
         +-------------------------- input

  @QUOTE-002 @must
  Scenario Outline: An input on a point or between two points gives the linear interpolation (input <x>)
    Given the liquidity curve "10:20 20:120 30:120 50:170"
    When the curve is asked for the output of an input of <x>
    Then the curve gives <y>

    Examples:
      | x  | y   | where                                 |
      | 10 | 20  | the first point: the smallest amount  |
      | 15 | 70  | halfway up the first segment          |
      | 20 | 120 | a point                               |
      | 25 | 120 | on the flat segment                   |
      | 40 | 145 | halfway along the last segment        |
      | 50 | 170 | the last point: the largest amount    |

  # 43 lies 13/20 of the way along the last segment: 120 + 50 * 13/20 = 152.5. The texts name no rounding, and
  # amounts are whole units: rounding down (152) and up (153) are both accepted.
  @QUOTE-002 @must
  Scenario: A non-integer interpolation is rounded to a whole unit either way
    Given the liquidity curve "10:20 20:120 30:120 50:170"
    When the curve is asked for the output of an input of 43
    Then the curve gives 152 or 153

  # The last point is the largest amount that can be transacted, so an input beyond it has no interpolated
  # output. Accepted: no amount, or the last point's output (the most the curve delivers). Continuing the last
  # segment (195) promises what the curve does not offer.
  @QUOTE-002 @must
  Scenario: An input beyond the last point is not extrapolated
    Given the liquidity curve "10:20 20:120 30:120 50:170"
    When the curve is asked for the output of an input of 60
    Then the curve gives no amount or 170

  # The first point is the smallest amount that can be transacted. Accepted: no amount, or 0 (nothing arrives).
  # Anything else (the first point's 20, or a line continued down) gives an output for an input the curve refuses.
  @QUOTE-002 @must
  Scenario: An input below the first point gives nothing
    Given the liquidity curve "10:20 20:120 30:120 50:170"
    When the curve is asked for the output of an input of 5
    Then the curve gives no amount or 0

  @QUOTE-002 @must
  Scenario: UInt64 amounts are interpolated without losing digits
    Given the liquidity curve "0:0 18446744073709551614:9223372036854775807"
    When the curve is asked for the output of an input of 18014398509481986
    Then the curve gives 9007199254740993

  @QUOTE-002 @must
  Scenario Outline: Asked by output, the curve gives the input that delivers it (output <y>)
    Given the liquidity curve "10:20 20:120 30:120 50:170"
    When the curve is asked for the smallest input that delivers <y>
    Then the curve gives <x>

    Examples:
      | y   | x  | where                                 |
      | 20  | 10 | the first point                       |
      | 70  | 15 | halfway up the first segment          |
      | 145 | 40 | halfway along the last segment        |
      | 170 | 50 | the last point                        |

  # Two points match 120 exactly, (20,120) and (30,120): the lowest input, 20, MUST be returned.
  @QUOTE-002 @must
  Scenario: An output that a flat segment matches exactly gives the lowest input
    Given the liquidity curve "10:20 20:120 30:120 50:170"
    When the curve is asked for the smallest input that delivers 120
    Then the curve gives 20

  # 152 lies at input 30 + 20 * 32/50 = 42.8. Only 43 is accepted: a quote by destination amount answers the
  # amount the sender "needs to send" (IL-RFC 8, QuoteByDestinationAmountResponse sourceAmount), and 42 gives
  # 150 on the curve, less than asked. 43 (152.5) is the lowest whole input that delivers 152.
  @QUOTE-002 @must
  Scenario: A non-integer reverse quote is rounded up to an input that delivers the output
    Given the liquidity curve "10:20 20:120 30:120 50:170"
    When the curve is asked for the smallest input that delivers 152
    Then the curve gives 43

  # Above the last point's 170 no input delivers: no amount. Below the first point's output the smallest amount
  # the curve transacts (10) delivers more than asked; no amount is accepted too.
  @QUOTE-002 @must
  Scenario Outline: An output outside the curve (<y>)
    Given the liquidity curve "10:20 20:120 30:120 50:170"
    When the curve is asked for the smallest input that delivers <y>
    Then the curve gives <answer>

    Examples:
      | y   | answer          |
      | 200 | no amount       |
      | 5   | 10 or no amount |

  # The ASN.1 says the prefix "should" be given when the curve applies to a prefix; the catalog (QUOTE-003,
  # MUST) reads the field's definition, the common prefix of all addresses the curve applies to, as binding.
  @QUOTE-003 @must
  Scenario: A destination reached only by its route gets the route's prefix
    Given the routing table holds routes for "g.a. g.b. g.c.d."
    When the curve of the route "g.a." is quoted for "g.a.c.d"
    Then appliesToPrefix is "g.a."

  # g.a.b. is routed elsewhere, so the curve does not apply to all of g.a.: the shortest prefix of the
  # destination with no other route beneath it is g.a.c.
  @QUOTE-003 @must
  Scenario: A more specific route beneath the route prefix narrows the prefix
    Given the routing table holds routes for "g.a. g.a.b. g.b."
    When the curve of the route "g.a." is quoted for "g.a.c.d"
    Then appliesToPrefix is "g.a.c."

  # g.a.b is reached by g.a., but every prefix of it (g.a.) has g.a.b. beneath: the curve applies to the
  # destination alone, and then appliesToPrefix MUST be that address.
  @QUOTE-003 @must
  Scenario: A curve that applies only to the destination names the destination
    Given the routing table holds routes for "g.a. g.a.b."
    When the curve of the route "g.a." is quoted for "g.a.b"
    Then appliesToPrefix is "g.a.b"
