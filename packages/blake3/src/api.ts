// The public API, written once over either implementation. Every argument is checked here, before
// an implementation sees it, so the native and the JavaScript build throw the same error classes
// with the same messages (Node's own ERR_* codes and wording), and the implementations only ever
// receive bytes, a valid length and a valid mode.
import { fileURLToPath } from 'node:url';
import {
  abortable,
  invalidArgType,
  invalidArgValue,
  outOfRange,
  toOptions,
  toSignal,
  withCode,
} from '@oxidize/runtime';

/** What can be hashed. Strings hash as their UTF-8 bytes (TextEncoder rules: lone surrogates become U+FFFD). */
export type Input = string | ArrayBuffer | ArrayBufferView;

export interface HasherOptions {
  /** 32 bytes: keyed hashing (a MAC). */
  key?: Uint8Array;
  /** Key derivation (`derive_key`): a hard-coded, globally unique string naming what the key is for. */
  context?: string;
}

export interface HashOptions extends HasherOptions {
  /** Output size in bytes, 1 to 2^30. Default 32. BLAKE3 output is extendable: longer outputs extend shorter ones. */
  length?: number;
}

export interface AsyncHashOptions extends HashOptions {
  /** Rejects the call with an `AbortError` when it aborts (at once if it already has). */
  signal?: AbortSignal;
}

export interface Hasher {
  update(input: Input): this;
  /** The digest of everything so far. Does not end the hash: more updates may follow. */
  digest(length?: number): Uint8Array;
  reset(): this;
}

export type Implementation = 'native' | 'js';

export interface Blake3 {
  hash(input: Input, options?: HashOptions): Uint8Array;
  hashAsync(input: Input, options?: AsyncHashOptions): Promise<Uint8Array>;
  hashFile(path: string | URL, options?: AsyncHashOptions): Promise<Uint8Array>;
  createHasher(options?: HasherOptions): Hasher;
  readonly implementation: Implementation;
}

/** Which BLAKE3 function to compute; never both fields. */
export interface Mode {
  key?: Uint8Array;
  context?: string;
}

/** What an implementation provides. Arguments arrive checked. */
export interface Backend {
  readonly implementation: Implementation;
  hash(input: Uint8Array, length: number, mode: Mode): Uint8Array;
  hashAsync(input: Uint8Array, length: number, mode: Mode, signal?: AbortSignal): Promise<Uint8Array>;
  hashFile(path: string, length: number, mode: Mode, signal?: AbortSignal): Promise<Uint8Array>;
  createHasher(mode: Mode): BackendHasher;
}

export interface BackendHasher {
  update(input: Uint8Array): void;
  digest(length: number): Uint8Array;
  reset(): void;
}

export const DEFAULT_LENGTH = 32;
export const MAX_LENGTH = 2 ** 30;
const KEY_LENGTH = 32;
const PLAIN: Mode = Object.freeze({});

