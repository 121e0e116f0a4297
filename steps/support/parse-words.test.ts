import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAddress, parseAmount, parseAnnotatedHex, parseDuration, parseErrorCode, parseHex, parseInstant, parseUnsigned } from './parse-words';

describe('parse-words', () => {
  it('reads amounts as bigint, with digit groups, beyond a JS number', () => {
    assert.equal(parseAmount('107'), 107n);
    assert.equal(parseAmount('1_000_000'), 1_000_000n);
    assert.equal(parseAmount('18446744073709551616'), 2n ** 64n);
  });

  it('refuses negative, fractional and garbage amounts with a sentence', () => {
    assert.throws(() => parseAmount('-5'), /"-5" is not a valid amount: it is negative/);
    assert.throws(() => parseAmount('1.5'), /"1.5" is not a valid amount: it has a fraction/);
    assert.throws(() => parseAmount('12abc'), /"12abc" is not a valid amount: it is not a whole number/);
    assert.throws(() => parseUnsigned('1__0', 'length'), /not a valid length/);
  });

  it('accepts assigned error codes only, upper case', () => {
    assert.equal(parseErrorCode('F08'), 'F08');
    assert.equal(parseErrorCode('R99'), 'R99');
    assert.throws(() => parseErrorCode('f08'), /use upper case, as in F08/);
    assert.throws(() => parseErrorCode('F09'), /not an assigned ILP error code \(RFC 27 assigns F00, F01/);
  });

  it('accepts RFC 15 addresses and names the broken rule otherwise', () => {
    assert.equal(parseAddress('test.bob.x'), 'test.bob.x');
    assert.throws(() => parseAddress('what.bob'), /"what.bob" is not a valid ILP address \(RFC 15\): scheme/);
    assert.throws(() => parseAddress('test.'), /is not a valid ILP address/);
  });

  it('reads durations in milliseconds', () => {
    assert.equal(parseDuration('500', 'ms'), 500);
    assert.equal(parseDuration('2', 'seconds'), 2000);
    assert.equal(parseDuration('1.5', 's'), 1500);
    assert.equal(parseDuration('1', 'minute'), 60_000);
    assert.throws(() => parseDuration('0.0001', 's'), /not a whole number of milliseconds/);
    assert.throws(() => parseDuration('3', 'hours'), /unknown unit "hours"/);
  });

  it('reads instants with zones, range-checked, without rolling over', () => {
    assert.equal(parseInstant('2017-12-24T18:14:32.000+02:00').toISOString(), '2017-12-24T16:14:32.000Z');
    assert.equal(parseInstant('2017-12-24T11:14:32.279-05:00').toISOString(), '2017-12-24T16:14:32.279Z');
    assert.equal(parseInstant('2017-12-24T24:00:00.000Z').toISOString(), '2017-12-25T00:00:00.000Z');
    assert.equal(parseInstant('0001-01-01T00:00:00.000Z').toISOString(), '0001-01-01T00:00:00.000Z');
    assert.equal(parseInstant('2017-12-24T16:14:32.279112Z').toISOString(), '2017-12-24T16:14:32.279Z');
    assert.equal(parseInstant('2016-02-29T12:00Z').toISOString(), '2016-02-29T12:00:00.000Z');
    assert.throws(() => parseInstant('2017-02-29T00:00:00Z'), /day 29 of a month with 28 days/);
    assert.throws(() => parseInstant('2017-13-01T00:00:00Z'), /month 13/);
    assert.throws(() => parseInstant('2017-12-24T24:00:01Z'), /hour 24/);
    assert.throws(() => parseInstant('2016-12-31T23:59:60Z'), /second 60/);
    assert.throws(() => parseInstant('2017-12-24 16:14:32Z'), /not an ISO-8601 date-time/);
  });

  it('reads hex with spaces, refuses odd digits and non-hex', () => {
    assert.deepEqual([...parseHex('0c 68 ff')], [0x0c, 0x68, 0xff]);
    assert.equal(parseHex('').length, 0);
    assert.throws(() => parseHex('abc'), /odd number of hex digits/);
    assert.throws(() => parseHex('zz'), /not a hex digit/);
  });
});

describe('parseAnnotatedHex', () => {
  it('reads one field per line and skips # notes', () => {
    const bytes = parseAnnotatedHex('0e 0c      # Reject, 12 bytes\n463030    # code "F00"\n\n06 746573742e74 # triggeredBy\n');
    assert.equal(Buffer.from(bytes).toString('hex'), '0e0c46303006746573742e74');
  });

  it('names the line that is not hex', () => {
    assert.throws(() => parseAnnotatedHex('0e 0c\ncode F00 # oops'), /line 2: "code F00 # oops"/);
  });
});
