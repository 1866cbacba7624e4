import { allocate, byteLengthOf, loadAddon, withAbortFlag } from '@oxidize/runtime';
import type * as Binding from '../../binding/index.cjs';
import { type Backend, type Mode, PLAIN } from '../contract.js';

/** The native implementation, or an error naming the platform, the package and why it failed to load. */
export function loadNativeBackend(): Backend {
  const binding = loadAddon<typeof Binding>(new URL('../../', import.meta.url));

  // Digests of keyed and derived hashes, and long ones, are written into this buffer and copied out. Node-API can only write into memory
  // outside the V8 heap, and a new small Uint8Array lives inside it: handing one to the addon makes
  // V8 move it out first, which costs more than hashing a small input. A copy is cheap.
  const digestOut = new Uint8Array(new ArrayBuffer(1024));
  const digestOut32 = digestOut.subarray(0, 32);
  function digestInto(length: number, write: (output: Uint8Array) => void): Uint8Array {
    if (length > digestOut.length) {
      const output = allocate(length);
      write(output);
      return output;
    }
    const output = length === 32 ? digestOut32 : digestOut.subarray(0, length);
    write(output);
    return output.slice();
  }

  // Small plain hashes go through memory shared with the addon (one block per thread): JavaScript
  // writes the input in and calls `hashInScratch()` with no arguments, where `binding.hash`
  // converts the input, the output and two optional arguments, which costs more than hashing 64 B.
  // Header: the input's length and the digest's (two u32s), then the input; the digest comes back
  // in the last bytes. The addon sizes the block, and has none for an embedder's second Node
  // environment on one thread, which then takes the ordinary path.
  const block = binding.scratchBuffer();
  const scratch = new Uint8Array(block ?? new ArrayBuffer(8));
  const header = new Uint32Array(scratch.buffer, 0, 2);
  const scratchCapacity = block === null ? -1 : scratch.length - 8;
  const digest32 = scratch.subarray(scratch.length - 32);
  function hashInScratch(input: Uint8Array, size: number, length: number): Uint8Array {
    header[0] = size;
    header[1] = length;
    scratch.set(input, 8);
    binding.hashInScratch();
    return length === 32 ? new Uint8Array(digest32) : scratch.slice(scratch.length - length);
  }

  // Work this small takes less time on this thread than a copy and a hop to a job thread (tens of
  // microseconds): it is done here, and the promise settles as any other. Under 0.1 ms even without
  // SIMD, so the event loop is held no longer than by a tick of ordinary JavaScript.
  const INLINE_MAX = 64 * 1024;
  function hash(input: Uint8Array, length: number, mode: Mode, size = byteLengthOf(input)): Uint8Array {
    return mode === PLAIN && size + length <= scratchCapacity
      ? hashInScratch(input, size, length)
      : digestInto(length, (output) => binding.hash(input, output, mode.key, mode.context));
  }

  return {
    implementation: 'native',
    hash,
    hashAsync(input, length, mode, signal) {
      const size = byteLengthOf(input);
      return size <= INLINE_MAX && length <= INLINE_MAX
        ? new Promise((resolve) => resolve(hash(input, length, mode, size)))
        : withAbortFlag(signal, binding.AbortFlag, (flag) =>
            binding.hashAsync(input, length, mode.key, mode.context, flag),
          );
    },
    hashFile: (path, length, mode, signal) =>
      withAbortFlag(signal, binding.AbortFlag, (flag) => binding.hashFile(path, length, mode.key, mode.context, flag)),
    createHasher(mode) {
      const hasher = new binding.Hasher(mode.key, mode.context);
      return {
        update: (input) => hasher.update(input),
        digest: (length) => digestInto(length, (output) => hasher.digest(output)),
        reset: () => hasher.reset(),
        dispose: () => hasher.dispose(),
      };
    },
  };
}
