// The contract between the public API (api.ts) and the two backends (js/, native/): what a backend
// implements, and the shapes of what it receives. Arguments arrive checked, so a backend never
// validates: it only computes.

/** What can be hashed. Strings hash as their UTF-8 bytes (TextEncoder rules: lone surrogates become U+FFFD). */
export type Input = string | ArrayBuffer | ArrayBufferView;

export type Implementation = 'native' | 'js';

/** Which BLAKE3 function to compute; never both fields. */
export interface Mode {
  key?: Uint8Array;
  context?: string;
}

/** Plain hashing: the one `Mode` object the API passes when there is neither key nor context. */
export const PLAIN: Mode = Object.freeze({});

/** What a backend provides. Inputs are plain `Uint8Array`s of this realm, lengths are valid. */
export interface Backend {
  readonly implementation: Implementation;
  hash(input: Uint8Array, length: number, mode: Mode): Uint8Array;
  /** `input` is the caller's memory: a backend that reads it after returning must copy it first. */
  hashAsync(input: Uint8Array, length: number, mode: Mode, signal?: AbortSignal): Promise<Uint8Array>;
  hashFile(path: string, length: number, mode: Mode, signal?: AbortSignal): Promise<Uint8Array>;
  createHasher(mode: Mode): BackendHasher;
}

export interface BackendHasher {
  update(input: Uint8Array): void;
  digest(length: number): Uint8Array;
  reset(): void;
  /** Frees the state now; the API never calls anything else afterwards. */
  dispose(): void;
}
