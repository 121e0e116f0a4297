/**
 * The receiver's connections by token: a connection's state (connection.ts), with its STREAM keys derived once
 * when its first packet decrypts and kept for every later packet (RFC 29 §5.1: both keys follow from the shared
 * secret alone). A token whose packets never decrypt gets no entry, so junk cannot fill the table.
 */
import { streamKeys, type StreamKeys } from '../../lib/codec';
import { ConnectionState } from './connection';
import type { ReceiverLimits } from './limits';
import type { ConnectionSecrets } from './secrets';

export class ConnectionDirectory {
  private readonly connections = new Map<string, ConnectionState>();

  constructor(readonly secrets: ConnectionSecrets, private readonly limits: ReceiverLimits) {}

  /** The connection of `token`, if a packet of it has decrypted before. */
  find(token: string): ConnectionState | undefined {
    return this.connections.get(token);
  }

  /** The keys of `token`: the connection's, or derived from its secret for a first packet. */
  keysOf(token: string): StreamKeys {
    return this.connections.get(token)?.keys ?? streamKeys(this.secrets.secretOf(token));
  }

  /** The connection of `token`, opened with `keys` if it is new. */
  open(token: string, keys: StreamKeys): ConnectionState {
    let c = this.connections.get(token);
    if (!c) this.connections.set(token, (c = new ConnectionState(this.limits, keys)));
    return c;
  }
}
