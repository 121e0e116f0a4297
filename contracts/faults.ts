/**
 * One shape for every reference's fault switches (DESIGN decision 14): a name, one line saying what the
 * broken reference does instead of the right thing, and the catalog IDs whose scenarios must go red with it
 * on. The requirement IDs are data, so the self-test and the docs read them without parsing any text.
 */
export interface FaultInfo {
  /** One line: what the broken reference does instead of the right thing. */
  readonly description: string;
  /** Catalog IDs (fixtures/requirements.json) whose scenarios must fail with this fault on; may be empty
   * for a fault that exists to script a harness-side neighbour (say so in the description). */
  readonly requirements: readonly string[];
  /** Settings (world parameters) the fault needs to be reachable, e.g. `{ mojaloopApi: 'iso20022' }` for a
   * fault of the ISO 20022 mode; the self-test runs the fault, and a baseline, with them. */
  readonly worldParameters?: Readonly<Record<string, string>>;
}

export type FaultRegistry = Readonly<Record<string, FaultInfo>>;

export class UnknownFaultError extends Error {
  override readonly name = 'UnknownFaultError';
}

/**
 * The faults asked for, from a list or its comma-separated form (the environment variables' form).
 * Unknown names are refused, naming every one and the known ones, so a typo never runs a "faulty"
 * reference that is in fact correct.
 */
export function parseFaultNames<R extends FaultRegistry>(registry: R, owner: string, list: string | readonly string[] | undefined): ReadonlySet<keyof R & string> {
  const names = (typeof list === 'string' ? list.split(',') : [...(list ?? [])]).map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((name) => !Object.prototype.hasOwnProperty.call(registry, name));
  if (unknown.length > 0) {
    throw new UnknownFaultError(`unknown fault ${unknown.map((n) => `"${n}"`).join(', ')} of the ${owner} (known faults: ${Object.keys(registry).join(', ')})`);
  }
  return new Set(names as (keyof R & string)[]);
}
