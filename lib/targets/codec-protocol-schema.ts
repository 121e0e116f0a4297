/**
 * Checks every message an adapter writes against fixtures/schemas/codec-adapter/v1.schema.json (ajv):
 * the hello, the reply envelope, then the result against the command it answers. A message that fails is
 * reported as one line naming the first problems, for the "adapter broken" reason.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodecCommand } from './codec-protocol';

export const SCHEMA_PATH = join(__dirname, '..', '..', 'fixtures', 'schemas', 'codec-adapter', 'v1.schema.json');

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $id: string };
const ajv = new Ajv({ allErrors: true, strict: false, discriminator: true });
ajv.addSchema(schema);

const cache = new Map<string, ValidateFunction>();
function validator(pointer: string): ValidateFunction {
  let v = cache.get(pointer);
  if (!v) {
    v = ajv.getSchema(`${schema.$id}#/$defs/${pointer}`);
    if (!v) throw new Error(`schema ${SCHEMA_PATH} has no $defs/${pointer}`);
    cache.set(pointer, v);
  }
  return v;
}

/** Undefined when valid, else the problems in one line. */
export function problemsOf(pointer: string, message: unknown): string | undefined {
  const v = validator(pointer);
  if (v(message)) return undefined;
  return (v.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '(top)'} ${e.message}`).join('; ');
}

export const checkHello = (message: unknown) => problemsOf('hello', message);
export const checkReply = (message: unknown) => problemsOf('reply', message);
export const checkResult = (cmd: CodecCommand, result: unknown) => problemsOf(`results/${cmd}`, result);
export const checkRequest = (message: unknown) => problemsOf('request', message);
