/**
 * Steps of the captured audit (features/mojaloop/captured-*.feature): the messages a hub logged, read and
 * paired into audit units (steps/support/mojaloop-capture.ts), each unit judged in the role its FSP played
 * by the checks the live participant modes use (lib/mojaloop/observed-payment.ts). A requirement no unit of
 * the capture allows a check of is skipped as not observable, never passed.
 */
import { Given, Then } from '@cucumber/cucumber';
import { describeFailures, judgeRequirement, type AuditedRole } from '../lib/mojaloop/captured-audit';
import type { IlpWorld } from './world';
import { skipScenario } from './support/target-hooks';
import { captureAudit, problemsText, recordExchanges } from './support/mojaloop-capture';

/** At most this many failing exchanges go into one scenario's evidence. */
const EVIDENCE_EXCHANGES = 20;

Given('the FSPIOP messages a hub logged', function (this: IlpWorld) {
  const audit = captureAudit(this);
  if (audit.reading.problems.length) {
    this.transcript.note(`${audit.reading.problems.length} broken line(s) in the capture, not judged; the rest is`, audit.reading.problems.map((p) => problemsText({ ...audit.reading, problems: [p] })));
  }
});

Then(/^the (Payee|Payer) FSP passes (ML-\d{3}) in every captured exchange$/, function (this: IlpWorld, who: string, requirement: string) {
  const audit = captureAudit(this);
  const role = who.toLowerCase() as AuditedRole;
  const j = judgeRequirement(audit.exchanges, role, requirement);
  const scope = `${audit.fspId ?? 'any FSP'} as ${who} FSP`;
  if (j.judged.length === 0) {
    const asRole = audit.exchanges.filter((e) => e.role === role).length;
    return skipScenario(this, `not observable: no exchange in the capture allows a ${requirement} check of ${scope} (${audit.units} audit unit(s), ${asRole} with ${scope}${audit.role && audit.role !== role ? `; the audit is limited to the ${audit.role} role` : ''})`);
  }
  // The messages of the failing exchanges are the evidence; a passing one is named, with its lines, in the check.
  const shown = j.failures.map((f) => f.exchange).slice(0, EVIDENCE_EXCHANGES);
  recordExchanges(this, shown);
  if (j.failures.length > shown.length) this.transcript.note(`${j.failures.length - shown.length} more failing exchange(s), not shown`);
  const checks = j.judged.flatMap((e) => e.checks.filter((c) => c.requirement === requirement));
  if (j.failures.length === 0) {
    this.judgements.judge([requirement], true, `${requirement} in every exchange with ${scope}`, () => `${checks.length} check(s) passed in ${j.judged.length} exchange(s): ${j.judged.map((e) => `${e.label} (${e.where})`).join('; ')}`);
    return undefined;
  }
  const expected = [...new Set(j.failures.flatMap((f) => f.checks.map((c) => c.expected)))];
  this.judgements.judge([requirement], false,
    `${requirement} in every exchange with ${scope}: ${expected.slice(0, 3).join('; ')}${expected.length > 3 ? '; ...' : ''}`,
    `${j.failures.length} of ${j.judged.length} exchange(s) fail:\n${describeFailures(requirement, j)}`);
  return undefined;
});
