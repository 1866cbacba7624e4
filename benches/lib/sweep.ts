// The size sweep of a pair made by `npm run new` (benches/<name>.bench.ts): for each size, the same
// input through the JavaScript call, the native call and the native async call, measured by benny
// (operations per second), then a table of native / JS. Small sizes show the price of crossing into
// Rust, large ones the price of the work itself: where JS wins is part of the answer.
import b from 'benny';
import { QUICK, writeResults } from './common.js';

export interface SweepPoint {
  /** What the size is, as the table shows it: `256 characters`, `64 KiB`. */
  size: string;
  js: () => unknown;
  native: () => unknown;
  nativeAsync: () => Promise<unknown>;
}

/** The three ways each point is measured, by the names its results are stored under. */
export const WAYS = ['js', 'native', 'native async'] as const;

/** Measures every point; writes benches/results/…/<suite>.json and prints the table. */
export async function sizeSweep(suite: string, points: SweepPoint[]): Promise<void> {
  const rows: { size: string; way: (typeof WAYS)[number]; opsPerSecond: number }[] = [];
  for (const point of points) {
    const calls = { js: point.js, native: point.native, 'native async': point.nativeAsync };
    const summary = await b.suite(
      `${suite}: ${point.size}`,
      b.configure({ cases: QUICK ? { minSamples: 2, maxTime: 0.05, delay: 0 } : { minSamples: 10, maxTime: 1 } }),
      ...WAYS.map((way) => b.add(way, calls[way])),
      b.cycle(),
    );
    for (const way of WAYS) {
      const result = summary.results.find((candidate) => candidate.name === way);
      rows.push({ size: point.size, way, opsPerSecond: result?.ops ?? Number.NaN });
    }
  }
  const ops = (size: string, way: (typeof WAYS)[number]) =>
    rows.find((row) => row.size === size && row.way === way)?.opsPerSecond ?? Number.NaN;
  console.table(
    points.map(({ size }) => ({
      size,
      'js ops/s': Math.round(ops(size, 'js')),
      'native ops/s': Math.round(ops(size, 'native')),
      'native async ops/s': Math.round(ops(size, 'native async')),
      'native / js': `${(ops(size, 'native') / ops(size, 'js')).toFixed(2)}×`,
    })),
  );
  writeResults(suite, rows);
}
