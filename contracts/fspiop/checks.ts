/** One judged rule of the Mojaloop checks: which catalog entry, and what was expected and seen. */
export interface MojaloopCheck {
  readonly requirement: string;
  readonly passed: boolean;
  readonly expected: string;
  readonly actual: string;
}

export function check(requirement: string, passed: boolean, expected: string, actual: string): MojaloopCheck {
  return { requirement, passed, expected, actual };
}
