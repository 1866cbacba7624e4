import { withCode } from './errors.js';

// A typed array's length, offset and buffer as V8 knows them, through the built-in getters: a
// property set on the array itself (or a subclass's getter) can say otherwise, and a native
// implementation, which asks V8, would then read other bytes than a JavaScript one. They also work
// on arrays from another realm.
/** The built-in getter `name` of `prototype`, as a function of the object to read. */
export function builtinGetter<T>(prototype: object, name: string): (self: unknown) => T {
  const get = Object.getOwnPropertyDescriptor(prototype, name)?.get as (this: unknown) => T;
  return (self) => get.call(self);
}

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
export const byteLengthOf: (view: ArrayBufferView) => number = builtinGetter(TypedArrayPrototype, 'byteLength');
export const byteOffsetOf: (view: ArrayBufferView) => number = builtinGetter(TypedArrayPrototype, 'byteOffset');
export const bufferOf: (view: ArrayBufferView) => ArrayBufferLike = builtinGetter(TypedArrayPrototype, 'buffer');

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
  if (source !== undefined) bytes.set(source);
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
