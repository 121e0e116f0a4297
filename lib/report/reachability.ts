import { connect } from 'node:net';
import type { Reachability } from './verdict';

/**
 * Before a run against an external target, one TCP connection to each URL's host and port, bounded in time.
 * A target nobody can connect to makes the run incomplete (exit 3) instead of a page of failed scenarios
 * (bowtie #1320: "everything failed" means misconfigured, not non-conformant).
 */
export async function probeTargets(urls: readonly string[], timeoutMs = 3000): Promise<Reachability> {
  for (const url of urls) {
    const problem = await probe(url, timeoutMs);
    if (problem) return { reached: false, detail: `${safeUrl(url)}: ${problem}` };
  }
  return { reached: true, detail: urls.length ? `TCP connection to ${urls.map(safeUrl).join(', ')} succeeded` : 'bundled reference (started in-process by the harness)' };
}

function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve('not a valid URL');
  }
  const port = Number(parsed.port || (parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? 443 : 80));
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`no TCP connection within ${timeoutMs} ms`);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(`${error.code ?? 'error'} ${error.message.replace(/^connect \S+ /, '')}`.trim());
    });
  });
}

/** The URL without credentials, for reports. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, (m) => (url.endsWith('/') ? m : ''));
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
