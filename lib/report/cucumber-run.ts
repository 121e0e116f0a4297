import { Writable } from 'node:stream';
import type { Envelope } from '@cucumber/messages';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import type { Redactor } from './redaction';

/**
 * Runs Cucumber through its JavaScript API and hands every envelope, masked, to the caller. No Cucumber
 * formatter runs: all outputs (console, messages, HTML, Allure, our reports) are rendered from the masked
 * stream afterwards, so nothing reaches a file or a log unmasked. Publishing to reports.cucumber.io is off
 * (publish: false, CUCUMBER_PUBLISH_* removed from the environment): reports carry wire evidence.
 */
export interface CucumberRunOptions {
  /** Project root the paths are relative to. */
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly require: readonly string[];
  readonly requireModule: readonly string[];
  /** Cucumber tag expression; '' selects everything. */
  readonly tags: string;
  readonly parallel: number;
  readonly dryRun: boolean;
  readonly worldParameters: Record<string, unknown>;
  readonly redactor: Redactor;
  readonly onEnvelope?: (masked: Envelope) => void;
  /** Where Cucumber's own warnings and errors go (masked). Default process.stderr. */
  readonly stderr?: NodeJS.WritableStream;
}

export interface CucumberRunResult {
  readonly envelopes: Envelope[];
  readonly success: boolean;
}

export async function runCucumberMasked(opts: CucumberRunOptions): Promise<CucumberRunResult> {
  const env: Record<string, string | undefined> = { ...process.env, CUCUMBER_PUBLISH_QUIET: 'true' };
  for (const key of ['CUCUMBER_PUBLISH_ENABLED', 'CUCUMBER_PUBLISH_TOKEN']) {
    delete env[key];
    delete process.env[key]; // parallel workers read the process environment
  }
  const errOut = opts.stderr ?? process.stderr;
  const stderr = new Writable({
    write(chunk: Buffer, _enc, done) {
      errOut.write(opts.redactor.text(chunk.toString()));
      done();
    },
  });
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const environment = { cwd: opts.cwd, stdout: sink, stderr, env };
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths: [...opts.paths],
        require: [...opts.require],
        requireModule: [...opts.requireModule],
        tags: opts.tags,
        format: [],
        publish: false,
        parallel: opts.parallel,
        dryRun: opts.dryRun,
        strict: true,
        failFast: false,
        retry: 0,
        worldParameters: opts.worldParameters as never,
      },
    },
    environment,
  );
  const envelopes: Envelope[] = [];
  const { success } = await runCucumber(runConfiguration, environment, (envelope) => {
    const masked = opts.redactor.envelope(envelope);
    envelopes.push(masked);
    opts.onEnvelope?.(masked);
  });
  return { envelopes, success };
}
