@connector @rfc-27 @rfc-1
Feature: Checking the fulfillment before passing it back
  A connector passes a Fulfill back only when the SHA-256 of its fulfillment is the Prepare's condition; otherwise
  it rejects, and the packet counts for nothing (RFC 27 packet lifecycle step 10 and "Condition and Fulfillment";
  RFC 1 "Conditions and Fulfillments").

  # RFC 27 names no code for a failed check (ilp-connector answers F05; F05's definition describes another
  # case). Any Reject passes and the step reports the code the connector chose.
  @COND-002 @ARCH-003 @ERR-009 @must
  Scenario: A Fulfill whose fulfillment does not hash to the condition is replaced by a Reject
    Given bob answers with a wrong fulfillment
    When alice sends a Prepare for 100 to a destination behind bob
    Then alice receives a Reject
    And the Reject alice receives is triggered by the connector

  # lena may owe at most 5000. The second Prepare fits only if the first one was not counted.
  @AMT-004 @COND-003 @must @uses:lena
  Scenario: A wrong fulfillment is not charged to the sender
    Given lena may owe the connector at most 5000
    And bob answers with a wrong fulfillment
    And for the next Prepare, bob rejects with code F99
    When lena sends a Prepare for 3000 to a destination behind bob
    Then lena receives a Reject
    When lena sends another Prepare for 3000 to a destination behind bob
    Then lena receives a Reject with code F99
    And the Reject lena receives carries the code, triggeredBy and data bob sent
