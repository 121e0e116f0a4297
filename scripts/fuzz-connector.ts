/**
 * The full hostile-input run against the reference connector (reference-impl/connector/fuzz/):
 * 100,000 fuzzed bodies in-process and 100,000 hostile requests over keep-alive loopback HTTP, with the
 * counts per category, HTTP status and reply, and memory before, during and after. Exit 0 when nothing
 * was found and memory stayed bounded, 1 otherwise, 2 on a usage error.
 *
 *   TS_NODE_TRANSPILE_ONLY=true node --expose-gc -r ts-node/register scripts/fuzz-connector.ts
 *       [--seed N | --seed random] [--requests 100000] [--cases 100000] [--only http|in-process]
 *       [--concurrency 16] [--case I]
 *
 * Both runs use the same seed (the same cases, through two entry points). `--case I` replays one case of the
 * seed: prints its steps and whole hex, then runs it in-process and over HTTP (as the request kind the HTTP
 * fuzz picks for it) and prints each verdict. Timestamps are relative to the time of the run, so a replayed
 * case carries today's expiresAt; the rest of its bytes are the same on every machine.
 * The unit test (reference-impl/connector/fuzz/connector-fuzz.test.ts) runs 100,000 in-process and a 5,000
 * request HTTP slice; this script is the long form.
 */
import { fuzzCase } from '../reference-impl/connector/fuzz/fuzz-cases';
import { fuzzOverHttp } from '../reference-impl/connector/fuzz/http-fuzz';
import { fuzzInProcess } from '../reference-impl/connector/fuzz/in-process-fuzz';
import { fuzzVerdict } from '../reference-impl/connector/fuzz/verdict';

const DEFAULT_SEED = 20_251;

interface Options {
  seed: number;
  requests: number;
  cases: number;
  only?: 'http' | 'in-process';
  concurrency: number;
  caseIndex?: number;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { seed: DEFAULT_SEED, requests: 100_000, cases: 100_000, concurrency: 16 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    const number = (min: number) => {
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs a whole number >= ${min}, got ${value ?? 'nothing'}`);
      i++;
      return n;
    };
    switch (flag) {
      case '--seed':
        if (value === 'random') {
          opts.seed = Math.floor(Math.random() * 0x7fff_ffff);
          i++;
        } else opts.seed = number(0);
        break;
      case '--requests': opts.requests = number(0); break;
      case '--cases': opts.cases = number(0); break;
      case '--concurrency': opts.concurrency = number(1); break;
      case '--case': opts.caseIndex = number(0); break;
      case '--only':
        if (value !== 'http' && value !== 'in-process') throw new UsageError(`--only takes http or in-process, got ${value ?? 'nothing'}`);
        opts.only = value;
        i++;
        break;
      default:
        throw new UsageError(`unknown option ${flag} (options: --seed, --requests, --cases, --only, --concurrency, --case)`);
    }
  }
  return opts;
}

async function replayCase(opts: Options, index: number): Promise<number> {
  const c = fuzzCase(opts.seed, index, Date.now());
  console.log(`seed=${opts.seed} case=${index} category=${c.category}\nsteps: ${c.steps.join(' | ')}\ninput (${c.bytes.length} bytes):\n${Buffer.from(c.bytes).toString('hex')}`);
  let ok = true;
  if (opts.only !== 'http') {
    const verdict = fuzzVerdict('in-process', await fuzzInProcess({ seed: opts.seed, from: index, count: 1 }));
    console.log(`\n${verdict.summary}\n${verdict.ok ? 'in-process: no finding' : verdict.failures}`);
    ok &&= verdict.ok;
  }
  if (opts.only !== 'in-process') {
    const verdict = fuzzVerdict('HTTP', await fuzzOverHttp({ seed: opts.seed, from: index, count: 1 }));
    console.log(`\n${verdict.summary}\n${verdict.ok ? 'HTTP: no finding' : verdict.failures}`);
    ok &&= verdict.ok;
  }
  return ok ? 0 : 1;
}

async function main(argv: readonly string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`fuzz-connector: ${error.message}`);
    return 2;
  }
  if (opts.caseIndex !== undefined) return replayCase(opts, opts.caseIndex);
  const gc = typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'forced gc (--expose-gc)' : 'gc switched on at run time';
  console.log(`fuzz-connector: seed ${opts.seed}; ${opts.only !== 'http' ? opts.cases : 0} in-process cases, ${opts.only !== 'in-process' ? opts.requests : 0} HTTP requests at concurrency ${opts.concurrency}; ${gc}`);
  let ok = true;
  if (opts.only !== 'http') {
    const verdict = fuzzVerdict('in-process fuzz', await fuzzInProcess({ seed: opts.seed, count: opts.cases }));
    console.log(`\n${verdict.summary}`);
    if (!verdict.ok) console.log(`\nFAILED (in-process):\n${verdict.failures}`);
    ok &&= verdict.ok;
  }
  if (opts.only !== 'in-process') {
    const run = await fuzzOverHttp({
      seed: opts.seed,
      count: opts.requests,
      concurrency: opts.concurrency,
      onProgress: (done) => console.log(`  ${done} requests`),
    });
    const verdict = fuzzVerdict('HTTP fuzz', run);
    console.log(`\n${verdict.summary}\n${(run.tally.total('requests per kind') / (run.elapsedMs / 1000)).toFixed(0)} requests/s`);
    if (!verdict.ok) console.log(`\nFAILED (HTTP):\n${verdict.failures}`);
    ok &&= verdict.ok;
  }
  console.log(ok ? '\nfuzz-connector: no finding, memory bounded' : '\nfuzz-connector: FAILED');
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(`fuzz-connector: the fuzzer itself broke: ${(error as Error)?.stack ?? String(error)}`);
  process.exitCode = 3;
});
