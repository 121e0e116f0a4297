import type { TranscriptEntry } from '../../evidence/transcript';
import type { CheckResult } from '../../judgement/judge';
import { catalogView } from '../catalog-view';
import { buildReport, type ConformanceReport } from '../report-document';
import type { RunModel, ScenarioResult } from '../run-model';
import { computeVerdict } from '../verdict';

/**
 * A connector exchange as the peers record it (lib/peers): alice sends a Prepare, the connector forwards it
 * to bob with 400 ms less, bob fulfills, alice gets HTTP 200 and its decoded Fulfill. Four arrows: the
 * `decoded ILP Fulfill` entry belongs to the HTTP 200 before it. A check made after entry 4 (upTo 5).
 */
export const PREPARE_HEX = `0c4a${'00'.repeat(7)}64${Buffer.from('20261203065004889').toString('hex')}${'41'.repeat(32)}0e${Buffer.from('test.bob.k1.p1').toString('hex')}0101`;

export function connectorExchange(): TranscriptEntry[] {
  const prepare = { type: 'prepare', amount: '100', expiresAt: '2026-12-03T06:50:04.889Z', executionCondition: '41'.repeat(32), destination: 'test.bob.k1.p1', data: '01' };
  const fulfill = { type: 'fulfill', fulfillment: 'ed'.repeat(32), data: '' };
  return [
    { atMs: 3, direction: 'sent', channel: 'alice', label: 'ILP Prepare to the SUT (HTTP POST /ilp/alice, sync)', hex: PREPARE_HEX, decoded: prepare, msBeforeExpiry: 4000 },
    { atMs: 9, direction: 'received', channel: 'bob', label: 'ILP Prepare from the SUT (HTTP POST /ilp); will fulfill', hex: PREPARE_HEX, decoded: { ...prepare, data: '02' }, msBeforeExpiry: 3594 },
    { atMs: 11, direction: 'sent', channel: 'bob', label: 'ILP Fulfill in HTTP 200', hex: `0d21${'ed'.repeat(32)}00`, decoded: fulfill },
    { atMs: 15, direction: 'received', channel: 'alice', label: 'HTTP 200 from the SUT', hex: `0d21${'ed'.repeat(32)}00`, msBeforeExpiry: 3988 },
    { atMs: 15, direction: 'received', channel: 'alice', label: 'decoded ILP Fulfill', decoded: fulfill },
    { atMs: 16, direction: 'note', channel: 'harness', label: 'judged: bob received the Prepare' },
  ];
}

export const FAILED_CHECK: CheckResult = {
  requirements: ['PKT-013'],
  passed: false,
  expected: 'the data forwarded byte for byte',
  actual: 'data differs (1 byte received, 1 sent; first difference at byte 0)',
  step: 'the Prepare bob receives has the condition, destination and data alice sent',
  evidence: { file: 'wire-transcript.json', upTo: 5 },
};

/** A run of one failing connector scenario with connectorExchange() as its transcript, as write-run renders it. */
export function failingConnectorReport(): { report: ConformanceReport; transcripts: Map<string, readonly TranscriptEntry[]> } {
  const catalog = catalogView();
  const key = 'features/routing/forwarding.feature: The next hop receives the data the sender chose';
  const scenario: ScenarioResult = {
    key, name: 'The next hop receives the data the sender chose', uri: 'features/routing/forwarding.feature', line: 12,
    tags: ['@connector', '@PKT-013', '@must'], requirements: ['PKT-013'], level: 'must', area: 'connector', status: 'failed',
    message: `Requirement: PKT-013\nExpected: ${FAILED_CHECK.expected}\nActual: ${FAILED_CHECK.actual}`,
    stoppedAt: `step "${FAILED_CHECK.step}"`, exceptionType: 'RequirementFailure', checks: [FAILED_CHECK], requirementResults: { 'PKT-013': 'failed' },
    durationMs: 20, attempts: 1, flaky: false,
    evidence: [{ path: 'evidence/forwarding--data-1a2b3c.json', mediaType: 'application/json', name: 'wire-transcript.json' }], attachments: [],
  };
  const model: RunModel = {
    startedAt: '2026-12-03T06:50:00.000Z', finishedAt: '2026-12-03T06:50:01.000Z', durationMs: 1000, cucumberVersion: '12.0.0',
    scenarios: [scenario],
    requirements: [{ id: 'PKT-013', level: 'must', catalogLevel: 'MUST', summary: 'A connector forwards the data unchanged.', source: 'RFC 27', area: 'PKT', profile: 'connector', status: 'failed', scenarios: [key], evidence: [], unknown: false }],
    runProblems: [], targets: [],
  };
  const report = buildReport(model, computeVerdict(model), {
    runId: '20261203-065000-test', suite: { name: 'ilp-conformance', version: 'test' }, catalog: { version: catalog.version, rfcRevisions: {} },
    target: { identity: 'bundled reference', kind: 'bundled-reference', reached: true, reachability: 'test' }, profile: 'connector',
    selection: { tags: '', requirements: [] }, masked: [], allure: { results: 'allure-results', report: null, note: 'not built' },
  }, catalog);
  return { report, transcripts: new Map([[key, connectorExchange()]]) };
}
