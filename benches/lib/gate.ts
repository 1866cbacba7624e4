// The regression gate. Each pair's benchmark writes the ratios it stands for (native / JS,
// native / the fastest peer, async / sync, native / the pure-Rust ceiling; at each size) into
// ratios.json beside its results; `npm run bench:quick` compares them with the ones committed in
// benches/<pair>/baseline.json and fails when one has fallen by more than the tolerance.
//
// Ratios, not times: a slower or busier machine slows both sides of a ratio alike, while a
// regression (a debug build shipped, a copy added to the hot path, async work that no longer runs
// inline) moves one side only. Quick runs are short and this kind of machine is noisy (small-input
// ratios move ±20–40% between runs), hence a baseline made from several runs and a tolerance that
// only a real regression crosses.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, machine, ROOT, resultsDir } from './common.js';

/** Ratio name (`native / js at 64 B`) → value. Higher is better for every one of them. */
export type Ratios = Record<string, number>;

/** A ratio fails when it is below its baseline × (1 − TOLERANCE): here, when it has halved. */
export const TOLERANCE = 0.5;

export interface Baseline {
  /** How the values were made, and on what. */
  made: string;
  ratios: Ratios;
}

const baselinePath = (pair: string) => join(ROOT, 'benches', pair, 'baseline.json');
const ratiosPath = (pair: string) => join(resultsDir(pair), 'ratios.json');

/** Records this run's ratios of `pair`, for the gate (and for `--baseline`). */
export function writeRatios(pair: string, ratios: Ratios): void {
  writeFileSync(ratiosPath(pair), `${JSON.stringify(ratios, null, 2)}\n`);
}

/** This run's ratios of `pair`, or undefined when its suites wrote none. */
export function readRatios(pair: string): Ratios | undefined {
  return existsSync(ratiosPath(pair)) ? JSON.parse(readFileSync(ratiosPath(pair), 'utf8')) : undefined;
}

/** Writes the baseline: for each ratio, the median over `runs`. */
export function writeBaseline(pair: string, runs: Ratios[]): void {
  const names = Object.keys(runs[0] ?? {});
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  const baseline: Baseline = {
    made: `npm run bench:quick -- --baseline: medians of ${runs.length} quick runs on ${describeMachine(machine())}`,
    ratios: Object.fromEntries(
      names.map((name) => [name, Number(median(runs.map((run) => run[name] ?? 0)).toPrecision(3))]),
    ),
  };
  writeFileSync(baselinePath(pair), `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`wrote ${baselinePath(pair)}`);
}

/**
 * Compares this run's ratios of `pair` with its baseline; prints the table and returns the names
 * that fell too far. A pair without a baseline has nothing to compare (and says so); a ratio the
 * baseline has but the run lacks is a failure, so that a gate cannot pass by measuring less.
 */
export function gate(pair: string): string[] {
  const measured = readRatios(pair);
  if (measured === undefined) return [];
  if (!existsSync(baselinePath(pair))) {
    console.log(
      `\n${pair}: no benches/${pair}/baseline.json, no regression gate (npm run bench:quick -- ${pair} --baseline)`,
    );
    return [];
  }
  const { ratios: baseline }: Baseline = JSON.parse(readFileSync(baselinePath(pair), 'utf8'));
  const failed: string[] = [];
  const rows = Object.entries(baseline).map(([name, expected]) => {
    const value = measured[name];
    const floor = expected * (1 - TOLERANCE);
    const ok = value !== undefined && Number.isFinite(value) && value >= floor;
    if (!ok) failed.push(name);
    return {
      ratio: name,
      baseline: Number(expected.toPrecision(3)),
      'fails below': Number(floor.toPrecision(3)),
      'this run': value === undefined ? 'missing' : Number(value.toPrecision(3)),
      '': ok ? 'ok' : 'REGRESSED',
    };
  });
  console.log(`\n${pair}: the regression gate (a ratio fails when it falls below half its baseline)`);
  console.table(rows);
  return failed;
}
