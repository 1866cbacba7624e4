import { withCode } from './errors.js';

// A typed array's length, offset and buffer as V8 knows them, through the built-in getters: a
// property set on the array itself (or a subclass's getter) can say otherwise, and a native
// implementation, which asks V8, would then read other bytes than a JavaScript one. They also work
// on arrays from another realm.
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const builtin = <T>(name: string) =>
  Object.getOwnPropertyDescriptor(TypedArrayPrototype, name)?.get as (this: ArrayBufferView) => T;
const typedArrayByteLength = builtin<number>('byteLength');
const typedArrayByteOffset = builtin<number>('byteOffset');
const typedArrayBuffer = builtin<ArrayBufferLike>('buffer');

export const byteLengthOf = (view: ArrayBufferView): number => typedArrayByteLength.call(view);
export const byteOffsetOf = (view: ArrayBufferView): number => typedArrayByteOffset.call(view);
export const bufferOf = (view: ArrayBufferView): ArrayBufferLike => typedArrayBuffer.call(view);

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
