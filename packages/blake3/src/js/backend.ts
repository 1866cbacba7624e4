import { createReadStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AbortError, type Backend, type Mode } from '../api.js';
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
    for await (const chunk of createReadStream(path, { highWaterMark: SLICE, signal })) {
      hasher.update(chunk as Buffer);
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
