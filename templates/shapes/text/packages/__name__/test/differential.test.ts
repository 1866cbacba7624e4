// Differential property tests: on random input the native and the JavaScript implementation
// return the same value or throw the same error (testDifferential compares both outcomes).
import { testDifferential } from '@__scope__/testkit';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { pair } from './helpers.js';

// Any code point (unit 'binary' never makes lone surrogates); a small alphabet makes near-equal
// strings, where the interesting edits are.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', 'b', 'é', '😀'), maxLength: 60 }),
);

testDifferential('__function__', pair, [text, text], (api, a, b) => api.__function__(a, b));
testDifferential('__function__Async', pair, [text, text], (api, a, b) => api.__function__Async(a, b), { numRuns: 100 });
// Anything at all, valid or not: the errors must match too.
testDifferential('__function__ on any arguments', pair, [fc.anything(), fc.anything()], (api, a, b) =>
  api.__function__(a as string, b as string),
);

// Properties of a distance, which an implementation that agrees with its twin could still break.
test('distance is a metric: zero only for equal strings, symmetric, triangle inequality', () => {
  fc.assert(
    fc.property(text, text, text, (a, b, c) => {
      const d = pair.native.__function__;
      expect(d(a, b) === 0).toBe(a === b);
      expect(d(a, b)).toBe(d(b, a));
      expect(d(a, c)).toBeLessThanOrEqual(d(a, b) + d(b, c));
    }),
    { numRuns: 200 },
  );
});
