import { types } from 'node:util';
import { uncurryThis } from './builtins.js';
import { invalidArgValue, withCode } from './errors.js';

// A typed array's length, offset and buffer as V8 knows them, through the built-in getters: a
// property set on the array itself (or a subclass's getter) can say otherwise, and a native
// implementation, which asks V8, would then read other bytes than a JavaScript one. They also work
// on arrays from another realm.
/** The built-in getter `name` of `prototype`, as a function of the object to read. */
export function builtinGetter<T>(prototype: object, name: string): (self: unknown) => T {
  return uncurryThis(Object.getOwnPropertyDescriptor(prototype, name)?.get as (this: unknown) => T);
}

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
export const byteLengthOf: (view: ArrayBufferView) => number = builtinGetter(TypedArrayPrototype, 'byteLength');
export const byteOffsetOf: (view: ArrayBufferView) => number = builtinGetter(TypedArrayPrototype, 'byteOffset');
export const bufferOf: (view: ArrayBufferView) => ArrayBufferLike = builtinGetter(TypedArrayPrototype, 'buffer');

const setBytes = uncurryThis(Uint8Array.prototype.set) as (target: Uint8Array, source: Uint8Array) => void;

/**
 * New bytes, failing as an addon's allocation fails (a RangeError with code
 * ERR_MEMORY_ALLOCATION_FAILED) rather than with V8's uncoded RangeError, so that both
 * implementations of a pair report running out of memory the same way. With `source`, a copy of it.
 */
export function allocate(length: number, source?: Uint8Array): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw withCode(new RangeError('Array buffer allocation failed'), 'ERR_MEMORY_ALLOCATION_FAILED');
  }
  if (source !== undefined) setBytes(bytes, source);
  return bytes;
}

/**
 * Whether two views share bytes of one buffer. An output that overlaps an input would be read and
 * written at once: Rust refuses that outright (one slice cannot be both shared and mutable), so
 * both implementations of a pair refuse it, with the same error.
 */
export function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (bufferOf(a) !== bufferOf(b)) return false;
  const [startA, startB] = [byteOffsetOf(a), byteOffsetOf(b)];
  const [endA, endB] = [startA + byteLengthOf(a), startB + byteLengthOf(b)];
  return startA < endB && startB < endA;
}

const arrayBufferByteLength = builtinGetter<number>(ArrayBuffer.prototype, 'byteLength');
const arrayBufferResizable = builtinGetter<boolean>(ArrayBuffer.prototype, 'resizable');

/**
 * What backs a view: a SharedArrayBuffer (other threads may write it while it is read; it only
 * grows), an ArrayBuffer that can shrink (`new ArrayBuffer(n, { maxByteLength })`), or a fixed one.
 * ArrayBuffer's own `resizable` getter throws for anything but an ArrayBuffer, so the common case
 * costs one getter (`util.types.isSharedArrayBuffer` alone costs twice as much).
 */
export function bufferKind(buffer: ArrayBufferLike): 'fixed' | 'resizable' | 'shared' {
  try {
    return arrayBufferResizable(buffer) ? 'resizable' : 'fixed';
  } catch {
    return types.isSharedArrayBuffer(buffer) ? 'shared' : 'fixed';
  }
}
const typedArrayAt = uncurryThis((TypedArrayPrototype as { at: (this: ArrayBufferView, index: number) => unknown }).at);

/** Whether `buffer` was detached (transferred, or freed by `structuredClone(…, { transfer })`). */
export function isDetached(buffer: ArrayBufferLike): boolean {
  if (types.isSharedArrayBuffer(buffer) || arrayBufferByteLength(buffer) !== 0) return false;
  // Node 20 lacks ArrayBuffer.prototype.detached; making a view is the portable test.
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

/** `ERR_INVALID_ARG_VALUE` for argument `name` backed by a detached buffer. */
export function detachedError(name: string): Error {
  return invalidArgValue(`The "${name}" argument must not be backed by a detached ArrayBuffer`);
}

/** `ERR_INVALID_ARG_VALUE` for argument `name`, a view out of the bounds of its shrunk buffer. */
export function outOfBoundsError(name: string): Error {
  return invalidArgValue(`The "${name}" argument must not be a view out of the bounds of its resized ArrayBuffer`);
}

/**
 * Throws unless an empty view (argument `name`) is really empty: a view whose buffer was detached,
 * or a view of a resizable buffer shrunk below it, also reports 0 bytes, and would be taken as an
 * empty input by one implementation and refused by the other.
 */
export function checkEmptyView(view: ArrayBufferView, name: string, buffer = bufferOf(view)): void {
  if (isDetached(buffer)) throw detachedError(name);
  // Of the built-ins, `at` is one that validates the view (spec: ValidateTypedArray) and throws
  // for one out of bounds.
  if (!types.isDataView(view) && bufferKind(buffer) === 'resizable') {
    try {
      typedArrayAt(view, 0);
    } catch {
      throw outOfBoundsError(name);
    }
  }
}
