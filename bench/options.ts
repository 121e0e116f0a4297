import { parseArgs } from 'node:util';

/**
 * Command-line options for the benchmarks, on node's util.parseArgs: integers are named as options
 * with their defaults, flags as booleans. Unknown options and non-positive integers throw a sentence
 * naming the option, which the benchmark prints as its usage error.
 */
export function parseBenchOptions<I extends string, F extends string, S extends string = never>(
  argv: readonly string[],
  spec: { integers: Record<I, number | undefined>; flags?: readonly F[]; strings?: readonly S[] },
): Record<I, number> & Record<F, boolean> & Partial<Record<S, string>> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of Object.keys(spec.integers)) options[name] = { type: 'string' };
  for (const name of spec.strings ?? []) options[name] = { type: 'string' };
  for (const name of spec.flags ?? []) options[name] = { type: 'boolean' };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    const known = Object.keys(options).map((o) => `--${o}`).join(', ');
    throw new Error(`${(error as Error).message} (options: ${known})`);
  }
  const out: Record<string, number | boolean | string | undefined> = {};
  for (const [name, fallback] of Object.entries(spec.integers) as Array<[string, number | undefined]>) {
    const text = values[name] as string | undefined;
    if (text === undefined) {
      if (fallback !== undefined) out[name] = fallback;
      continue;
    }
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive integer, got "${text}"`);
    out[name] = n;
  }
  for (const name of spec.flags ?? []) out[name] = values[name] === true;
  for (const name of spec.strings ?? []) out[name] = values[name] as string | undefined;
  return out as Record<I, number> & Record<F, boolean> & Partial<Record<S, string>>;
}
