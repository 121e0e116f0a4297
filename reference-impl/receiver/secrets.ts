/**
 * Connection identity without per-connection storage (RFC 29 §4.1 MAY): each SPSP query draws a random token;
 * the connection's address is `<receiver address>.<token in base64url>` and its shared secret is
 * HMAC-SHA256(server secret, token). An incoming Prepare names its token in its destination, so the
 * receiver can derive the secret again. Does not: decrypt (lib/codec/stream-crypto.ts).
 */
import { createHmac, randomBytes } from 'node:crypto';

export const TOKEN_LENGTH = 18;

export interface ConnectionTicket {
  readonly token: string;
  readonly destinationAccount: string;
  readonly sharedSecret: Buffer;
}

export class ConnectionSecrets {
  private readonly serverSecret = randomBytes(32);

  constructor(readonly address: string) {}

  issue(token: Buffer = randomBytes(TOKEN_LENGTH)): ConnectionTicket {
    const text = token.toString('base64url');
    return { token: text, destinationAccount: `${this.address}.${text}`, sharedSecret: this.secretOf(text) };
  }

  secretOf(token: string): Buffer {
    return createHmac('sha256', this.serverSecret).update(token, 'ascii').digest();
  }

  /** The token a destination names, or undefined when the destination is not one of this receiver's connections. */
  tokenOf(destination: string): string | undefined {
    if (!destination.startsWith(`${this.address}.`)) return undefined;
    const token = destination.slice(this.address.length + 1).split('.')[0];
    return token && /^[A-Za-z0-9_-]+$/.test(token) ? token : undefined;
  }
}
