/**
 * Amounts at the limit of what a ledger holds (features/ledger/amount-limits.feature). The Given reads what
 * the ledger states (its max_amount, or Five Bells' precision); the When-steps record each answer without
 * judging it; the one Then-step judges them all with amount-limit-judge.ts and reads every balance back.
 */
import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import { formatDecimalAmount } from '../contracts/decimal-amount';
import type { AmountLimit } from '../lib/targets/ledger-amount-limit';
import { describeLedgerReply, type LedgerReply } from '../lib/targets/ledger-http';
import type { IlpWorld } from './world';
import { largest, limitVerdict, LIMIT_UNITS_PATTERN, magnitude, parseLimitUnits, resolveLimitUnits, type LimitOutcome, type LimitUnits } from './support/amount-limit-judge';
import { fail, unitsOf } from './support/ledger-judge';
import { ledgerScenario as scenario, type LedgerScenario } from './support/ledger-scenario';

defineParameterType({ name: 'limit units', regexp: LIMIT_UNITS_PATTERN, transformer: parseLimitUnits });

interface Recorded {
  readonly what: string;
  readonly units: bigint;
  readonly outcome: LimitOutcome;
  readonly answer: string;
}

interface AtTheLimit {
  limit?: AmountLimit;
  openings: Array<Recorded & { readonly word: string }>;
  transfer?: Recorded;
}

function state(world: IlpWorld): AtTheLimit {
  return world.scoped<AtTheLimit>('amount-limit', () => ({ openings: [] }));
}

function limitOf(world: IlpWorld): AmountLimit {
  const limit = state(world).limit;
  if (!limit) throw new Error(`add "Given what the ledger says it can hold" before this step`);
  return limit;
}

/** Records the last stored answer as an outcome; the Then-step judges it (so it is inspected here). */
function recordLast(s: LedgerScenario, what: string, units: bigint): Recorded {
  const last = s.last!;
  s.markLastJudged();
  const r: LedgerReply<unknown> = last.reply;
  const outcome: LimitOutcome = r.kind === 'ok' ? 'accepted' : r.kind === 'refused' && r.status < 500 ? 'refused' : 'broken';
  return { what, units, outcome, answer: `${last.action}: ${describeLedgerReply(r)}` };
}

Given('what the ledger says it can hold', async function (this: IlpWorld) {
  const s = await scenario(this);
  const reply = await s.client.amountLimit();
  if (reply.kind !== 'ok') throw new Error(`could not read what the ledger says it can hold from its metadata: ${describeLedgerReply(reply)}`);
  state(this).limit = reply.body;
  this.transcript.note(`the ledger states ${reply.body.statement}; the first amount beyond it taken here is ${reply.body.firstBeyond} smallest units`);
});

When('the admin opens accounts for {account holder} holding {limit units} and {account holder} holding {limit units} of the ledger\'s smallest units', async function (this: IlpWorld, a: string, aUnits: LimitUnits, b: string, bUnits: LimitUnits) {
  const s = await scenario(this);
  const limit = limitOf(this);
  for (const [word, words] of [[a, aUnits], [b, bUnits]] as const) {
    const units = resolveLimitUnits(words, limit);
    const { reply } = await s.tryOpenAccount(word, units, { inUnits: true });
    s.store(`the admin opens ${s.accountNameOf(word)} holding ${units} smallest units (${formatDecimalAmount(units, s.scale)})`, reply);
    state(this).openings.push({ word, ...recordLast(s, `opening ${word}'s account with ${units} smallest units`, units) });
  }
});

When("{account holder} moves {limit units} of the ledger's smallest units to {account holder} without a condition", async function (this: IlpWorld, from: string, words: LimitUnits, to: string) {
  const s = await scenario(this);
  const units = resolveLimitUnits(words, limitOf(this));
  const refused = state(this).openings.filter((o) => o.outcome !== 'accepted');
  if (refused.length > 0) {
    this.transcript.note(`the transfer of ${units} smallest units is not attempted: ${refused.map((o) => o.what).join(' and ')} was refused`);
    return;
  }
  await s.prepare(from, to, formatDecimalAmount(units, s.scale), { unconditional: true });
  state(this).transfer = recordLast(s, `a transfer of ${units} smallest units from ${from} to ${to}`, units);
});

Then(
  "{account holder} holds {limit units} and {account holder} {limit units} of the ledger's smallest units, or the ledger refused whole what it says it cannot hold",
  async function (this: IlpWorld, a: string, aWords: LimitUnits, b: string, bWords: LimitUnits) {
    const s = await scenario(this);
    const at = state(this);
    const limit = limitOf(this);
    const after = new Map([[a, resolveLimitUnits(aWords, limit)], [b, resolveLimitUnits(bWords, limit)]]);
    if (at.openings.length === 0) throw new Error('no step opened the accounts to judge');
    for (const o of at.openings) {
      const wrong = limitVerdict(limit, magnitude(o.units), o.outcome);
      if (wrong) fail(s, `${o.what}: ${wrong}`, o.answer);
    }
    const refusedOpenings = at.openings.filter((o) => o.outcome === 'refused');
    for (const o of refusedOpenings) {
      // Refused whole: no account was opened, so no money was issued.
      const reply = await s.client.getAccount(s.target.adminToken, s.accountNameOf(o.word));
      if (!(reply.kind === 'refused' && reply.status === 404)) fail(s, `${o.what} refused whole: no account ${s.accountNameOf(o.word)} (HTTP 404)`, `reading it: ${describeLedgerReply(reply)}`);
    }
    if (refusedOpenings.length > 0) return;
    const opened = new Map(at.openings.map((o) => [o.word, o.units]));
    let expected = opened;
    let why = 'the opening balances (no transfer was made)';
    if (at.transfer) {
      const t = at.transfer;
      const wrong = limitVerdict(limit, largest(t.units, ...after.values()), t.outcome);
      if (wrong) fail(s, `${t.what}: ${wrong}`, t.answer);
      if (t.outcome === 'accepted') {
        expected = after;
        why = 'every unit of the transfer accounted for on both sides';
      } else {
        why = 'the transfer refused whole: nothing moved';
      }
    }
    for (const [word, units] of expected) {
      const reply = await s.account(word);
      const wanted = `${word}'s balance ${units} smallest units (scale ${s.scale}): ${why}`;
      if (reply.kind !== 'ok') fail(s, wanted, `reading the account: ${describeLedgerReply(reply)}`);
      const got = unitsOf(reply.body.balance, s.scale);
      if (got !== units) fail(s, wanted, `balance ${reply.body.balance}${got === undefined ? '' : ` (${got} units, ${got - units > 0n ? '+' : ''}${got - units})`}`);
    }
  },
);
