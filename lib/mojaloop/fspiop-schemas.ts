/**
 * The FSPIOP v1.1 body schemas (fixtures/schemas/fspiop/, written from the v1.1 OpenAPI definition),
 * compiled once: `fspiopSchemaProblems(resource, body)` lists why a body breaks its definition (ML-020).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import common from '../../fixtures/schemas/fspiop/common.schema.json';
import quotesPost from '../../fixtures/schemas/fspiop/quotes-post.schema.json';
import quotesPut from '../../fixtures/schemas/fspiop/quotes-put.schema.json';
import transfersPost from '../../fixtures/schemas/fspiop/transfers-post.schema.json';
import transfersPut from '../../fixtures/schemas/fspiop/transfers-put.schema.json';
import errorPut from '../../fixtures/schemas/fspiop/error-put.schema.json';
import type { FspiopResource } from '../../contracts/fspiop';

let compiled: Record<FspiopResource, ValidateFunction> | undefined;

function validators(): Record<FspiopResource, ValidateFunction> {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(common);
  compiled = {
    'quotes.post': ajv.compile(quotesPost), 'quotes.put': ajv.compile(quotesPut), 'transfers.post': ajv.compile(transfersPost),
    'transfers.put': ajv.compile(transfersPut), 'error.put': ajv.compile(errorPut),
  };
  return compiled;
}

export function fspiopSchemaProblems(resource: FspiopResource, body: unknown): string[] {
  if (body === undefined) return ['the body is not JSON'];
  const validate = validators()[resource];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
}
