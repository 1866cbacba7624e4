// The regression gate. Each pair's benchmark writes the ratios it stands for (native / JS,
// native / the fastest peer, async / sync, native / the pure-Rust ceiling; at each size) into
// ratios.json beside its results; `npm run bench:quick` compares them with the ones committed in
// benches/<pair>/baseline.json and fails when one has fallen by more than the tolerance.
//
// Ratios, not times: a slower or busier machine slows both sides of a ratio alike, while a
// regression (a debug build shipped, a copy added to the hot path, async work that no longer runs
// inline) moves one side only. Not alike enough on a shared VM, though: there the JS side of a ratio
// can halve for seconds while native holds (a hash in TypeScript at 64 KiB flipped between ~380 and
// ~205 MB/s in consecutive 60 ms windows of one process, native steady at ~4,900), and a quick run
// takes only a few samples. Hence a baseline from the lowest of several runs (what a healthy build
// reads at a bad moment), a tolerance that only a real regression crosses, and a verdict from the
// median of three runs whenever one run falls short.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, machine, ROOT, resultsDir } from './common.js';

/** Ratio name (`native / js at 64 B`) → value. Higher is better for every one of them. */
export type Ratios = Record<string, number>;

/**
 * A ratio fails when it is below its baseline × (1 − its tolerance). Native over JavaScript or over
 * another package (timed in other moments of the run): below a third, since quick runs of one
 * build read such ratios 2.3× apart here (native / JS at 1 KiB: 1.53 to 3.46 on one day), the
 * JavaScript side moving with the machine. So a 2× slowdown of native calls passes these ratios:
 * on this kind of machine, smaller regressions than 3× are for the full run's tables to show, and
 * for tests of what must happen (which path a call takes), not for timings.
 */
export const TOLERANCE = 2 / 3;
/**
 * Native over pure Rust, both timed moments apart in one suite (the machine's speed cancels out):
 * below half. At small sizes this is the ratio a slower boundary crossing moves most.
 */
export const PAIRED_TOLERANCE = 0.5;
/**
 * Async over sync is also a matter of when a job thread gets a core, which a loaded machine
 * delays (a CI run beside another build moved "native async / native" at 2048 characters from
 * 1.44 to 0.64): those ratios fail below a quarter of their baseline. The regressions they are
 * there for (work that stopped running inline, a copy or a thread hop added) divide them by ten
 * or more.
 */
export const ASYNC_TOLERANCE = 0.75;
const toleranceOf = (name: string) =>
  name.startsWith('native async /') ? ASYNC_TOLERANCE : name.includes('/ pure-Rust') ? PAIRED_TOLERANCE : TOLERANCE;

/**
 * On another CPU model than the baseline's, ratios differ without any regression: native / JS at
 * 1 KiB was 2.8 on the Intel Xeon of a committed baseline and 1.06 on an AMD EPYC (Zen 4). There the
 * floors of native over JavaScript and over pure Rust are squared (a ninth, a quarter), still above
 * what a debug build does (10× and more, on top of the CPU's own difference). Async / sync keeps its
 * quarter: squared, a lost inline path (a tenth) would pass. `--baseline` on that machine makes the
 * floors tight again.
 */
const floorFactor = (name: string, sameCpu: boolean) =>
  (1 - toleranceOf(name)) ** (sameCpu || name.startsWith('native async /') ? 1 : 2);

export interface Baseline {
  /** How the values were made, and on what. */
  made: string;
  /** The CPU model they were measured on (`os.cpus()[0].model`). */
  cpu?: string;
  ratios: Ratios;
}

const baselinePath = (pair: string) => join(ROOT, 'benches', pair, 'baseline.json');
const ratiosPath = (pair: string) => join(resultsDir(pair), 'ratios.json');

/**
 * Records ratios of `pair` from this run, for the gate (and for `--baseline`), beside any that
 * another of its suites recorded in the same run (run.ts clears them before the pair's suites).
 */
export function writeRatios(pair: string, ratios: Ratios): void {
  writeFileSync(ratiosPath(pair), `${JSON.stringify({ ...readRatios(pair), ...ratios }, null, 2)}\n`);
}

/** Forgets the ratios of an earlier run, so that a run is only ever compared by its own. */
export function clearRatios(pair: string): void {
  rmSync(ratiosPath(pair), { force: true });
}

