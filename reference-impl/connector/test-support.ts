/**
 * Factories for the connector's unit tests: realistic defaults, so a test names only the field it is
 * about. Not a test file itself (no `.test.ts`), so the runner does not pick it up.
 */
import assert from 'node:assert/strict';
import { conditionOf } from '../../lib/codec';
import type { IlpPrepare, IlpReply } from '../../lib/codec/types';
import type { PeerConfig } from '../../contracts/topology';
import { type IlpRule, type Next, PacketContext } from './context';
import { IlpError } from './errors';

export const FULFILLMENT = new Uint8Array(32).fill(7);
export const CONDITION = conditionOf(FULFILLMENT);
export const NOW = Date.parse('2030-01-01T00:00:00.000Z');

type Overrides<T> = { -readonly [K in keyof T]?: T[K] };

export function aPeer(overrides: Overrides<PeerConfig> = {}): PeerConfig {
  const name = overrides.name ?? 'alice';
  return {
    name,
    relation: 'child',
    asset: { code: 'USD', scale: 9 },
    maxPacketAmount: 1_000_000n,
    balance: { minimum: -1_000_000n, maximum: 1_000_000n },
    http: {
      mode: 'sync',
      incoming: { path: `/ilp/${name}`, token: `${name}-in` },
      outgoing: { url: `http://127.0.0.1:9/${name}`, token: `${name}-out` },
    },
    ...overrides,
  };
}

export function aPrepare(overrides: Overrides<IlpPrepare> = {}): IlpPrepare {
  return {
    type: 12,
    amount: 100n,
    expiresAt: new Date(NOW + 10_000),
    executionCondition: CONDITION,
    destination: 'test.bob.k1',
    data: new Uint8Array([1, 2, 3]),
    ...overrides,
  };
}

export const aFulfill = (): IlpReply => ({ type: 13, fulfillment: FULFILLMENT, data: new Uint8Array([9]) });
export const aReject = (code = 'F99'): IlpReply => ({ type: 14, code, triggeredBy: 'test.bob', message: 'no', data: new Uint8Array([4]) });

/** A context whose Prepare is already decoded, as validate-prepare leaves it. */
export function aContext(prepare: Partial<IlpPrepare> = {}, from: PeerConfig = aPeer()): PacketContext {
  return new PacketContext(from, new Uint8Array(0), aPrepare(prepare));
}

/** A `next` that records whether it ran and answers `reply` (or throws it, if it is an Error). */
export function recordingNext(reply: IlpReply | Error | (() => Promise<IlpReply>) = aFulfill()): Next & { calls: number } {
  const next = Object.assign(
    async (): Promise<IlpReply> => {
      next.calls++;
      if (typeof reply === 'function') return reply();
      if (reply instanceof Error) throw reply;
      return reply;
    },
    { calls: 0 },
  );
  return next;
}

/** Runs the rule and expects it to throw an IlpError with `code`; returns the error. */
export async function expectIlpError(rule: IlpRule, ctx: PacketContext, next: Next, code: string): Promise<IlpError> {
  const error = await rule.handle(ctx, next).then(
    (reply) => assert.fail(`expected ${code}, got a ${reply.type === 13 ? 'Fulfill' : `Reject ${reply.code}`}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof IlpError, `expected an IlpError ${code}, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  return error;
}
