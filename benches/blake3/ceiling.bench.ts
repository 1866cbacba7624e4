// The ceiling: the blake3 crate in pure Rust, one thread and all threads, from
// `cargo run --release --example ceiling` (crates/blake3/examples/ceiling.rs), and native `hash`
// from Node measured against it. The report sets native-from-Node against it.
//
// Paired, not apart: this kind of machine (a shared VM) changes speed by a third within minutes, so
// a ratio of two numbers measured minutes apart, in different suites, says as much about the
// machine as about the binding (native / all threads at 1 MiB read 0.83× to 1.07× over one day's
// runs that way). Each round times, at each size, the pure-Rust example (a process of its own) and
// native `hash` in this process, moments apart, the same way (runs of 20 ms, the clock read once per
// batch, the median run), alternating which goes first; a ratio is the median of its rounds' ratios.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import native from '@oxidize/blake3/native';
import { pattern, QUICK, quantile, ROOT, SIZES, writeResults } from '../lib/common.js';

export interface CeilingRow {
  bytes: number;
  /** Pure Rust, median MB/s over the rounds. */
  oneThreadMBps: number;
  allThreadsMBps: number;
  /** Native `hash` from Node, median MB/s over the rounds. */
  nativeMBps: number;
  /** Medians over the rounds of each round's native / pure Rust. */
  nativeOverOneThread: number;
  nativeOverAllThreads: number;
  /** Native over the faster of the two pure-Rust rates of its round. */
  nativeOverBest: number;
  rounds: number;
}

// Quick runs feed the regression gate, which holds these ratios to half their baseline: four rounds
// of a few runs each, not two.
const ROUNDS = QUICK ? 4 : 5;
const BUDGET_MS = QUICK ? 30 : 300;

// Built once, then run directly: `cargo run` would check the build before every measurement.
const built = execFileSync(
  'cargo',
  ['build', '--quiet', '--release', '--package', 'oxidize-blake3', '--example', 'ceiling', '--message-format=json'],
  { cwd: ROOT, encoding: 'utf8' },
);
const example = built
  .split('\n')
  .filter((line) => line.startsWith('{'))
  .map((line) => JSON.parse(line) as { reason: string; target?: { name: string }; executable?: string | null })
  .find((message) => message.reason === 'compiler-artifact' && message.target?.name === 'ceiling')?.executable;
if (!example) throw new Error('cargo built no executable for the ceiling example');

// The full sweep, for the size from which the addon hashes on all threads.
const sweep = JSON.parse(execFileSync(example, QUICK ? ['--json', '--quick'] : ['--json'], { encoding: 'utf8' })) as {
  threads: number;
  parallelThreshold: number;
  crossover: { bytes: number; oneThreadMBps: number; allThreadsMBps: number }[];
};

/** Median MB/s of `work` over `input`, measured as the example measures pure Rust. */
function throughput(input: Uint8Array, work: (input: Uint8Array) => unknown): number {
  const batch = Math.min(1024, Math.max(1, Math.floor((64 * 1024) / input.length)));
  const perRun: number[] = [];
  const deadline = performance.now() + BUDGET_MS;
  while (perRun.length < 5 || performance.now() < deadline) {
    const start = performance.now();
    let iterations = 0;
    while (performance.now() - start < 20) {
      for (let i = 0; i < batch; i++) work(input);
      iterations += batch;
    }
    perRun.push((iterations * input.length) / ((performance.now() - start) / 1000) / 1e6);
  }
  // The example's median: of an even count, the upper middle run.
  return perRun.sort((a, b) => a - b)[Math.floor(perRun.length / 2)] as number;
}

const pureRust = (bytes: number) =>
  JSON.parse(
    execFileSync(example, ['--size', String(bytes), '--budget-ms', String(BUDGET_MS)], { encoding: 'utf8' }),
  ) as { oneThreadMBps: number; allThreadsMBps: number };

const rounds = new Map<number, { oneThreadMBps: number; allThreadsMBps: number; nativeMBps: number }[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const { bytes } of SIZES) {
    const input = pattern(bytes);
    let rust: { oneThreadMBps: number; allThreadsMBps: number };
    let nativeMBps: number;
    if (round % 2 === 0) {
      rust = pureRust(bytes);
      nativeMBps = throughput(input, (bytes) => native.hash(bytes));
    } else {
      nativeMBps = throughput(input, (bytes) => native.hash(bytes));
      rust = pureRust(bytes);
    }
    rounds.set(bytes, [...(rounds.get(bytes) ?? []), { ...rust, nativeMBps }]);
  }
}

const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
const ceiling: CeilingRow[] = SIZES.map(({ bytes }) => {
  const measured = rounds.get(bytes) ?? [];
  return {
    bytes,
    oneThreadMBps: median(measured.map((round) => round.oneThreadMBps)),
    allThreadsMBps: median(measured.map((round) => round.allThreadsMBps)),
    nativeMBps: median(measured.map((round) => round.nativeMBps)),
    nativeOverOneThread: median(measured.map((round) => round.nativeMBps / round.oneThreadMBps)),
    nativeOverAllThreads: median(measured.map((round) => round.nativeMBps / round.allThreadsMBps)),
    nativeOverBest: median(
      measured.map((round) => round.nativeMBps / Math.max(round.oneThreadMBps, round.allThreadsMBps)),
    ),
    rounds: measured.length,
  };
});
console.table(ceiling);
writeResults('blake3', 'ceiling', { ...sweep, ceiling });
