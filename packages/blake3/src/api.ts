// The public API, written once over either implementation. Every argument is checked here, before
// an implementation sees it, so the native and the JavaScript build throw the same error classes
// with the same messages (Node's own ERR_* codes and wording), and the implementations only ever
// receive bytes, a valid length and a valid mode.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { types } from 'node:util';
import {
  abortable,
  bufferKind,
  bufferOf,
  builtinGetter,
  byteLengthOf,
  byteOffsetOf,
  checkEmptyView,
  detachedError,
  invalidArgType,
  invalidArgValue,
  isDetached,
  outOfBoundsError,
  outOfRange,
  rejected,
  toOptions,
  toSignal,
  withCode,
} from '@oxidize/runtime';
import { type Backend, type BackendHasher, type Implementation, type Input, type Mode, PLAIN } from './contract.js';

export type { Implementation, Input } from './contract.js';

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
  /**
   * Frees the hasher's state now (a native hasher holds ~2 KB outside the JavaScript heap) rather
   * than when it is garbage-collected; `using hasher = createHasher()` calls it at the end of the
   * block. Any later call throws ERR_INVALID_STATE. Disposing twice is harmless.
   */
  dispose(): void;
  [Symbol.dispose](): void;
}

export interface Blake3 {
  hash(input: Input, options?: HashOptions): Uint8Array;
  hashAsync(input: Input, options?: AsyncHashOptions): Promise<Uint8Array>;
  hashFile(path: string | URL, options?: AsyncHashOptions): Promise<Uint8Array>;
  createHasher(options?: HasherOptions): Hasher;
  readonly implementation: Implementation;
}

export const DEFAULT_LENGTH = 32;
export const MAX_LENGTH = 2 ** 30;
const KEY_LENGTH = 32;

// Lengths, offsets and buffers are read through the built-in getters, never through properties a
// caller can change: a subclass whose `length` lies would otherwise make the JavaScript build read
// other bytes than the native one (which asks V8 directly). Built-in getters and brand checks
// (`util.types`, `ArrayBuffer.isView`) also accept arrays from another realm (`vm` contexts, which
// test runners use), where `instanceof Uint8Array` is false.
const typedArray = { buffer: bufferOf, byteOffset: byteOffsetOf, byteLength: byteLengthOf };
const dataView = {
  buffer: builtinGetter<ArrayBufferLike>(DataView.prototype, 'buffer'),
  byteOffset: builtinGetter<number>(DataView.prototype, 'byteOffset'),
  byteLength: builtinGetter<number>(DataView.prototype, 'byteLength'),
};
/** A plain view of this realm over exactly the bytes `view` covers. */
function plainView(view: ArrayBufferView): Uint8Array {
  const getters = types.isDataView(view) ? dataView : typedArray;
  const buffer = getters.buffer(view);
  // Before reading the length: a detached DataView's getters throw a TypeError with no code.
  if (isDetached(buffer)) throw detachedError('input');
  let byteLength: number;
  try {
    byteLength = getters.byteLength(view);
  } catch {
    throw outOfBoundsError('input'); // a DataView out of the bounds of its resized buffer
  }
  if (byteLength === 0) checkEmptyView(view, 'input', buffer);
  return new Uint8Array(buffer, getters.byteOffset(view), byteLength);
}

/** The bytes to hash: the exact bytes a view covers, never its whole buffer. */
function toBytes(input: unknown): Uint8Array {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  if (ArrayBuffer.isView(input)) {
    // The common case, a Uint8Array or Buffer of this realm, is used as it is: building a view
    // would make V8 materialize an ArrayBuffer for a small array that has none yet, which costs
    // more than hashing it. (The JS backend reads it through the built-in getters too, so that
    // properties set on the array itself cannot make it read other bytes.) Only an empty view can
    // be detached.
    const prototype = Object.getPrototypeOf(input);
    if (types.isUint8Array(input) && (prototype === Uint8Array.prototype || prototype === Buffer.prototype)) {
      const bytes = input as Uint8Array;
      if (byteLengthOf(bytes) === 0) checkEmptyView(bytes, 'input');
      return bytes;
    }
    return plainView(input);
  }
  if (types.isArrayBuffer(input)) {
    if (isDetached(input)) throw detachedError('input');
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
  let checked: string;
  if (path instanceof URL) checked = fileURLToPath(path);
  else if (typeof path === 'string') checked = path;
  else throw invalidArgType('path', 'of type string or an instance of URL', path);
  // Checked after converting a URL: `file:///a%00b` decodes to a path with a null byte.
  if (checked.includes('\0')) {
    throw invalidArgValue('The "path" argument must be a string or URL without null bytes.');
  }
  // Under Node's permission model (--permission) `node:fs` refuses paths outside --allow-fs-read;
  // an addon reads files with its own system calls, which the model cannot see. Checking here
  // gives both implementations the answer `node:fs` gives.
  const permission = (process as { permission?: { has(scope: string, reference?: string): boolean } }).permission;
  if (permission !== undefined && !permission.has('fs.read', resolve(checked))) {
    // node:fs refuses before any system call, so asking it costs no I/O and gives its own error.
    try {
      statSync(checked);
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_ACCESS_DENIED') throw error;
    }
    throw Object.assign(withCode(new Error('Access to this API has been restricted'), 'ERR_ACCESS_DENIED'), {
      permission: 'FileSystemRead',
      resource: checked,
    });
  }
  return checked;
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
    if (!types.isUint8Array(key)) throw invalidArgType('options.key', 'an instance of Uint8Array', key);
    const length = typedArray.byteLength(key);
    if (length !== KEY_LENGTH) {
      const message = `The "options.key" argument must be exactly ${KEY_LENGTH} bytes long. Received ${length} bytes`;
      throw invalidArgValue(message, RangeError);
    }
    // A copy, so that changing the caller's array later cannot change a Hasher's key.
    return { key: new Uint8Array(plainView(key)) };
  }
  if (context !== undefined) {
    if (typeof context !== 'string') throw invalidArgType('options.context', 'of type string', context);
    return { context };
  }
  return PLAIN;
}

