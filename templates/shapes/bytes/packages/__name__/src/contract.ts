// What the two implementations have in common: the contract the native and the JavaScript backend
// each fulfil, and the rule for the size of the result, in one place (crates/__name__/src/
// __function_snake__.rs has its Rust twin). api.ts checks arguments against it; the backends
// import it, not the API that wraps them.

export type Implementation = 'native' | 'js';

/** What an implementation provides. Arguments arrive checked: `output` has `outputLength(rgba)` bytes. */
export interface Backend {
  readonly implementation: Implementation;
  __function__(rgba: Uint8Array, output: Uint8Array): void;
  /** Resolves with a new result; `signal` (native) stops the work between two slices. */
  __function__Async(rgba: Uint8Array, signal?: AbortSignal): Promise<Uint8Array>;
}

/** Bytes per pixel of the input: red, green, blue, alpha. */
export const CHANNELS = 4;

/** How many bytes the result of `inputLength` input bytes has (one a pixel), or -1 when it is not whole pixels. */
export function outputLength(inputLength: number): number {
  return inputLength % CHANNELS === 0 ? inputLength / CHANNELS : -1;
}
