import {
  allocate,
  byteLengthOf,
  isDetached,
  loadAddon,
  rejected,
  resolved,
  uncurryThis,
  withAbortFlag,
} from '@oxidize/runtime';
import type * as Binding from '../../binding/index.cjs';
import { type Backend, type Mode, PLAIN } from '../contract.js';

/** The native implementation, or an error naming the platform, the package and why it failed to load. */
export function loadNativeBackend(): Backend {
  const binding = loadAddon<typeof Binding>(new URL('../../', import.meta.url));
  // Taken at load: a replaced global Uint8Array could run a caller's code while a digest is copied.
  const U8 = Uint8Array;

  // Digests of keyed and derived hashes, and long ones, are written into this buffer and copied out.
  // Node-API can only write into memory outside the V8 heap, and a new small Uint8Array lives inside
  // it: handing one to the addon makes V8 move it out first, which costs more than hashing a small
  // input. A copy is cheap. (Copied with the constructor, not slice(): slice() looks up a
  // `constructor` the caller can replace.)
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
    return new U8(output);
  }

  // Small plain hashes go through memory shared with the addon (one block per thread): JavaScript
  // writes the input in and calls `hashInScratch()` with no arguments, where `binding.hash`
  // converts the input, the output and two optional arguments, which costs more than hashing 64 B.
  // Header: the input's length and the digest's (two u32s), then the input; the digest comes back
  // in the block's last bytes. The addon sizes the block; it has none (null) for a second load of
  // the addon on one thread, which then takes the ordinary path.
  const offered = binding.scratchBuffer();
  const block = offered !== null && !isDetached(offered) ? offered : new ArrayBuffer(64);
  const end = block.byteLength;
  let scratchCapacity = block === offered ? end - 8 : -1;
  const header = new Uint32Array(block, 0, 2);
  // The input is copied in before the header is written, so that an input that is itself a view of
  // the block is read before anything overwrites it. A call made while another is inside (a caller's
  // code run by a replaced built-in, or a replaced global Uint8Array) takes the ordinary path and
  // leaves the block alone.
  const setBytes = uncurryThis(U8.prototype.set);
  const scratch = new U8(block);
  const digest32 = new U8(block, end - 32, 32);
  let inScratch = false;
  function hashInScratch(input: Uint8Array, size: number, length: number): Uint8Array {
    inScratch = true;
    setBytes(scratch, input, 8);
    header[0] = size;
    header[1] = length;
    binding.hashInScratch();
    const digest = new U8(length === 32 ? digest32 : new U8(block, end - length, length));
    inScratch = false; // also cleared by the caller when this throws
    return digest;
  }

  // Work this small takes less time on this thread than a copy and a hop to a job thread (tens of
  // microseconds): it is done here, and the promise settles as any other. Under 0.1 ms even without
  // SIMD, so the event loop is held no longer than by a tick of ordinary JavaScript.
  const INLINE_MAX = 64 * 1024;
  function hash(input: Uint8Array, length: number, mode: Mode, size = byteLengthOf(input)): Uint8Array {
    if (mode === PLAIN && size + length <= scratchCapacity && !inScratch) {
      try {
        return hashInScratch(input, size, length);
      } catch (error) {
        inScratch = false;
        // Someone detached the block (it can be had from the raw binding): writing into it threw
        // before the call. This copy of the package stops using it; anything else is a real error.
        if (!isDetached(block)) throw error;
        scratchCapacity = -1;
      }
    }
    return digestInto(length, (output) => binding.hash(input, output, mode.key, mode.context));
  }

  return {
    implementation: 'native',
    hash,
    hashAsync(input, length, mode, signal) {
      const size = byteLengthOf(input);
      if (size > INLINE_MAX || length > INLINE_MAX) {
        return withAbortFlag(signal, binding.AbortFlag, (flag) =>
          binding.hashAsync(input, length, mode.key, mode.context, flag),
        );
      }
      // An already settled promise, not `new Promise(executor)`: no closure to allocate and call,
      // which at 64 B is a measurable part of the whole call. Errors still reject, never throw.
      // (`resolved`/`rejected`: Promise.resolve and reject as they were at load.)
      try {
        return resolved(hash(input, length, mode, size));
      } catch (error) {
        return rejected(error);
      }
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
