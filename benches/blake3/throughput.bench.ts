// Throughput of one-shot hashing at 64 B .. 16 MiB, ours against the npm alternatives.
// Every contender must return the same digest before anything is timed. Contenders
// are interleaved: each round runs every size with the order of contenders rotated, and the
// samples of all rounds are pooled into a median and an interquartile spread.
import { join } from 'node:path';
import b from 'benny';
import { hex, pattern, QUICK, quantile, resultsDir, SIZES, writeResults } from '../lib/common.js';
import { CONTENDERS } from './contenders.js';

const ROUNDS = QUICK ? 1 : 3;
const OPTIONS = QUICK ? { minSamples: 2, maxTime: 0.03, delay: 0 } : { minSamples: 8, maxTime: 0.6 };

export interface ThroughputRow {
  size: string;
  bytes: number;
  contender: string;
  kind: string;
  tech: string;
  /** Median seconds per call, and the 25th/75th percentiles, over all samples of all rounds. */
  medianSeconds: number;
  p25Seconds: number;
  p75Seconds: number;
  mbPerSecond: number;
  samples: number;
}

const samples = new Map<string, number[]>();

// benny times a case that returns a promise one call per iteration, with bookkeeping of its own
// around each (about half a microsecond here, more than hashing 64 B), which a sync case does not
// pay. An async contender is therefore timed over sequential awaited calls, as a program awaiting
// each one makes them, and its sample divided by their number.
const awaitedCalls = (bytes: number) => Math.max(1, Math.min(256, (64 * 1024) / bytes));
const isAsync = new Set<string>();

// Built once: the 16 MiB input alone takes longer to fill than many of the calls it is timed with.
const inputs = SIZES.map(({ bytes }) => pattern(bytes));

for (const [index, { label }] of SIZES.entries()) {
  const input = inputs[index]!;
  const expected = hex(await CONTENDERS[0]!.hash(input));
  for (const contender of CONTENDERS) {
    const result = contender.hash(input);
    if (result instanceof Promise) isAsync.add(contender.name);
    const digest = hex(await result);
    if (digest !== expected) throw new Error(`${contender.name} returns ${digest} for ${label}, expected ${expected}`);
  }
}

for (let round = 0; round < ROUNDS; round++) {
  for (const [index, { label, bytes }] of SIZES.entries()) {
    const input = inputs[index]!;
    const shift = (round + index) % CONTENDERS.length;
    const order = [...CONTENDERS.slice(shift), ...CONTENDERS.slice(0, shift)];
    const summary = await b.suite(
      `hash ${label} (round ${round + 1}/${ROUNDS})`,
      b.configure({ cases: OPTIONS }),
      ...order.map((contender) => {
        if (!isAsync.has(contender.name)) return b.add(contender.name, () => contender.hash(input));
        const calls = awaitedCalls(bytes);
        return b.add(contender.name, async () => {
          for (let call = 0; call < calls; call++) await contender.hash(input);
        });
      }),
      b.cycle(),
      ...(round === ROUNDS - 1
        ? [
            b.save({
              file: `throughput-${label.replace(' ', '')}`,
              folder: join(resultsDir('blake3'), 'csv'),
              format: 'csv',
            }),
          ]
        : []),
    );
    for (const result of summary.results) {
      const key = `${bytes}|${result.name}`;
      const calls = isAsync.has(result.name) ? awaitedCalls(bytes) : 1;
      samples.set(key, [...(samples.get(key) ?? []), ...result.details.sampleResults.map((sample) => sample / calls)]);
    }
  }
}

const rows: ThroughputRow[] = [];
for (const { label, bytes } of SIZES) {
  for (const contender of CONTENDERS) {
    const sorted = [...(samples.get(`${bytes}|${contender.name}`) ?? [])].sort((x, y) => x - y);
    const median = quantile(sorted, 0.5);
    rows.push({
      size: label,
      bytes,
      contender: contender.name,
      kind: contender.kind,
      tech: contender.tech,
      medianSeconds: median,
      p25Seconds: quantile(sorted, 0.25),
      p75Seconds: quantile(sorted, 0.75),
      mbPerSecond: bytes / median / 1e6,
      samples: sorted.length,
    });
  }
}

console.log('\nMB/s (median)');
console.table(
  Object.fromEntries(
    SIZES.map(({ label, bytes }) => [
      label,
      Object.fromEntries(
        rows.filter((row) => row.bytes === bytes).map((row) => [row.contender, Math.round(row.mbPerSecond)]),
      ),
    ]),
  ),
);
writeResults('blake3', 'throughput', rows);