/** This run's ratios of `pair`, or undefined when its suites wrote none. */
export function readRatios(pair: string): Ratios | undefined {
  return existsSync(ratiosPath(pair)) ? JSON.parse(readFileSync(ratiosPath(pair), 'utf8')) : undefined;
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Writes the baseline: for each ratio, the lowest of its finite values over `runs`. The lowest,
 * not the median: a ratio's median over three runs depends on which mode the machine was in (see
 * above), and a baseline made in the slow-JS mode put a healthy build's fast-JS runs at the floor.
 */
export function writeBaseline(pair: string, runs: Ratios[]): void {
  const names = [...new Set(runs.flatMap((run) => Object.keys(run)))];
  const lowest = (name: string) => {
    const values = runs.map((run) => run[name]).filter(finite);
    if (values.length === 0) throw new Error(`${pair}: ${name} was not measured in any baseline run`);
    return Math.min(...values);
  };
  const here = machine();
  const baseline: Baseline = {
    made: `npm run bench:quick -- --baseline: the lowest of ${runs.length} quick runs on ${describeMachine(here)}`,
    cpu: here.cpu,
    ratios: Object.fromEntries(names.map((name) => [name, Number(lowest(name).toPrecision(3))])),
  };
  writeFileSync(baselinePath(pair), `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`wrote ${baselinePath(pair)}`);
}

/** Each ratio's median over `runs` (NaN where no run measured it). */
function medians(runs: Ratios[]): Ratios {
  const names = [...new Set(runs.flatMap((run) => Object.keys(run)))];
  return Object.fromEntries(
    names.map((name) => {
      const sorted = runs
        .map((run) => run[name])
        .filter(finite)
        .sort((a, b) => a - b);
      // Of an even count, the lower middle: a verdict never rounds up.
      return [name, sorted.length === 0 ? Number.NaN : (sorted[Math.floor((sorted.length - 1) / 2)] as number)];
    }),
  );
}

/**
 * Compares the ratios of `pair` measured by `runs` (each ratio's median over them) with its
 * baseline; prints the table when `print`, and returns the names that fell too far. A pair without
 * a baseline has nothing to compare (and says so), and so has a run of only some of its suites
 * (said too); in a full run, a ratio the baseline has but the runs lack (or could not compute) is a
 * failure, so that a gate cannot pass by measuring less.
 */
export function gate(pair: string, complete: boolean, runs: Ratios[], print = true): string[] {
  if (!existsSync(baselinePath(pair))) {
    if (print) {
      console.log(
        `\n${pair}: no benches/${pair}/baseline.json, no regression gate (npm run bench:quick -- ${pair} --baseline)`,
      );
    }
    return [];
  }
  if (!complete) {
    if (print) console.log(`\n${pair}: not gated: only some of its suites ran (its gate needs them all)`);
    return [];
  }
  const measured = medians(runs);
  const { ratios: baseline, cpu }: Baseline = JSON.parse(readFileSync(baselinePath(pair), 'utf8'));
  const sameCpu = cpu === machine().cpu;
  const failed: string[] = [];
  const shown = (value: unknown) => (finite(value) ? Number(value.toPrecision(3)) : 'missing');
  const rows = Object.entries(baseline).map(([name, expected]) => {
    const value = measured[name];
    const usable = finite(expected) && expected > 0;
    const floor = usable ? expected * floorFactor(name, sameCpu) : Number.NaN;
    const ok = usable && finite(value) && value >= floor;
    if (!ok) failed.push(usable ? name : `${name} (its baseline is not a positive number)`);
    return {
      ratio: name,
      baseline: shown(expected),
      'fails below': shown(floor),
      [runs.length === 1 ? 'this run' : `median of ${runs.length} runs`]: shown(value),
      '': ok ? 'ok' : 'REGRESSED',
    };
  });
  if (!print) return failed;
  console.log(
    sameCpu
      ? `\n${pair}: the regression gate (a ratio fails below a third of its baseline; native / pure Rust below half, async / sync below a quarter)`
      : `\n${pair}: the regression gate, on another CPU than the baseline's (${cpu ?? 'unknown'}): a ratio fails below a ninth of its baseline; native / pure Rust below a quarter, async / sync below a quarter`,
  );
  console.table(rows);
  return failed;
}
