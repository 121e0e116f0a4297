/**
 * Ledger words for steps. `{account holder}` names a holder of a ledger account in a scenario; each word
 * becomes a fresh account unique to the scenario (see ledger-scenario.ts), so names never collide between
 * scenarios running in parallel against one ledger.
 */
import { defineParameterType } from '@cucumber/cucumber';

export const ACCOUNT_HOLDERS = ['alice', 'bob', 'carol', 'dave', 'connie'] as const;

defineParameterType({
  name: 'account holder',
  regexp: /alice|bob|carol|dave|connie/,
  transformer: (word: string) => word,
});

/** A byte count written in digits (`40`, `65535`): a non-negative integer no larger than 1 MiB. */
export function byteCount(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 1024 * 1024) throw new Error(`${n} is not a byte count from 0 to 1048576`);
  return n;
}
