// 10,000 concurrent hashAsync and hashFile calls, a third of them aborted at random moments
// (before the call, right after it, or a little later): every one settles, with the right digest
// or an AbortError, and nothing is left pending afterwards.
import { afterAll, describe, expect, test } from 'vitest';
import { js, native, pattern, tempDir } from './helpers.js';
import { concurrentCalls } from './scenarios.js';

const temp = tempDir();
afterAll(() => temp.remove());

describe.each([
  ['js', js],
  ['native', native],
])('%s', (_name, b) => {
  test('10,000 concurrent calls with random aborts all settle correctly', async () => {
    const inputs = [0, 1, 1000, 70_000, 400_000].map((length) => pattern(length));
    const files = inputs.map((input, i) => temp.file(`input-${i}.bin`, input));
    const resourcesBefore = process.getActiveResourcesInfo().length;
    const outcome = await concurrentCalls(b, 10_000, 7, inputs, files);
    expect(outcome.other).toEqual([]);
    expect(outcome.right + outcome.aborted).toBe(10_000);
    expect(outcome.aborted).toBeGreaterThan(1_500);
    expect(outcome.aborted).toBeLessThan(4_000);
    // The aborts' timers have fired by now; no handle or request of ours may remain.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(resourcesBefore);
  });
});
