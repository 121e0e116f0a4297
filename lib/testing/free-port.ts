import { createServer } from 'node:net';

/** Test helper: a TCP port on 127.0.0.1 that was free a moment ago (the OS picks it; the probe is closed). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
