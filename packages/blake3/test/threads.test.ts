// Worker threads are separate JavaScript environments sharing one process and one copy of the
// addon. 200 workers (25 rounds of 8) load it, hash, and are terminated, half of them while their
// hashAsync and hashFile calls are still running on the thread pool. A crash kills the test
// process; a wrong digest fails the assertion.
import { afterAll, expect, test } from 'vitest';
import { hex, native, pattern, tempDir } from './helpers.js';
import { ABC } from './known-answers.js';
import { workerCycles } from './scenarios.js';

const temp = tempDir();
afterAll(() => temp.remove());

test('200 workers load, hash and terminate, with async work in flight', async () => {
  const file = temp.file('input.bin', pattern(4 * 1024 * 1024));
  expect(await workerCycles(25, 8, file)).toEqual({ cycles: 200, wrong: 0 });
  // The main thread's addon instance still works after 200 others came and went.
  expect(hex(await native.hashAsync('abc'))).toBe(ABC);
});
