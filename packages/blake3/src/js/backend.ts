import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AbortError, withCode } from '@oxidize/runtime';
import type { Backend, Mode } from '../api.js';
import { Blake3 } from './blake3.js';

// JavaScript has no worker thread to move the work to, so `hashAsync` hashes in slices and gives
// the event loop a turn between them: other requests (and an abort) are not starved by one large
// input, at the price of some throughput.
const SLICE = 1024 * 1024;

function newHasher(mode: Mode): Blake3 {
  if (mode.key !== undefined) return Blake3.keyed(mode.key);
  if (mode.context !== undefined) return Blake3.deriveKey(mode.context);
  return Blake3.create();
}

// `hash` is synchronous, so one plain hasher can serve every call: setting up a hasher costs more
// than hashing a small input.
const plainHasher = Blake3.create();

/** The error of HashError::FileChanged in crates/blake3/src/hash.rs, word for word. */
function fileChanged(path: string, expected: number, read: number): Error {
  const message = `file changed size while being hashed: expected ${expected} bytes, read ${read}, '${path}'`;
  return withCode(new Error(message), 'ERR_FILE_CHANGED');
}

function digest(hasher: Blake3, length: number): Uint8Array {
  const output = new Uint8Array(length);
  hasher.digest(output);
  return output;
}

export const jsBackend: Backend = {
  implementation: 'js',

  hash(input, length, mode) {
    const hasher = mode.key === undefined && mode.context === undefined ? plainHasher.reset() : newHasher(mode);
    return digest(hasher.update(input), length);
  },

  async hashAsync(input, length, mode, signal) {
    const hasher = newHasher(mode);
    for (let at = 0; at < input.length; at += SLICE) {
      if (at > 0) await nextTurn();
      if (signal?.aborted) throw new AbortError(signal.reason);
      hasher.update(input.subarray(at, at + SLICE));
    }
    return digest(hasher, length);
  },

  async hashFile(path, length, mode, signal) {
    const hasher = newHasher(mode);
    const file = await open(path, 'r');
    try {
      const stats = await file.stat();
      // Plain reads rather than a stream: nothing is left listening to the signal once the call
      // is over, and an abort is seen between two reads. Two buffers, so that the next read runs
      // on the thread pool while this thread hashes the last one.
      const buffers: Buffer[] = [Buffer.allocUnsafe(SLICE), Buffer.allocUnsafe(SLICE)];
      let next: Promise<{ bytesRead: number; buffer: Buffer }> = file.read(buffers[0] as Buffer, 0, SLICE, null);
      let read = 0;
      try {
        for (let turn = 1; ; turn++) {
          const { bytesRead, buffer } = await next;
          if (bytesRead === 0) break;
          if (signal?.aborted) throw new AbortError(signal.reason);
          next = file.read(buffers[turn % 2] as Buffer, 0, SLICE, null);
          hasher.update(buffer.subarray(0, bytesRead));
          read += bytesRead;
        }
      } catch (error) {
        // Should hashing ever throw, the read started before it is still in flight: its outcome no
        // longer matters, but must not surface as an unhandled rejection.
        next.catch(() => {});
        throw error;
      }
      // Only a regular file has a size to hold it to; a FIFO or a device is read until it ends.
      if (stats.isFile() && read !== stats.size) throw fileChanged(path, stats.size, read);
    } finally {
      await file.close();
    }
    return digest(hasher, length);
  },

  createHasher(mode) {
    const hasher = newHasher(mode);
    return {
      update: (input) => hasher.update(input),
      digest: (length) => digest(hasher, length),
      reset: () => hasher.reset(),
    };
  },
};
