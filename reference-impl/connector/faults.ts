/**
 * Named fault switches for the self-test (DESIGN decision 13): each one breaks the reference in one
 * documented way so the suite can prove it notices. None exist yet; a later issue adds them here.
 * Unknown names are refused so a typo never runs a "faulty" reference that is in fact correct.
 */
export const KNOWN_FAULTS: readonly string[] = [];

export class UnknownFaultError extends Error {
  override readonly name = 'UnknownFaultError';
}

/** The set of requested faults; throws UnknownFaultError naming every unknown one. */
export function parseFaults(names: readonly string[]): ReadonlySet<string> {
  const unknown = names.filter((name) => !KNOWN_FAULTS.includes(name));
  if (unknown.length > 0) {
    const known = KNOWN_FAULTS.length > 0 ? KNOWN_FAULTS.join(', ') : 'none yet';
    throw new UnknownFaultError(`unknown fault ${unknown.map((n) => `"${n}"`).join(', ')} (known faults: ${known})`);
  }
  return new Set(names);
}
