// Memory stays flat under repetition: 1,000,000 small hash calls, 100,000 Hashers left to the
// garbage collector, 10,000 hashFile calls, each phase measured in a fresh process. The bounds
// are what a leak of a few bytes per call would blow through (a leaked native Hasher is about
// 2 KB: 100,000 of them would be 200 MB), with room for allocator noise.
import { afterAll, describe, expect, test } from 'vitest';
import { pattern, tempDir } from './helpers.js';
import { EXTERNAL_BOUND_MIB, memoryPhases, RSS_BOUND_MIB } from './scenarios.js';

const temp = tempDir();
afterAll(() => temp.remove());

describe.each(['js', 'native'] as const)('%s', (implementation) => {
  test(`RSS grows < ${RSS_BOUND_MIB} MiB and external memory < ${EXTERNAL_BOUND_MIB} MiB in every phase`, () => {
    const { phases, loops } = memoryPhases(implementation, temp.file(`${implementation}.bin`, pattern(4096)));
    expect(Object.keys(phases)).toHaveLength(3);
    // A synchronous loop that disposes of its hashers holds none of them.
    expect(Object.values(loops)[1]?.rss).toBeLessThan(RSS_BOUND_MIB);
    for (const [phase, growth] of Object.entries(phases)) {
      expect(growth.rss, `${phase}: RSS growth in MiB`).toBeLessThan(RSS_BOUND_MIB);
      expect(growth.external, `${phase}: external growth in MiB`).toBeLessThan(EXTERNAL_BOUND_MIB);
    }
  });
});
