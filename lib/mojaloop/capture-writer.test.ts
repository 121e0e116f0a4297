import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCapture } from './capture';
import { captureLines } from './capture-writer';
import type { FspiopMessage } from './fspiop-message';

test('recorded messages read back as the same capture: hub direction, time order, masked signature', () => {
  const quote: FspiopMessage = { method: 'POST', path: '/quotes', headers: { 'fspiop-source': 'a', 'fspiop-signature': 'sig' }, body: { quoteId: 'q' }, rawBody: '{"quoteId":"q"}', resource: 'quotes.post', id: 'q', at: Date.parse('2024-01-01T00:00:00.000Z'), origin: 'harness' };
  const callback: FspiopMessage = { ...quote, method: 'PUT', path: '/quotes/q', body: { condition: 'c' }, at: quote.at + 5, origin: 'switch' };
  const r = readCapture(captureLines([callback, quote]));
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.messages.map((m) => [m.direction, m.method, m.path, m.timestamp, m.headers['fspiop-signature']]), [
    ['out', 'POST', '/quotes', '2024-01-01T00:00:00.000Z', '***'], ['in', 'PUT', '/quotes/q', '2024-01-01T00:00:00.005Z', '***'],
  ]);
  assert.deepEqual(r.messages[1]!.body, { condition: 'c' });
});
