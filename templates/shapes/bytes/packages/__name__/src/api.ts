// The public API, written once over either implementation. Every argument is checked here, before
// an implementation sees it, so the native and the JavaScript build throw the same errors (Node's
// own ERR_* codes, through @__scope__/runtime), and the implementations only receive valid input.
import { types } from 'node:util';
import {
  abortable,
  allocate,
  byteLengthOf,
  invalidArgType,
  invalidArgValue,
  outOfRange,
  overlaps,
  toOptions,
  toSignal,
} from '@__scope__/runtime';

export type Implementation = 'native' | 'js';

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
  __function__(rgba: Uint8Array, output?: Uint8Array): Uint8Array;
  /**
   * The same, off the main thread when native: for large inputs in a process that must stay
   * responsive. `rgba` is copied at the call, so later changes to it do not affect the result.
   */
  __function__Async(rgba: Uint8Array, options?: __Function__Options): Promise<Uint8Array>;
  readonly implementation: Implementation;
}

/** What an implementation provides. Arguments arrive checked; `output` is `rgba`'s size / 4. */
export interface Backend {
  readonly implementation: Implementation;
  __function__(rgba: Uint8Array, output: Uint8Array): void;
  __function__Async(rgba: Uint8Array): Promise<Uint8Array>;
}

/** Bytes per pixel of the input: red, green, blue, alpha. */
export const CHANNELS = 4;

/** `rgba`, checked; returns its number of pixels. */
function checkPixels(rgba: unknown): number {
  // A brand check, not instanceof: it accepts Buffers and arrays from other realms (vm, workers).
  if (!types.isUint8Array(rgba)) throw invalidArgType('rgba', 'an instance of Uint8Array', rgba);
  const length = byteLengthOf(rgba);
  if (length % CHANNELS !== 0) throw outOfRange('rgba.length', `a multiple of ${CHANNELS}`, length);
  return length / CHANNELS;
}

function checkOutput(output: unknown, rgba: Uint8Array, pixels: number): Uint8Array {
  if (!types.isUint8Array(output)) throw invalidArgType('output', 'an instance of Uint8Array', output);
  const length = byteLengthOf(output);
  if (length !== pixels) throw outOfRange('output.length', `${pixels} (rgba.length / ${CHANNELS})`, length);
  if (overlaps(output, rgba)) throw invalidArgValue('The "output" argument must not overlap "rgba"');
  return output;
}

/** The public API over one implementation. */
export function createApi(backend: Backend): Api {
  return Object.freeze({
    implementation: backend.implementation,

    __function__(rgba: Uint8Array, output?: Uint8Array): Uint8Array {
      const pixels = checkPixels(rgba);
      const into = output === undefined ? allocate(pixels) : checkOutput(output, rgba, pixels);
      backend.__function__(rgba, into);
      return into;
    },

    async __function__Async(rgba: Uint8Array, options?: __Function__Options): Promise<Uint8Array> {
      checkPixels(rgba);
      const signal = toSignal(toOptions<__Function__Options>(options).signal);
      return abortable(signal, () => backend.__function__Async(rgba));
    },
  });
}
