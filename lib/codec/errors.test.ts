import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CodecError, isCodecError } from './errors';

describe('CodecError', () => {
  it('formats `<Kind> <key=value ...> field=<field> at=<offset>`', () => {
    const e = new CodecError('WrongPacketType', 'type', 0, { expected: 12, got: 13 });
    assert.equal(e.message, 'WrongPacketType expected=12 got=13 field=type at=0');
    assert.equal(e.name, 'CodecError');
    assert.ok(e instanceof Error);
    assert.ok(isCodecError(e));
    assert.ok(!isCodecError(new Error('x')));
  });

  it('quotes values with spaces or control characters and leaves out at= for offset -1', () => {
    const e = new CodecError('InvalidAddress', 'destination', -1, { reason: 'empty segment at index 5', address: 'a\nb' });
    assert.equal(e.message, 'InvalidAddress reason="empty segment at index 5" address="a\\nb" field=destination');
  });
});
