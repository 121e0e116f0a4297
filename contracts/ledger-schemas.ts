import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * The ledger API's JSON Schemas (fixtures/schemas/ledger), compiled once. A contract, not a judge: the
 * harness checks every reply with it, the reference ledger checks every request body with it.
 */


export const LEDGER_SCHEMA_DIR = resolve(__dirname, '..', 'fixtures', 'schemas', 'ledger');
const SCHEMA_BASE = 'https://ilp-conformance.local/schemas/ledger/';

export type LedgerSchemaName =
  | 'metadata'
  | 'account'
  | 'account-request'
  | 'transfer'
  | 'transfer-request'
  | 'fulfillment'
  | 'fulfillment-request'
  | 'rejection-request'
  | 'message'
  | 'error'
  | 'notification'
  | 'subscribe-request';

let ajv: Ajv2020 | undefined;
/** Each validator once found: ajv's getSchema resolves the id again on every call, a cost on every request. */
const validators = new Map<LedgerSchemaName, ValidateFunction>();

/** The compiled validator of fixtures/schemas/ledger/<name>.schema.json (all files loaded once, refs resolved). */
export function ledgerSchema(name: LedgerSchemaName): ValidateFunction {
  const found = validators.get(name);
  if (found) return found;
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
    addFormats(ajv);
    for (const file of readdirSync(LEDGER_SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
      ajv.addSchema(JSON.parse(readFileSync(resolve(LEDGER_SCHEMA_DIR, file), 'utf8')));
    }
  }
  const validate = ajv.getSchema(`${SCHEMA_BASE}${name}.schema.json`);
  if (!validate) throw new Error(`no ledger schema ${name}.schema.json in ${LEDGER_SCHEMA_DIR}`);
  validators.set(name, validate);
  return validate;
}

/** undefined when `value` matches the schema; otherwise every problem, with the JSON path of each. */
export function schemaProblems(name: LedgerSchemaName, value: unknown): string | undefined {
  const validate = ledgerSchema(name);
  if (validate(value)) return undefined;
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}
