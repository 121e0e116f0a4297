@connector @rfc-27 @rfc-15
Feature: Routing by longest prefix
  A connector forwards a Prepare that is not addressed to itself to the peer whose routing-table prefix is the
  longest match for the destination, and rejects it with F02 Unreachable when no route matches
  (RFC 15 "Routing", RFC 27 packet lifecycle step 5). Addresses are case-sensitive (RFC 15).

  @ROUTE-001 @must
  Scenario: A destination under the longer of two matching prefixes goes to that prefix's peer
    Given the connector routes test.lp to bob
    And the connector routes test.lp.deep to carol
    And carol fulfills
    When alice sends a Prepare for 1000000 to an address under test.lp.deep
    Then carol receives the Prepare
    And bob receives nothing
    And alice receives a Fulfill

  @ROUTE-001 @must
  Scenario: A destination matching only the shorter prefix goes to the shorter prefix's peer
    Given the connector routes test.lp to bob
    And bob fulfills
    When alice sends a Prepare for 100 to an address under test.lp
    Then bob receives the Prepare
    And carol receives nothing
    And alice receives a Fulfill

  @ROUTE-002 @ERR-009 @must
  Scenario: A destination no route matches is rejected with F02 by the connector
    When alice sends a Prepare for 100 to an address under test.nowhere
    Then alice receives a Reject with code F02
    And the Reject alice receives is triggered by the connector
    And no peer receives the Prepare

  @ADDR-004 @must
  Scenario Outline: Routes that differ only in letter case lead to different peers
    Given the connector routes <prefix> to <peer>
    And <peer> fulfills
    When alice sends a Prepare for 1000000 to an address under <prefix>
    Then <peer> receives the Prepare
    And <other> receives nothing
    And alice receives a Fulfill

    Examples:
      | prefix      | peer  | other |
      | test.case.x | bob   | carol |
      | test.case.X | carol | bob   |

  # RFC 15 says "longest prefix" without saying whether a prefix may end inside a segment. The suite records
  # what the connector does: test.lp.deepx must not be taken for test.lp.deep by a segment-aware router
  # (ilp-connector and the reference), while a character-prefix router would send it to carol. Both pass;
  # only a Reject or silence fails.
  @ROUTE-010 @may
  Scenario: A destination that extends a route's last segment is routed by some prefix
    Given bob fulfills
    And carol fulfills
    When alice sends a Prepare for 1000000 to an address under test.lp.deepx
    Then alice receives a Fulfill
