import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Envelope } from '@cucumber/messages';
import htmlPlugin from '@cucumber/cucumber/lib/formatter/builtin/html';

/**
 * Cucumber's own outputs, rendered from the masked message stream (never from the live run, so nothing a
 * step printed or attached reaches them unmasked): messages.ndjson (the canonical machine format) and
 * cucumber.html (Cucumber's standalone page, through its built-in html formatter).
 */
export function writeMessagesNdjson(path: string, envelopes: readonly Envelope[]): void {
  writeFileSync(path, envelopes.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

export async function writeCucumberHtml(path: string, envelopes: readonly Envelope[]): Promise<void> {
  const out = createWriteStream(path);
  const handlers: Array<(e: Envelope) => void> = [];
  const cleanup = htmlPlugin.formatter({
    on: (_key, handler) => handlers.push(handler),
    options: {},
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    stream: out,
    write: (chunk) => out.write(chunk),
  });
  for (const e of envelopes) for (const h of handlers) h(e);
  await cleanup();
  out.end();
  await once(out, 'finish');
}
