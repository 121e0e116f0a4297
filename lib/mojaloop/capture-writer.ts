/**
 * The other half of capture.ts: FSPIOP messages written as a capture's JSON lines (the format in README.md
 * beside this file), so a live run can be recorded and judged again offline (ILP_MOJALOOP_RECORD in
 * steps/support/mojaloop-participant.ts; the fixtures in fixtures/captures/reference-*.jsonl were made so).
 * Direction is the hub's: a message the participant sent reached the hub ("in"); one the harness sent left it
 * ("out"). Credentials and signatures are masked, as in the evidence.
 */
import { maskedHeaders, type FspiopMessage } from './fspiop-message';

export function captureLine(message: FspiopMessage): string {
  return JSON.stringify({
    timestamp: new Date(message.at).toISOString(),
    direction: message.origin === 'harness' ? 'out' : 'in',
    method: message.method,
    path: message.path,
    headers: maskedHeaders(message.headers),
    body: message.body === undefined ? message.rawBody : message.body,
  });
}

/** The lines of a set of messages, in the order the hub saw them. */
export function captureLines(messages: readonly FspiopMessage[]): string {
  return [...messages].sort((a, b) => a.at - b.at).map((m) => `${captureLine(m)}\n`).join('');
}
