/** What running one vector subject against lib/codec means (lib/vectors/run-vector.ts has one per subject). */
import type { DecodeOptions } from '../codec';
import type { VectorFields } from './load';

export interface SubjectRunner {
  decode(bytes: Uint8Array, options: DecodeOptions): Record<string, string>;
  encode(fields: VectorFields): Uint8Array;
  /** False for subjects whose decoder has no strict/lenient switch. */
  readonly hasMode: boolean;
}
