/**
 * STREAM's cryptography (IL-RFC 29 §5.1 and §6; catalog STREAM-001, STREAM-002, STREAM-004), with node:crypto.
 *
 *   encryption key = HMAC-SHA256(shared_secret, "ilp_stream_encryption")
 *   data           = IV (12 random bytes) | GCM tag (16 bytes) | ciphertext (no length prefix)
 *   fulfillment    = HMAC-SHA256(HMAC-SHA256(shared_secret, "ilp_stream_fulfillment"), data)
 *   condition      = SHA-256(fulfillment)
 *
 * `data` in the fulfillment is the encrypted packet as it travels in the Prepare. The keys are derived once
 * per connection (`streamKeys`), as both sides use them for every packet. Decryption failure is a CodecError
 * of kind DecryptionFailed, so callers can answer F06 (STREAM-005).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { CodecError } from './errors';

export const STREAM_IV_LENGTH = 12;
export const STREAM_TAG_LENGTH = 16;
export const SHARED_SECRET_LENGTH = 32;
const ENCRYPTION_STRING = Buffer.from('ilp_stream_encryption', 'ascii');
const FULFILLMENT_STRING = Buffer.from('ilp_stream_fulfillment', 'ascii');

export interface StreamKeys {
  readonly encryptionKey: Buffer;
  readonly fulfillmentKey: Buffer;
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

/** Both per-connection keys from the shared secret. */
export function streamKeys(sharedSecret: Uint8Array): StreamKeys {
  return { encryptionKey: hmacSha256(sharedSecret, ENCRYPTION_STRING), fulfillmentKey: hmacSha256(sharedSecret, FULFILLMENT_STRING) };
}

/** IV | tag | ciphertext. `iv` is for tests and vectors only: two packets must never share one (STREAM-003). */
export function encryptStreamData(keys: StreamKeys, plaintext: Uint8Array, iv: Uint8Array = randomBytes(STREAM_IV_LENGTH)): Buffer {
  if (iv.length !== STREAM_IV_LENGTH) throw new CodecError('WrongFixedLength', 'iv', -1, { length: iv.length, expected: STREAM_IV_LENGTH });
  const cipher = createCipheriv('aes-256-gcm', keys.encryptionKey, iv, { authTagLength: STREAM_TAG_LENGTH });
  const body = cipher.update(plaintext);
  const tail = cipher.final();
  return Buffer.concat([iv, cipher.getAuthTag(), body, tail]);
}

/** The plaintext; DecryptionFailed when `data` is too short or does not authenticate under these keys. */
export function decryptStreamData(keys: StreamKeys, data: Uint8Array): Buffer {
  const head = STREAM_IV_LENGTH + STREAM_TAG_LENGTH;
  if (data.length < head) throw new CodecError('DecryptionFailed', 'data', 0, { length: data.length, reason: `shorter than IV + tag (${head} bytes)` });
  const decipher = createDecipheriv('aes-256-gcm', keys.encryptionKey, data.subarray(0, STREAM_IV_LENGTH), { authTagLength: STREAM_TAG_LENGTH });
  decipher.setAuthTag(data.subarray(STREAM_IV_LENGTH, head));
  try {
    const body = decipher.update(data.subarray(head));
    const tail = decipher.final();
    return tail.length === 0 ? body : Buffer.concat([body, tail]);
  } catch {
    throw new CodecError('DecryptionFailed', 'data', STREAM_IV_LENGTH, { length: data.length, reason: 'authentication tag does not match' });
  }
}

export function streamFulfillment(keys: StreamKeys, encryptedData: Uint8Array): Buffer {
  return hmacSha256(keys.fulfillmentKey, encryptedData);
}

export function streamCondition(keys: StreamKeys, encryptedData: Uint8Array): Buffer {
  return createHash('sha256').update(streamFulfillment(keys, encryptedData)).digest();
}
