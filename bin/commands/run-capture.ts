/**
 * `run --capture FILE`: the checks on the capture file made before anything runs, so a file that is missing,
 * unreadable, or neither JSON lines nor a HAR is a usage error naming it (exit 2), never a stack trace. Broken
 * lines in a readable capture are not an error: the run reports them and judges the rest.
 */
import { resolve } from 'node:path';
import { describeSource, readCaptureFile, type CaptureReading } from '../../lib/mojaloop/capture';

export class CaptureFileError extends Error {}

/** The capture's absolute path and its reading; throws CaptureFileError with a sentence naming the file. */
export function checkCaptureFile(file: string): { path: string; reading: CaptureReading } {
  const path = resolve(file);
  let reading: CaptureReading;
  try {
    reading = readCaptureFile(path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'a directory, not a file' : e.code === 'EACCES' ? 'not readable (permission denied)' : e.message;
    throw new CaptureFileError(`--capture ${file}: ${why}`);
  }
  if (reading.messages.length === 0) {
    const first = reading.problems.slice(0, 3).map((p) => `${describeSource(p.source)}: ${p.message}`).join('; ');
    throw new CaptureFileError(reading.problems.length === 0
      ? `--capture ${file}: the file holds no messages (expected JSON lines or a HAR 1.2, lib/mojaloop/README.md)`
      : `--capture ${file}: neither JSON lines nor a HAR 1.2 of FSPIOP messages (lib/mojaloop/README.md): no ${reading.format === 'har' ? 'entry' : 'line'} could be read (${first}${reading.problems.length > 3 ? `; ${reading.problems.length - 3} more` : ''})`);
  }
  return { path, reading };
}
