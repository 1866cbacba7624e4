// Differential property tests: the native build, the JS build and @noble/hashes (an independent,
// audited implementation) must agree on random inputs, options and chunkings.
import { blake3 as noble } from '@noble/hashes/blake3.js';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { hex, js, native } from './helpers.js';

// Sizes around the block (64 B) and chunk (1 KiB) boundaries are where tree-hashing bugs live.
const input = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.uint8Array({ minLength: 900, maxLength: 5000 }),
  fc.uint8Array({ minLength: 60_000, maxLength: 140_000 }),
);
const mode = fc.oneof(
  fc.constant({}),
  fc.record({ key: fc.uint8Array({ minLength: 32, maxLength: 32 }) }),
  fc.record({ context: fc.string({ unit: 'binary', maxLength: 40 }) }),
);
const length = fc.integer({ min: 1, max: 300 });

test('hash: native = JS = noble', () => {
  fc.assert(
    fc.property(input, mode, length, (bytes, options, outLength) => {
      const expected = hex(
        noble(bytes, {
          dkLen: outLength,
          key: 'key' in options ? options.key : undefined,
          context: 'context' in options ? new TextEncoder().encode(options.context) : undefined,
        }),
      );
      expect(hex(native.hash(bytes, { ...options, length: outLength }))).toBe(expected);
      expect(hex(js.hash(bytes, { ...options, length: outLength }))).toBe(expected);
    }),
    { numRuns: 300 },
  );
});

test('createHasher over random chunkings = one-shot hash, in both builds', () => {
  fc.assert(
    fc.property(input, mode, fc.array(fc.nat(), { maxLength: 20 }), (bytes, options, cuts) => {
      const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
      const expected = hex(native.hash(bytes, options));
      for (const implementation of [native, js]) {
        const hasher = implementation.createHasher(options);
        let at = 0;
        for (const point of [...points, bytes.length]) {
          hasher.update(bytes.subarray(at, point));
          at = point;
        }
        expect(hex(hasher.digest())).toBe(expected);
      }
    }),
    { numRuns: 200 },
  );
});

test('strings: native = JS = noble over UTF-8 (lone surrogates included)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
      const expected = hex(noble(new TextEncoder().encode(text)));
      expect(hex(native.hash(text))).toBe(expected);
      expect(hex(js.hash(text))).toBe(expected);
    }),
    { numRuns: 300 },
  );
});

test('hashAsync: native = JS', async () => {
  await fc.assert(
    fc.asyncProperty(input, mode, length, async (bytes, options, outLength) => {
      const [a, b] = await Promise.all([
        native.hashAsync(bytes, { ...options, length: outLength }),
        js.hashAsync(bytes, { ...options, length: outLength }),
      ]);
      expect(hex(a)).toBe(hex(b));
    }),
    { numRuns: 100 },
  );
});
