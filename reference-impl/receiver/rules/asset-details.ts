/**
 * Rule 4: the sender's ConnectionAssetDetails must not change during the connection (RFC 29 §4.3.3,
 * STREAM-019): a contradicting frame closes the connection with ProtocolViolation. Does not: send the
 * receiver's own details (reply.ts).
 */
import type { PrepareContext } from '../context';
import { CloseConnection } from '../errors';

export function createAssetDetailsRule() {
  return (ctx: PrepareContext): void => {
    const connection = ctx.connection!;
    for (const f of ctx.packet!.frames) {
      if (f.name !== 'ConnectionAssetDetails') continue;
      const known = connection.senderAsset;
      if (!known) connection.senderAsset = { code: f.sourceAssetCode, scale: f.sourceAssetScale };
      // FAULT ignore-asset-change
      else if ((known.code !== f.sourceAssetCode || known.scale !== f.sourceAssetScale) && !ctx.faults.has('ignore-asset-change')) {
        throw new CloseConnection('ProtocolViolation', `reason="asset details changed" was=${known.code}/${known.scale} now=${f.sourceAssetCode}/${f.sourceAssetScale}`);
      }
    }
  };
}
