/**
 * The FSPIOP v1.1 section 10.4.8 example (fixtures/mojaloop/fspiop-v1.1-listings.json), checked against
 * fixtures/schemas/mojaloop-listings.schema.json on load: the secret, fulfilment, condition and ilpPacket the
 * specification prints, used as vectors by the unit tests and the Mojaloop features.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import schema from '../../fixtures/schemas/mojaloop-listings.schema.json';

export const LISTINGS_PATH = resolve(__dirname, '..', '..', 'fixtures', 'mojaloop', 'fspiop-v1.1-listings.json');

export interface SpecListings {
  readonly secret: string;
  readonly fulfilment: string;
  readonly condition: string;
  readonly ilpPacket: string;
  readonly transferAmount: { readonly amount: string; readonly currency: string };
  readonly currencyScale: number;
  readonly payee: { readonly partyIdType: string; readonly partyIdentifier: string; readonly fspId: string };
  readonly payeeAddress: string;
  readonly packetAmount: string;
  readonly packetLayout: 'ilpv1' | 'ilpv1-draft3' | 'ilpv4';
}

const validate = new Ajv({ allErrors: true }).compile(schema);

/** Schema problems of a parsed listings file, one line each; empty when it conforms. */
export function listingsProblems(raw: unknown): string[] {
  if (validate(raw)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

let cached: SpecListings | undefined;

export function specListings(path: string = LISTINGS_PATH): SpecListings {
  if (cached && path === LISTINGS_PATH) return cached;
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const problems = listingsProblems(raw);
  if (problems.length > 0) throw new Error(`${path} does not match mojaloop-listings.schema.json: ${problems.join('; ')}`);
  const listings = (raw as { listings: SpecListings }).listings;
  if (path === LISTINGS_PATH) cached = listings;
  return listings;
}
