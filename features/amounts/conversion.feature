@connector @rfc-27
Feature: Amounts across links with different assets and scales
  An amount counts in the smallest unit of the asset and scale agreed for the link it travels on; a connector
  converts it at its exchange rate and rescales it to the next link, and rejects with R01 when nothing would be
  left to forward (RFC 27 "Asset, Scale, and Precision", packet lifecycle steps 5 and 6, R01). The topology
  declares the rates (no spread).

  @PKT-010 @AMT-003 @AMT-008 @must
  Scenario: An amount is rescaled to the next link's scale
    Given alice settles in USD at scale 9
    And carol settles in USD at scale 6
    And carol fulfills
    When alice sends a Prepare for 1000000000 to a destination behind carol
    Then carol receives a Prepare for 1000000
    And alice receives a Fulfill

  @AMT-003 @must
  Scenario: An amount is converted at the connector's rate into the next link's asset
    Given alice settles in USD at scale 9
    And erin settles in EUR at scale 9
    And one USD is worth 2 EUR at the connector
    And erin fulfills
    When alice sends a Prepare for 1000 to a destination behind erin
    Then erin receives a Prepare for 2000
    And alice receives a Fulfill

  # 999 units at scale 9 are 0.999 of a unit at carol's scale 6. How to round is the connector's choice (its
  # rate, "any method", AMT-003): rounded down nothing is left, so R01 is due; rounded up, 1 goes on to carol.
  # Either passes; a zero-amount Prepare at carol fails (ilp-connector forwards one, catalog IMPL-006).
  @AMT-005 @ERR-009 @must
  Scenario: An amount that converts to nothing is rejected with R01
    Given carol fulfills
    When alice sends a Prepare for 999 to a destination behind carol
    Then either alice receives a Reject with code R01 from the connector, or carol receives a Prepare for more than 0
