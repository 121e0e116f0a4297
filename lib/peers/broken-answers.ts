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

/**
 * The reset follows the first half of the body after `pauseMs`, so the client has read the status line,
 * the headers and that half before the reset reaches it, whatever the scheduling: the failure is always
 * one in the middle of a response the client has begun to read.
 */
export const RESET_PAUSE_MS = 50;

export function resetMidResponse(res: http.ServerResponse, raw: Uint8Array, pauseMs = RESET_PAUSE_MS): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(raw.length) });
  res.write(Buffer.from(raw.subarray(0, cutOffLength(raw))), () => {
    const timer = setTimeout(() => {
      const socket = res.socket;
      // resetAndDestroy sends RST (Node 16.17+); a socket already gone needs nothing more.
      if (socket && !socket.destroyed) socket.resetAndDestroy();
    }, pauseMs);
    res.once('close', () => clearTimeout(timer));
  });
}
