@connector @rfc-27
Feature: Balances and credit limits
  A connector charges a Prepare to the account of the link it arrived on, reserves the amount while the Prepare
  is in flight, rejects what the sender's credit cannot cover, and keeps the amount only when a valid Fulfill
  comes back (RFC 27 packet lifecycle steps 3, 4 and 10; "ILP Prepare" note on the missing source address).
  On the other side of a link, a connector may stop sending a peer what that peer's balance cannot take
  (RFC 27 terminology, "Balance").
  The topology lets lena owe the connector at most 5000, and the connector may owe her nothing. Every Prepare
  lena sends is rejected in the end, and none is ever fulfilled towards her, so her balance is back at zero
  after each scenario; @uses:lena keeps these scenarios apart when several workers share one external
  connector.

  # RFC 27 names no code; T04 Insufficient Liquidity fits, and any temporary (T) code passes.
  # (ilp-connector: T04 for the sender's own limit.)
  @ERR-013 @AMT-002 @must @uses:lena
  Scenario: A Prepare the sender's credit cannot cover is rejected and not forwarded
    Given lena may owe the connector at most 5000
    And bob rejects with code F99
    When lena sends a Prepare for 6000 to a destination behind bob
    Then lena receives a temporary Reject
    And bob receives nothing

  # The limit is inclusive: with nothing of hers in flight, lena may send a Prepare for her whole 5000.
  @AMT-002 @must @uses:lena
  Scenario: A Prepare for exactly the sender's whole credit is forwarded
    Given lena may owe the connector at most 5000
    And bob rejects with code F99
    When lena sends a Prepare for 5000 to a destination behind bob
    Then bob receives a Prepare for 5000
    And lena receives a Reject with code F99

  @AMT-002 @must @uses:lena
  Scenario: A Prepare in flight holds the sender's credit until it is answered
    Given lena may owe the connector at most 5000
    And bob holds the Prepare
    When lena sends a Prepare for 3000 to a destination behind bob
    And lena sends another Prepare for 3000 to a destination behind bob
    Then lena receives a temporary Reject
    And bob receives 1 Prepare
    When bob rejects the held Prepare with code F99
    Then the answer to lena's first Prepare is a Reject with code F99

  @AMT-004 @must @uses:lena
  Scenario: A rejected Prepare gives the sender's credit back
    Given lena may owe the connector at most 5000
    And bob rejects with code F99
    When lena sends a Prepare for 3000 to a destination behind bob
    Then lena receives a Reject with code F99
    When lena sends another Prepare for 3000 to a destination behind bob
    Then lena receives a Reject with code F99
    And bob receives 2 Prepares

  # alice's Prepare is forwarded while lena's 4000 is in flight, which 4000 + 4000 > 5000 would forbid had it
  # been charged to lena; lena's next Prepare is refused, so her own account carries her own Prepare.
  @PKT-015 @AMT-001 @must @uses:lena
  Scenario: Each Prepare is charged to the account of the link it arrived on
    Given lena may owe the connector at most 5000
    And bob holds the Prepare
    When lena sends a Prepare for 4000 to a destination behind bob
    And alice sends a Prepare for 4000 to a destination behind bob
    Then bob receives 2 Prepares
    When lena sends another Prepare for 4000 to a destination behind bob
    Then lena receives a temporary Reject
    When bob rejects the held Prepare with code F99
    And bob rejects the held Prepare with code F99
    Then the answer to alice's first Prepare is a Reject with code F99
    And the answer to lena's first Prepare is a Reject with code F99

  # 6000 is more than lena can ever owe (at most 5000), and the connector may owe her nothing, so no state of
  # her account lets the connector send her 6000: the scenario does not depend on what ran before it.
  # Catalog: ERR-013 and AMT-002 speak of the sender's credit, and alice's is ample; what fits is AMT-006,
  # a lower-case "may" (a connector may stop serving a peer whose balance is too low). As a @may scenario a
  # failure makes the run "conformant with warnings", never "not conformant" (DESIGN decision 9,
  # lib/report/README.md). RFC 27 names no code; T04 Insufficient Liquidity covers a connector short of
  # balance, and any temporary (T) code passes. (The catalog notes ilp-connector answers F00 here.)
  # lena is told to reject, so even a connector that wrongly forwards leaves her balance at zero.
  @AMT-006 @ERR-009 @may @uses:lena
  Scenario: A Prepare the next hop's balance cannot take is rejected and not forwarded
    Given the connector may owe lena at most 0
    And lena may owe the connector at most 5000
    And lena rejects with code F99
    When alice sends a Prepare for 6000 to a destination behind lena
    Then alice receives a temporary Reject
    And the Reject alice receives is triggered by the connector
    And lena receives nothing
