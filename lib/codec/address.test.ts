import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADDRESS_SCHEMES, addressScheme, checkIlpAddress, classifyLegacyAddress, ilpAddressProblemInBytes, isValidIlpAddress } from './address';

const reason = (address: string, legacy = false) => {
  const check = checkIlpAddress(address, legacy ? { rules: 'legacy2017' } : {});
  assert.equal(check.valid, false, `${JSON.stringify(address)} should be invalid`);
  return check.valid ? '' : check.reason;
};

describe('RFC 15 addresses (ADDR-001..007)', () => {
  it('accepts each of the ten schemes with one segment, and nothing else as a scheme', () => {
    assert.equal(ADDRESS_SCHEMES.length, 10);
    for (const scheme of ADDRESS_SCHEMES) assert.ok(isValidIlpAddress(`${scheme}.A`), scheme);
    for (const scheme of ['what', 'test4', 'G', 'Peer', 'globa', 'privat', 'examples', 'locals', '']) {
      assert.match(reason(`${scheme}.alice`), /^scheme /, scheme);
    }
  });

  it('boundary triple 1022 / 1023 / 1024 characters', () => {
    assert.ok(isValidIlpAddress('g.' + 'x'.repeat(1020)));
    assert.ok(isValidIlpAddress('g.' + 'x'.repeat(1021)));
    assert.equal(reason('g.' + 'x'.repeat(1022)), 'length 1024 > 1023');
  });

  it('names the rule each invalid address breaks', () => {
    assert.equal(reason(''), 'empty address');
    assert.equal(reason('g'), 'no segment after the scheme');
    assert.equal(reason('g.'), 'no segment after the scheme (trailing dot)');
    assert.equal(reason('test.alice.'), 'trailing dot at index 10');
    assert.equal(reason('test..alice'), 'empty segment at index 5');
    assert.match(reason('.test.alice'), /^scheme "" is not one of g, private/);
    assert.equal(reason('test.alice 123'), 'character 0x20 at index 10 is not allowed');
    assert.equal(reason('test.alice!123'), 'character "!" at index 10 is not allowed');
    assert.equal(reason('g.alice\n'), 'character 0x0a at index 7 is not allowed');
    assert.equal(reason('test.alicð'), 'character 0xf0 at index 9 is not allowed');
    assert.equal(reason('g.al€'), 'character 0xff at index 4 is not allowed');
  });

  it('accepts the whole segment alphabet and is case-sensitive', () => {
    assert.ok(isValidIlpAddress('test.alice.XYZ.1234.-_~'));
    assert.ok(isValidIlpAddress('g.Alice'));
    assert.ok(!isValidIlpAddress('G.alice'));
    for (const c of '+@:/*#%&=?,;\\"\'<>()[]{}|^`$') assert.ok(!isValidIlpAddress(`g.a${c}b`), c);
  });

  it('refuses non-strings without throwing', () => {
    assert.equal(isValidIlpAddress(undefined as unknown as string), false);
    assert.equal(isValidIlpAddress(42 as unknown as string), false);
  });

  it('checks bytes in place with the same verdicts', () => {
    const bytes = Buffer.from('xxg.alice!yy', 'latin1');
    assert.deepEqual(ilpAddressProblemInBytes(bytes, 2, 9), undefined);
    assert.deepEqual(ilpAddressProblemInBytes(bytes, 2, 10), { reason: 'character "!" at index 7 is not allowed', index: 7 });
  });

  it('addressScheme returns the first segment of valid addresses only', () => {
    assert.equal(addressScheme('peer.config'), 'peer');
    assert.equal(addressScheme('peer'), undefined);
  });

  it('Mojaloop-era private.l1p.<country>.<dfsp> addresses are ordinary private addresses', () => {
    assert.ok(isValidIlpAddress('private.l1p.tz.dfsp1'));
    assert.deepEqual(checkIlpAddress('private.l1p.tz.dfsp1', { rules: 'legacy2017' }), { valid: true, legacyKind: 'destination' });
    assert.deepEqual(checkIlpAddress('private.l1p.tz.', { rules: 'legacy2017' }), { valid: true, legacyKind: 'prefix' });
  });
});

describe('legacy 2017 addresses (ADDR-L01..L06)', () => {
  it('classifies destinations, prefixes and single-segment addresses', () => {
    assert.deepEqual(checkIlpAddress('g.acme.bob', { rules: 'legacy2017' }), { valid: true, legacyKind: 'destination' });
    assert.deepEqual(checkIlpAddress('g.crypto.bitcoin.', { rules: 'legacy2017' }), { valid: true, legacyKind: 'prefix' });
    assert.deepEqual(checkIlpAddress('g.', { rules: 'legacy2017' }), { valid: true, legacyKind: 'prefix' });
    assert.deepEqual(checkIlpAddress('g.A', { rules: 'legacy2017' }), { valid: true, legacyKind: 'other' });
  });

  it('draft 2 knows test but not local; draft 1 knows neither', () => {
    assert.deepEqual(classifyLegacyAddress('test.alice'), { any: true, prefix: false, destination: false });
    assert.deepEqual(classifyLegacyAddress('test.alice', 1), { any: false, prefix: false, destination: false });
    assert.deepEqual(classifyLegacyAddress('test1.bob.alice', 1), { any: true, prefix: false, destination: true });
    assert.match(reason('local.cluster.node1', true), /^scheme "local"/);
  });

  it('keeps the segment alphabet, empty-segment and length rules', () => {
    assert.match(reason('test..alice', true), /empty segment/);
    assert.match(reason('g.' + 'x'.repeat(1022), true), /length 1024/);
    assert.match(reason('g.alice@bob', true), /character "@"/);
    assert.ok(isValidIlpAddress('g.' + 'x'.repeat(1021), { rules: 'legacy2017' }));
  });
});
