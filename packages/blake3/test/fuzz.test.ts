// A bounded slice of the differential fuzzing that `npm run stress` runs for longer: native, JS
// and @noble/hashes must agree on 10,000 random cases (inputs, modes, lengths, chunkings).
import { expect, test } from 'vitest';
import { fuzz } from './scenarios.js';

test('10,000 random cases: native = JS = @noble/hashes', () => {
  const report = fuzz(10_000, 20261126);
  expect(report.mismatches).toEqual([]);
  expect(report.cases).toBe(10_000);
});
