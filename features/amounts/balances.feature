@connector @rfc-27
Feature: Balances and credit limits
  A connector charges a Prepare to the account of the link it arrived on, reserves the amount while the Prepare
  is in flight, rejects what the sender's credit cannot cover, and keeps the amount only when a valid Fulfill
  comes back (RFC 27 packet lifecycle steps 3, 4 and 10; "ILP Prepare" note on the missing source address).
  The topology lets lena owe the connector at most 5000. Every Prepare lena sends is rejected in the end, so
  her balance is back at zero after each scenario; @uses:lena keeps these scenarios apart when several workers
  share one external connector.

  # RFC 27 names no code; T04 Insufficient Liquidity fits, and any temporary (T) code passes.
  # (ilp-connector: T04 for the sender's own limit.)
  @ERR-013 @AMT-002 @must @uses:lena
  Scenario: A Prepare the sender's credit cannot cover is rejected and not forwarded
    Given lena may owe the connector at most 5000
    And bob rejects with code F99
    When lena sends a Prepare for 6000 to a destination behind bob
    Then lena receives a temporary Reject
    And bob receives nothing

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
