// Input as callers really hand it over. Tests that slice one buffer into subarrays share the
// code's assumptions (one memory, one alignment, one realm) and miss what breaks with real
// streams: every piece of a stream is its own allocation, at any offset, of any view type.
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { Api, Pair } from './index.js';

/** One way a caller may hold bytes; `make` wraps a copy of `bytes` (its own memory) in that form. */
interface Form {
  name: string;
  make(bytes: Uint8Array, offset: number): ArrayBufferView | ArrayBuffer | string;
}

/** Fresh memory with `bytes` at `offset`, and `slack` bytes after them. */
function placed(bytes: Uint8Array, offset: number, slack = 3): ArrayBuffer {
  const buffer = new ArrayBuffer(offset + bytes.length + slack);
  new Uint8Array(buffer, offset, bytes.length).set(bytes);
  return buffer;
}

class Uint8ArraySubclass extends Uint8Array {}

/** Typed arrays whose elements are wider than a byte need lengths and offsets that are multiples of it. */
function wide(Type: Uint16ArrayConstructor | Uint32ArrayConstructor | Float64ArrayConstructor) {
  return (bytes: Uint8Array, offset: number) => {
    const size = Type.BYTES_PER_ELEMENT;
    if (bytes.length % size !== 0) return new Uint8Array(bytes);
    const aligned = offset - (offset % size);
    return new Type(placed(bytes, aligned), aligned, bytes.length / size);
  };
}

export const FORMS: Form[] = [
  { name: 'a fresh Uint8Array', make: (bytes) => new Uint8Array(bytes) },
  { name: 'a view at an offset', make: (bytes, offset) => new Uint8Array(placed(bytes, offset), offset, bytes.length) },
  { name: 'a Buffer (pooled, any offset)', make: (bytes) => Buffer.from(bytes) },
  { name: 'a DataView', make: (bytes, offset) => new DataView(placed(bytes, offset), offset, bytes.length) },
  { name: 'a Uint16Array', make: wide(Uint16Array) },
  { name: 'a Uint32Array', make: wide(Uint32Array) },
  { name: 'a Float64Array', make: wide(Float64Array) },
  { name: 'an ArrayBuffer', make: (bytes) => placed(bytes, 0, 0) },
  { name: 'a Uint8Array subclass', make: (bytes) => new Uint8ArraySubclass(bytes) },
  {
    name: "another realm's Uint8Array",
    make: (bytes) => runInNewContext('Uint8Array.from(source)', { source: Array.from(bytes) }) as Uint8Array,
  },
];

/** Strings hash as UTF-8: pieces that are strings carry their own bytes. */
const utf8 = new TextEncoder();

export interface Piece {
  bytes: Uint8Array;
  piece: ArrayBufferView | ArrayBuffer | string;
  form: string;
}

/** A piece of a stream: random bytes (or a random string) held in a random form, in its own memory. */
export const pieceArbitrary = (maxLength: number): fc.Arbitrary<Piece> =>
  fc.oneof(
    fc
      .tuple(fc.uint8Array({ maxLength }), fc.integer({ min: 0, max: FORMS.length - 1 }), fc.nat(15))
      .map(([bytes, form, offset]) => {
        const { name, make } = FORMS[form] as Form;
        return { bytes, piece: make(bytes, offset), form: name };
      }),
    fc
      .string({ unit: 'grapheme', maxLength: 40 })
      .map((text) => ({ bytes: utf8.encode(text), piece: text, form: 'a string' })),
  );

/** The pieces' bytes, one after the other. */
export function concat(pieces: Piece[]): Uint8Array {
  const whole = new Uint8Array(pieces.reduce((sum, { bytes }) => sum + bytes.length, 0));
  let at = 0;
  for (const { bytes } of pieces) {
    whole.set(bytes, at);
    at += bytes.length;
  }
  return whole;
}

export interface IndependentPiecesCheck<T extends Api, R> {
  /** Feeds the pieces to the streaming API, in order, and returns its result. */
  stream(api: T, pieces: Piece['piece'][]): R | Promise<R>;
  /** The one-shot result for all of the bytes at once. */
  whole(api: T, bytes: Uint8Array): R | Promise<R>;
  /** An independent implementation's result (another library), if there is one. */
  oracle?(bytes: Uint8Array): R;
  /** Long enough to cross the pair's internal block sizes, in a few pieces. Default 3000. */
  maxPieceLength?: number;
}

/**
 * A streaming API fed pieces that are each their own memory (fresh arrays, views at odd offsets,
 * pooled Buffers, DataViews, wider typed arrays, subclasses, another realm's arrays, strings)
 * returns what the one-shot API returns for the same bytes, in both implementations, and what an
 * independent oracle returns.
 */
export function testIndependentPieces<T extends Api, R>(
  pair: Pair<T>,
  { stream, whole, oracle, maxPieceLength = 3000 }: IndependentPiecesCheck<T, R>,
  options: { numRuns?: number; seed?: number } = {},
): void {
  test('streamed in independent pieces = one shot = oracle, in both implementations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pieceArbitrary(maxPieceLength), { maxLength: 12 }), async (pieces) => {
        const bytes = concat(pieces);
        const expected = oracle ? oracle(bytes) : await whole(pair.js, bytes);
        for (const api of [pair.js, pair.native]) {
          const label = `${api.implementation}: ${pieces.map(({ form, bytes }) => `${bytes.length} B as ${form}`).join(', ')}`;
          expect(await whole(api, bytes), label).toEqual(expected);
          expect(
            await stream(
              api,
              pieces.map(({ piece }) => piece),
            ),
            label,
          ).toEqual(expected);
        }
      }),
      { numRuns: options.numRuns ?? 300, seed: options.seed },
    );
  });
}
