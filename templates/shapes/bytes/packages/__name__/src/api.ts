// The public API, written once over either implementation. Every argument is checked here, before
// an implementation sees it, so the native and the JavaScript build throw the same errors (Node's
// own ERR_* codes, through @__scope__/runtime), and the implementations only receive valid input.
import { types } from 'node:util';
import {
  abortable,
  allocate,
  bufferOf,
  byteLengthOf,
  byteOffsetOf,
  checkEmptyView,
  invalidArgType,
  invalidArgValue,
  outOfRange,
  overlaps,
  toOptions,
  toSignal,
} from '@__scope__/runtime';
import { type Backend, CHANNELS, type Implementation, outputLength } from './contract.js';

/** Pixels as callers hold them: a Uint8Array, a Buffer, or canvas `ImageData.data` (a Uint8ClampedArray). */
export type Pixels = Uint8Array | Uint8ClampedArray;

export interface __Function__Options {
  /** Rejects the call with an `AbortError` when it aborts (at once if it already has). */
  signal?: AbortSignal;
}

export interface Api {
  /**
   * The luma of each RGBA pixel of `rgba` (4 bytes a pixel, alpha ignored), one byte a pixel:
   * `(77 R + 150 G + 29 B + 128) >> 8` (ITU-R BT.601 weights). Written into `output` when given
   * (exactly `rgba.length / 4` bytes, not overlapping `rgba`: the cheap way, nothing is allocated),
   * else into a new `Uint8Array`; returns it. Runs on the calling thread: the fastest way for small
   * and medium inputs.
   */
  __function__(rgba: Pixels, output?: Uint8Array): Uint8Array;
  /**
   * The same, off the main thread when native: for large inputs in a process that must stay
   * responsive. `rgba` is copied at the call, so later changes to it do not affect the result.
   */
  __function__Async(rgba: Pixels, options?: __Function__Options): Promise<Uint8Array>;
  readonly implementation: Implementation;
}

/**
 * `rgba`, checked, as the Uint8Array both implementations read. A detached or out-of-bounds view
 * (which reports 0 bytes) is refused rather than read as no pixels; shared memory is copied, since
 * other threads may write it meanwhile and two SharedArrayBuffer objects over the same memory
 * cannot be told apart (an output could overlap it unseen).
 */
function toPixels(rgba: unknown): Uint8Array {
  // Brand checks, not instanceof: they accept Buffers and arrays from other realms (vm, workers).
  if (!types.isUint8Array(rgba) && !types.isUint8ClampedArray(rgba)) {
    throw invalidArgType('rgba', 'an instance of Uint8Array or Uint8ClampedArray', rgba);
  }
  const length = byteLengthOf(rgba);
  if (length === 0) checkEmptyView(rgba, 'rgba');
  if (outputLength(length) < 0) throw outOfRange('rgba.length', `a multiple of ${CHANNELS}`, length);
  const buffer = bufferOf(rgba);
  if (types.isSharedArrayBuffer(buffer)) return allocate(length, new Uint8Array(buffer, byteOffsetOf(rgba), length));
  return types.isUint8Array(rgba) ? rgba : new Uint8Array(buffer, byteOffsetOf(rgba), length);
}

function checkOutput(output: unknown, rgba: Uint8Array): Uint8Array {
  if (!types.isUint8Array(output)) throw invalidArgType('output', 'an instance of Uint8Array', output);
  const length = byteLengthOf(output);
  if (length === 0) checkEmptyView(output, 'output');
  const expected = outputLength(byteLengthOf(rgba));
  if (length !== expected) throw outOfRange('output.length', `${expected}, outputLength(rgba.length)`, length);
  if (overlaps(output, rgba)) throw invalidArgValue('The "output" argument must not overlap "rgba"');
  return output;
}

/** The public API over one implementation. */
export function createApi(backend: Backend): Api {
  return Object.freeze({
    implementation: backend.implementation,

    __function__(rgba: Pixels, output?: Uint8Array): Uint8Array {
      const input = toPixels(rgba);
      const into = output === undefined ? allocate(outputLength(byteLengthOf(input))) : checkOutput(output, input);
      backend.__function__(input, into);
      return into;
    },

    async __function__Async(rgba: Pixels, options?: __Function__Options): Promise<Uint8Array> {
      const input = toPixels(rgba);
      const signal = toSignal(toOptions<__Function__Options>(options).signal);
      return abortable(signal, () => backend.__function__Async(input, signal));
    },
  });
}
