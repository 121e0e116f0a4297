import { TopologyError } from './topology';

/**
 * A topology with every port moved by `offset`: the SUT's URL and each peer's outgoing URL (where the harness
 * listens for an external run). The fixed ports of fixtures/topology.json (7770-7785) then become a base, so
 * several external runs (a fleet) share one machine, each on its own range. Works on the raw file (before
 * tokens are resolved), so the result can be written out for the SUT's operator, or a reference started
 * with `ilp-conformance reference --topology`, to configure from. Everything else is kept as written.
 * Does not check the schema: loadTopology/parseTopology do that when the result is loaded.
 */
export function offsetTopologyPorts(raw: unknown, offset: number): unknown {
  if (!Number.isInteger(offset) || offset < 0 || offset > 60_000) throw new TopologyError(`port offset must be a whole number from 0 to 60000, not ${offset}`);
  const t = structuredClone(raw) as { sut?: { url?: unknown }; peers?: Array<{ name?: string; http?: { outgoing?: { url?: unknown } } }> };
  if (!t || typeof t !== 'object' || !t.sut || typeof t.sut.url !== 'string' || !Array.isArray(t.peers)) {
    throw new TopologyError('cannot offset ports: the topology has no sut.url or no peers');
  }
  t.sut.url = movePort(t.sut.url, offset, 'sut.url');
  for (const peer of t.peers) {
    const outgoing = peer.http?.outgoing;
    if (outgoing && typeof outgoing.url === 'string') outgoing.url = movePort(outgoing.url, offset, `peer ${peer.name ?? '?'} outgoing url`);
  }
  return t;
}

function movePort(text: string, offset: number, where: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TopologyError(`cannot offset ports: ${where} "${text}" is not a URL`);
  }
  const base = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const port = base + offset;
  if (port > 65535) throw new TopologyError(`cannot offset ports: ${where} port ${base} + ${offset} is above 65535`);
  url.port = String(port);
  // URL keeps a trailing slash on a bare origin; the topology's own form has none.
  return /\/$/.test(text) ? url.toString() : url.toString().replace(/\/$/, '');
}

/** The ports a topology's harness side and SUT use (for checking that fleet runs do not overlap). */
export function topologyPorts(raw: unknown): number[] {
  const t = raw as { sut: { url: string }; peers: Array<{ http: { outgoing: { url: string } } }> };
  return [t.sut.url, ...t.peers.map((p) => p.http.outgoing.url)].map((u) => {
    const url = new URL(u);
    return url.port ? Number(url.port) : 80;
  });
}
