/**
 * Test helpers for code that uses the codec: assert that a call fails with a CodecError of a given kind,
 * field and offset (and, optionally, details), and print the actual error in full when it does not.
 */
import assert from 'node:assert/strict';
import { CodecError, type CodecErrorKind } from './errors';

export interface ExpectedCodecError {
  readonly kind: CodecErrorKind;
  readonly field?: string;
  readonly offset?: number;
  readonly details?: Readonly<Record<string, string | number>>;
}

export function assertCodecError(fn: () => unknown, expected: ExpectedCodecError): CodecError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, `Expected: CodecError ${expected.kind}\nActual: no error`);
  assert.ok(thrown instanceof CodecError, `Expected: CodecError ${expected.kind}\nActual: ${String(thrown)}`);
  const actual = { kind: thrown.kind, field: thrown.field, offset: thrown.offset };
  const wanted = {
    kind: expected.kind,
    field: expected.field ?? thrown.field,
    offset: expected.offset ?? thrown.offset,
  };
  assert.deepEqual(actual, wanted, `Expected: ${JSON.stringify(wanted)}\nActual: ${thrown.message}`);
  for (const [key, value] of Object.entries(expected.details ?? {})) {
    assert.equal(thrown.details[key], value, `detail ${key} of ${thrown.message}`);
  }
  return thrown;
}

export function hex(text: string): Uint8Array {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}
