/**
 * Reading a request or response body with a size limit. ILP packets are small: a Prepare with 32767 bytes
 * of data and a 1023-character destination is about 33 KB, so bodies up to 64 KiB are admitted and larger
 * ones refused (HTTP 413 on the server side) without buffering them.
 */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** The whole body, or BodyTooLargeError as soon as it passes `limit` bytes (declared or actually sent). */
export function readBody(message: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(message.headers['content-length']);
    if (declared > limit) {
      message.resume();
      reject(new BodyTooLargeError(`body of ${declared} bytes is above the limit of ${limit}`));
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    message.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        message.removeAllListeners('data');
        message.resume();
        reject(new BodyTooLargeError(`body is above the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    message.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)));
    message.on('error', reject);
    message.on('aborted', () => reject(new Error('the body was cut off')));
  });
}
