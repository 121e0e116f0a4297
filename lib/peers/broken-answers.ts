/**
 * HTTP answers a harness peer breaks on purpose, below what node:http's response API offers: a 200 whose
 * headers announce the whole reply, half of the body, and then a TCP reset (RST, not an orderly FIN), as a
 * next hop that crashes or loses its link mid-response would leave it (RFC 35 "Error Handling", HTTP-013).
 */
import type http from 'node:http';

/** How much of a reply goes out before the reset: half, and at least one byte short of all of it. */
export function cutOffLength(raw: Uint8Array): number {
  return Math.min(Math.floor(raw.length / 2), Math.max(0, raw.length - 1));
}

export function resetMidResponse(res: http.ServerResponse, raw: Uint8Array): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(raw.length) });
  res.write(Buffer.from(raw.subarray(0, cutOffLength(raw))), () => {
    const socket = res.socket;
    // resetAndDestroy sends RST (Node 16.17+); a socket already gone needs nothing more.
    if (socket && !socket.destroyed) socket.resetAndDestroy();
  });
}