function isDetached(buffer: ArrayBufferLike): boolean {
  if (buffer.byteLength !== 0) return false;
  // Node 20 lacks ArrayBuffer.prototype.detached; making a view is the portable test.
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

function detached(): Error {
  return invalidArgValue('The "input" argument must not be backed by a detached ArrayBuffer');
}

/** The bytes to hash: the exact bytes a view covers, never its whole buffer. */
function toBytes(input: unknown): Uint8Array {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  // Only an empty view can be detached; testing first spares the common case from reading
  // `.buffer`, which makes V8 materialize an ArrayBuffer for a small array that has none yet.
  if (input instanceof Uint8Array) {
    if (input.byteLength === 0 && isDetached(input.buffer)) throw detached();
    return input;
  }
  if (ArrayBuffer.isView(input)) {
    if (input.byteLength === 0 && isDetached(input.buffer)) throw detached();
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (input instanceof ArrayBuffer) {
    if (isDetached(input)) throw detached();
    return new Uint8Array(input);
  }
  throw invalidArgType('input', 'of type string or an instance of ArrayBuffer or ArrayBufferView', input);
}

function toLength(length: unknown, name: string): number {
  if (length === undefined) return DEFAULT_LENGTH;
  if (typeof length !== 'number') throw invalidArgType(name, 'of type number', length);
  if (!Number.isInteger(length) || length < 1 || length > MAX_LENGTH) {
    throw outOfRange(name, `an integer >= 1 and <= ${MAX_LENGTH}`, length);
  }
  return length;
}

function toPath(path: unknown): string {
  if (path instanceof URL) return fileURLToPath(path);
  if (typeof path !== 'string') throw invalidArgType('path', 'of type string or an instance of URL', path);
  if (path.includes('\0')) {
    throw invalidArgValue('The "path" argument must be a string or URL without null bytes.');
  }
  return path;
}

function toMode(options: HasherOptions): Mode {
  const { key, context } = options;
  if (key !== undefined && context !== undefined) {
    throw withCode(
      new TypeError('The "options.key" and "options.context" options cannot be used together'),
      'ERR_INCOMPATIBLE_OPTION_PAIR',
    );
  }
  if (key !== undefined) {
    if (!(key instanceof Uint8Array)) throw invalidArgType('options.key', 'an instance of Uint8Array', key);
    if (key.length !== KEY_LENGTH) {
      const message = `The "options.key" argument must be exactly ${KEY_LENGTH} bytes long. Received ${key.length} bytes`;
      throw invalidArgValue(message, RangeError);
    }
    // A copy, so that changing the caller's array later cannot change a Hasher's key.
    return { key: key.slice() };
  }
  if (context !== undefined) {
    if (typeof context !== 'string') throw invalidArgType('options.context', 'of type string', context);
    return { context };
  }
  return PLAIN;
}

/**
 * The bytes for `hashAsync`, which reads them on another thread while JavaScript runs on: memory
 * that other threads write (SharedArrayBuffer) or that can shrink (resizable) is refused.
 */
function toAsyncBytes(input: unknown): Uint8Array {
  const bytes = toBytes(input);
  const { buffer } = bytes;
  if (buffer instanceof SharedArrayBuffer) {
    throw invalidArgValue('The "input" argument of hashAsync must not be backed by a SharedArrayBuffer: copy it first');
  }
  if ((buffer as ArrayBuffer & { resizable?: boolean }).resizable === true) {
    throw invalidArgValue(
      'The "input" argument of hashAsync must not be backed by a resizable ArrayBuffer: copy it first',
    );
  }
  return bytes;
}

function toAsyncOptions(options: unknown): { length: number; mode: Mode; signal?: AbortSignal } {
  const checked = toOptions<AsyncHashOptions>(options);
  const length = toLength(checked.length, 'options.length');
  const mode = toMode(checked);
  return { length, mode, signal: toSignal(checked.signal) };
}

class CheckedHasher implements Hasher {
  readonly #inner: BackendHasher;

  constructor(inner: BackendHasher) {
    this.#inner = inner;
  }

  update(input: Input): this {
    this.#inner.update(toBytes(input));
    return this;
  }

  digest(length?: number): Uint8Array {
    return this.#inner.digest(toLength(length, 'length'));
  }

  reset(): this {
    this.#inner.reset();
    return this;
  }
}

/** The public API over one implementation. */
export function createApi(backend: Backend): Blake3 {
  return Object.freeze({
    implementation: backend.implementation,

    hash(input: Input, options?: HashOptions): Uint8Array {
      const bytes = toBytes(input);
      if (options === undefined) return backend.hash(bytes, DEFAULT_LENGTH, PLAIN);
      const checked = toOptions<HashOptions>(options);
      return backend.hash(bytes, toLength(checked.length, 'options.length'), toMode(checked));
    },

    async hashAsync(input: Input, options?: AsyncHashOptions): Promise<Uint8Array> {
      const bytes = toAsyncBytes(input);
      const { length, mode, signal } = toAsyncOptions(options);
      return abortable(signal, () => backend.hashAsync(bytes, length, mode, signal));
    },

    async hashFile(path: string | URL, options?: AsyncHashOptions): Promise<Uint8Array> {
      const checkedPath = toPath(path);
      const { length, mode, signal } = toAsyncOptions(options);
      return abortable(signal, () => backend.hashFile(checkedPath, length, mode, signal));
    },

    createHasher(options?: HasherOptions): Hasher {
      return new CheckedHasher(backend.createHasher(toMode(toOptions<HasherOptions>(options))));
    },
  });
}