/**
 * The bytes for `hashAsync`, which hashes what they hold at the call: memory that other threads
 * write while it is copied (SharedArrayBuffer) or that can shrink (resizable) is refused, as
 * WebCrypto's `digest` refuses it.
 */
function toAsyncBytes(input: unknown): Uint8Array {
  const bytes = toBytes(input);
  const kind = bufferKind(typedArray.buffer(bytes));
  if (kind === 'shared') {
    throw invalidArgValue('The "input" argument of hashAsync must not be backed by a SharedArrayBuffer: copy it first');
  }
  if (kind === 'resizable') {
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

function usable(hasher: BackendHasher | undefined): BackendHasher {
  if (hasher === undefined) throw withCode(new Error('Invalid state: the hasher was disposed of'), 'ERR_INVALID_STATE');
  return hasher;
}

/** What only `createHasher` holds: `hasher.constructor` is reachable, and must not make hashers. */
const CREATE = Symbol('createHasher');

class CheckedHasher implements Hasher {
  #inner: BackendHasher | undefined;

  constructor(token: typeof CREATE, inner: BackendHasher) {
    // As `new AbortSignal()` is refused: a hasher over the caller's object would return whatever
    // that object says.
    if (token !== CREATE) throw withCode(new TypeError('Illegal constructor'), 'ERR_ILLEGAL_CONSTRUCTOR');
    this.#inner = inner;
  }

  /**
   * A method called on something else (`hasher.update.call(other)`): Node's own classes answer
   * ERR_INVALID_THIS, where the private field would throw the engine's error, without a code.
   */
  static #check(self: unknown): asserts self is CheckedHasher {
    if (typeof self !== 'object' || self === null || !(#inner in self)) {
      throw withCode(new TypeError('Value of "this" must be of type Hasher'), 'ERR_INVALID_THIS');
    }
  }

  update(input: Input): this {
    CheckedHasher.#check(this);
    // The input first: checking it can run the caller's code, which could dispose of this hasher.
    const bytes = toBytes(input);
    usable(this.#inner).update(bytes);
    return this;
  }

  digest(length?: number): Uint8Array {
    CheckedHasher.#check(this);
    return usable(this.#inner).digest(toLength(length, 'length'));
  }

  reset(): this {
    CheckedHasher.#check(this);
    usable(this.#inner).reset();
    return this;
  }

  dispose(): void {
    CheckedHasher.#check(this);
    this.#release();
  }

  // Not `this.dispose()`: that would look `dispose` up on whatever `this` is.
  [Symbol.dispose](): void {
    CheckedHasher.#check(this);
    this.#release();
  }

  #release(): void {
    this.#inner?.dispose();
    this.#inner = undefined;
  }
}

/** The public API over one implementation. */
export function createApi(backend: Backend): Blake3 {
  return Object.freeze({
    implementation: backend.implementation,

    // Options are read before the input is checked: reading them can run the caller's code (a
    // getter), which could otherwise detach or shrink an input already found valid.
    hash(input: Input, options?: HashOptions): Uint8Array {
      if (options === undefined) return backend.hash(toBytes(input), DEFAULT_LENGTH, PLAIN);
      const checked = toOptions<HashOptions>(options);
      const length = toLength(checked.length, 'options.length');
      const mode = toMode(checked);
      return backend.hash(toBytes(input), length, mode);
    },

    // Not `async`: the promise an async function wraps around the backend's costs more microtask
    // turns than hashing 64 B does. Every error still rejects the promise; none is thrown.
    hashAsync(input: Input, options?: AsyncHashOptions): Promise<Uint8Array> {
      try {
        if (options === undefined) return backend.hashAsync(toAsyncBytes(input), DEFAULT_LENGTH, PLAIN, undefined);
        const { length, mode, signal } = toAsyncOptions(options);
        const bytes = toAsyncBytes(input);
        return abortable(signal, () => backend.hashAsync(bytes, length, mode, signal));
      } catch (error) {
        return rejected(error);
      }
    },

    async hashFile(path: string | URL, options?: AsyncHashOptions): Promise<Uint8Array> {
      const checkedPath = toPath(path);
      const { length, mode, signal } = toAsyncOptions(options);
      return abortable(signal, () => backend.hashFile(checkedPath, length, mode, signal));
    },

    createHasher(options?: HasherOptions): Hasher {
      return new CheckedHasher(CREATE, backend.createHasher(toMode(toOptions<HasherOptions>(options))));
    },
  });
}
