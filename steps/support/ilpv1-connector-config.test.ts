import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ilpv1ConnectorSettings } from './ilpv1-connector-config';

const none = { parameters: {} };
const full = {
  ILP_V1_LEDGER_A_URL: 'http://127.0.0.1:3001', ILP_V1_LEDGER_A_API: 'five-bells', ILP_V1_LEDGER_A_ADMIN_TOKEN: 'a', ILP_V1_CONNECTOR_ACCOUNT_A: 'connie',
  ILP_V1_LEDGER_B_URL: 'http://127.0.0.1:3002', ILP_V1_LEDGER_B_ADMIN_TOKEN: 'b', ILP_V1_CONNECTOR_ACCOUNT_B: 'connie',
  ILP_V1_CONNECTOR_ADDRESS: 'test1.ledger.connie',
};

test('without settings the scenarios run against the bundled reference', () => {
  assert.equal(ilpv1ConnectorSettings(none, {}), undefined);
});

test('a full set names the external connector; api and rate default', () => {
  const s = ilpv1ConnectorSettings(none, full)!;
  assert.deepEqual(s.ledgers.A, { url: 'http://127.0.0.1:3001', dialect: 'five-bells', adminToken: 'a', connectorAccount: 'connie' });
  assert.equal(s.ledgers.B.dialect, 'native');
  assert.equal(s.address, 'test1.ledger.connie');
  assert.equal(s.rate, '1');
});

test('world parameters win over the environment', () => {
  const s = ilpv1ConnectorSettings({ parameters: { ilpv1Connector: { address: 'test1.ledger.other', rate: '2' } } } as never, full)!;
  assert.equal(s.address, 'test1.ledger.other');
  assert.equal(s.rate, '2');
});

test('a partial set is refused, naming what is missing', () => {
  const { ILP_V1_CONNECTOR_ADDRESS: _a, ILP_V1_LEDGER_B_URL: _b, ...partial } = full;
  assert.throws(() => ilpv1ConnectorSettings(none, partial), /ILP_V1_LEDGER_B_URL, ILP_V1_CONNECTOR_ADDRESS/);
  assert.throws(() => ilpv1ConnectorSettings(none, { ILP_V1_CONNECTOR_RATE: '1' }), /only optional settings/);
});
