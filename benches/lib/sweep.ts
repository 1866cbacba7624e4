// The size sweep of a pair made by `npm run new` (benches/<name>/sweep.bench.ts): for each size, the same
// input through the JavaScript call, the native call and the native async call, measured by benny
// (operations per second), then a table of native / JS. Small sizes show the price of crossing into
// Rust, large ones the price of the work itself: where JS wins is part of the answer.
import b from 'benny';
import { describeMachine, machine, markdownTable, QUICK, README, writeReadmeSection, writeResults } from './common.js';
import { writeRatios } from './gate.js';

export interface SweepPoint {
  /** What the size is, as the table shows it: `256 characters`, `64 KiB`. */
  size: string;
  js: () => unknown;
  native: () => unknown;
  nativeAsync: () => Promise<unknown>;
}

/** The three ways each point is measured, by the names its results are stored under. */
export const WAYS = ['js', 'native', 'native async'] as const;

/** Measures every point; writes benches/<pair>/results/…/sweep.json and prints the table. */
export async function sizeSweep(pair: string, points: SweepPoint[]): Promise<void> {
  const rows: { size: string; way: (typeof WAYS)[number]; opsPerSecond: number }[] = [];
  for (const point of points) {
    const calls = { js: point.js, native: point.native, 'native async': point.nativeAsync };
    const summary = await b.suite(
      `${pair}: ${point.size}`,
      // Quick runs feed the regression gate: a handful of samples each, not one or two.
      b.configure({ cases: QUICK ? { minSamples: 5, maxTime: 0.15, delay: 0 } : { minSamples: 10, maxTime: 1 } }),
      ...WAYS.map((way) => b.add(way, calls[way])),
      b.cycle(),
    );
    for (const way of WAYS) {
      const result = summary.results.find((candidate) => candidate.name === way);
      // From the median sample, not benny's mean: one sample slowed by the machine (a GC, another
      // process) moves a mean of a few samples by half, and the ratios the gate compares with it.
      rows.push({ size: point.size, way, opsPerSecond: result ? 1 / result.details.median : Number.NaN });
    }
  }
  const ops = (size: string, way: (typeof WAYS)[number]) =>
    rows.find((row) => row.size === size && row.way === way)?.opsPerSecond ?? Number.NaN;
  const table = points.map(({ size }) => ({
    size,
    'js ops/s': Math.round(ops(size, 'js')),
    'native ops/s': Math.round(ops(size, 'native')),
    'native async ops/s': Math.round(ops(size, 'native async')),
    'native / js': `${(ops(size, 'native') / ops(size, 'js')).toFixed(2)}×`,
  }));
  console.table(table);
  if (README) {
    // Inside the pair's markers, so that `npm run remove` takes the table out with the pair.
    const columns = Object.keys(table[0] ?? {});
    writeReadmeSection(
      `sweep:${pair}`,
      [
        `#### \`${pair}\`: size sweep (operations per second)`,
        '',
        `Measured by \`npm run bench -- --readme\` on: **${describeMachine(machine())}**.`,
        '',
        ...markdownTable(
          columns,
          table.map((row) =>
            Object.values(row).map((cell) => (typeof cell === 'number' ? cell.toLocaleString('en-US') : cell)),
          ),
        ),
      ].join('\n'),
      { marker: '<!-- sweeps:end -->', wrap: [`<!-- pair:${pair} -->`, `<!-- /pair:${pair} -->`] },
    );
  }
  writeResults(pair, 'sweep', rows);
  // What the regression gate holds the pair to (benches/lib/gate.ts).
  writeRatios(
    pair,
    Object.fromEntries(
      points.flatMap(({ size }) => [
        [`native / js at ${size}`, ops(size, 'native') / ops(size, 'js')],
        [`native async / native at ${size}`, ops(size, 'native async') / ops(size, 'native')],
      ]),
    ),
  );
}
