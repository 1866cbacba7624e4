// Differential property tests: on random input the native and the JavaScript implementation
// return the same value or throw the same error (testDifferential compares both outcomes).
// Inputs are drawn as callers make them: whole buffers, views into larger ones, Buffers.
import { outputLength } from '@__scope__/__name__';
import { testDifferential } from '@__scope__/testkit';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { pair } from './helpers.js';

/** Random RGBA pixels: sometimes a view into a larger buffer, sometimes a Buffer. */
const rgba = fc
  .tuple(fc.uint8Array({ maxLength: 4096 }), fc.nat(7), fc.boolean())
  .map(([bytes, offset, asBuffer]) => {
    const whole = bytes.length - (bytes.length % 4);
    const memory = new Uint8Array(offset + whole + 3);
    memory.set(bytes.subarray(0, whole), offset);
    const view = memory.subarray(offset, offset + whole);
    return asBuffer ? Buffer.from(view.buffer, view.byteOffset, view.byteLength) : view;
  });

testDifferential('__function__', pair, [rgba], (api, input) => [...api.__function__(input)]);
testDifferential('__function__Async', pair, [rgba], async (api, input) => [...(await api.__function__Async(input))], {
  numRuns: 100,
});
// Anything at all, valid or not: the errors must match too.
testDifferential('__function__ on any arguments', pair, [fc.anything(), fc.anything()], (api, a, b) =>
  api.__function__(a as Uint8Array, b as Uint8Array),
);

// Properties an implementation that agrees with its twin could still break.
test('outputLength bytes out, grey stays grey, and into an output equals the returned result', () => {
  fc.assert(
    fc.property(rgba, fc.integer({ min: 0, max: 255 }), (input, grey) => {
      const luma = pair.native.__function__(input);
      expect(luma.length).toBe(outputLength(input.length));
      const output = new Uint8Array(outputLength(input.length));
      pair.native.__function__(input, output);
      expect(output).toEqual(luma);
      expect([...pair.native.__function__(Uint8Array.of(grey, grey, grey, 0))]).toEqual([grey]);
    }),
    { numRuns: 200 },
  );
});
