import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * The Five Bells Ledger API's reply schemas (fixtures/schemas/five-bells), written for the harness from the
 * API's documentation and checked against five-bells-ledger 21.2.5's replies. The Five Bells client checks
 * every reply with them before translating it; a reply that breaks them is an `invalid-response`.
 */
export const FIVE_BELLS_SCHEMA_DIR = resolve(__dirname, '..', '..', 'fixtures', 'schemas', 'five-bells');
const BASE = 'https://ilp-conformance.local/schemas/five-bells/';

export type FiveBellsSchemaName = 'auth-token' | 'metadata' | 'account' | 'transfer' | 'rejection' | 'error' | 'message' | 'rpc-frame';

let ajv: Ajv2020 | undefined;

/** undefined when `value` matches fixtures/schemas/five-bells/<name>.schema.json; otherwise every problem. */
export function fiveBellsSchemaProblems(name: FiveBellsSchemaName, value: unknown): string | undefined {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
    addFormats(ajv);
    for (const file of readdirSync(FIVE_BELLS_SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
      ajv.addSchema(JSON.parse(readFileSync(resolve(FIVE_BELLS_SCHEMA_DIR, file), 'utf8')));
    }
  }
  const validate = ajv.getSchema(`${BASE}${name}.schema.json`);
  if (!validate) throw new Error(`no Five Bells schema ${name}.schema.json in ${FIVE_BELLS_SCHEMA_DIR}`);
  if (validate(value)) return undefined;
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}
