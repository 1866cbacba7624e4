// `npm run bench` runs every suite, each in a process of its own, then each pair's report.
// `npm run bench:quick` (--quick) does the same at reduced time, as CI's smoke test.
// `npm run bench -- --readme` builds the binary the release way, then writes the committed results
// and the README's tables; without it the reports are printed and kept in benches/<pair>/results/latest/.
// `npm run bench -- <pair> | <pair>/<suite> | <suite> ...` runs only those: a pair's suites, one
// suite, or every pair's suite of that name.
// `npm run bench:quick` ends with the regression gate (benches/lib/gate.ts): each pair's ratios
// against its committed benches/<pair>/baseline.json; `npm run bench:quick -- <pair> --baseline`
// remakes that file from the lowest of three quick runs.
//
// A pair's suites are benches/<pair>/*.bench.ts (the size sweep `npm run new` writes, and any you
// add); benches/<pair>/report.ts, where there is one, turns a full run's results into the README's
// tables. They live in the pair's folder so that they leave with it (`npm run remove`).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Ratios } from './lib/gate.js';

// The suites read BENCH_QUICK and BENCH_README, and so does where results go (lib/common.ts, read
// when it loads): set them before loading it. Here rather than in package.json: works in every shell.
if (process.argv.includes('--quick')) process.env.BENCH_QUICK = '1';
if (process.argv.includes('--readme')) process.env.BENCH_README = '1';
const { QUICK, ROOT } = await import('./lib/common.js');
const { clearRatios, gate, readRatios, writeBaseline } = await import('./lib/gate.js');

const BENCHES = join(ROOT, 'benches');
/** Every suite, as `<pair>/<suite>`, pairs and suites in name order. */
const SUITES = readdirSync(BENCHES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'lib')
  .flatMap((pair) =>
    readdirSync(join(BENCHES, pair.name))
      .filter((file) => file.endsWith('.bench.ts'))
      .map((file) => `${pair.name}/${file.slice(0, -'.bench.ts'.length)}`),
  )
  .sort();
const pairOf = (suite: string) => suite.split('/')[0] as string;

const baseline = process.argv.includes('--baseline');
const asked = process.argv.slice(2).filter((arg) => !['--quick', '--readme', '--baseline'].includes(arg));
const matching = (arg: string) =>
  SUITES.filter((suite) => suite === arg || pairOf(suite) === arg || suite.split('/')[1] === arg);
const unknown = asked.filter((arg) => matching(arg).length === 0);
if (unknown.length > 0) {
  console.error(`no such pair or suite: ${unknown.join(', ')} (have: ${SUITES.join(', ')})`);
  process.exit(2);
}
const suites = asked.length > 0 ? SUITES.filter((suite) => asked.some((arg) => matching(arg).includes(suite))) : SUITES;
const pairs = [...new Set(suites.map(pairOf))];
if (QUICK && process.argv.includes('--readme')) {
  console.error('--readme writes the README from a full run: npm run bench -- --readme, without --quick');
  process.exit(2);
}
if (baseline && !QUICK) {
  console.error(
    '--baseline makes the baseline of the quick runs the gate compares: npm run bench:quick -- <pair> --baseline',
  );
  process.exit(2);
}
/** Whether this run has every suite of `pair`: its report and its gate need them all. */
const complete = (pair: string) =>
  SUITES.filter((suite) => pairOf(suite) === pair).every((suite) => suites.includes(suite));
const incomplete = pairs.filter((pair) => !complete(pair));
if (baseline && incomplete.length > 0) {
  console.error(`--baseline needs every suite of a pair; not all of ${incomplete.join(', ')} would run`);
  process.exit(2);
}
const started = Date.now();
// The README's numbers must be the ones users get: measure the binary the release builds (for
// linux-x64-gnu, C compiled by clang against glibc 2.17), not whatever `npm run build` left.
if (process.env.BENCH_README) {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-release.mjs')], { stdio: 'inherit' });
}
/** Runs the suites, then each pair's report when the run has all of that pair's suites. */
function runOnce(): void {
  for (const pair of pairs) clearRatios(pair);
  for (const suite of suites) {
    console.log(`\n=== ${suite}`);
    execFileSync(process.execPath, ['--import', 'tsx', join(BENCHES, `${suite}.bench.ts`)], { stdio: 'inherit' });
  }
  // A report needs every suite of its pair from this run: a partial run would mix in older results.
  for (const pair of pairs) {
    const report = join(BENCHES, pair, 'report.ts');
    if (existsSync(report) && complete(pair)) {
      console.log(`\n=== ${pair} report`);
      execFileSync(process.execPath, ['--import', 'tsx', report], { stdio: 'inherit' });
    }
  }
}

if (baseline) {
  // One quick run's ratios can be off by half (lib/gate.ts): the lowest of three is what later
  // runs are held to.
  const runs = new Map<string, Ratios[]>(pairs.map((pair) => [pair, []]));
  for (let round = 1; round <= 3; round++) {
    console.log(`\n##### baseline run ${round} of 3`);
    runOnce();
    for (const pair of pairs) {
      const ratios = readRatios(pair);
      if (ratios) runs.get(pair)?.push(ratios);
    }
  }
  for (const [pair, ratios] of runs) {
    if (ratios.length === 0) {
      console.error(`${pair}: its suites record no ratios (writeRatios, benches/lib/gate.ts): no baseline written`);
      process.exit(1);
    }
    writeBaseline(pair, ratios);
  }
} else {
  runOnce();
  if (QUICK) {
    const runs = new Map<string, Ratios[]>(pairs.map((pair) => [pair, [readRatios(pair) ?? {}]]));
    const regressed = () =>
      pairs.flatMap((pair) =>
        gate(pair, complete(pair), runs.get(pair) ?? [], false).map((name) => `${pair}: ${name}`),
      );
    const short = regressed();
    if (short.length > 0) {
      // One quick run is a few samples on a machine whose speed moves (lib/gate.ts): before failing,
      // judge each ratio by the median of three runs, as a real regression still fails every one.
      console.log(
        `\n${short.length} ratio(s) below their floor in this run (${short.join('; ')}): two more runs, then each ratio is judged by the median of three`,
      );
      for (let round = 2; round <= 3; round++) {
        console.log(`\n##### gate run ${round} of 3`);
        runOnce();
        for (const pair of pairs) runs.get(pair)?.push(readRatios(pair) ?? {});
      }
    }
    const failed = pairs.flatMap((pair) =>
      gate(pair, complete(pair), runs.get(pair) ?? []).map((name) => `${pair}: ${name}`),
    );
    if (failed.length > 0) {
      console.error(
        `\nregression gate: ${failed.length} ratio(s) fell below their floor (see the table above):\n  ${failed.join('\n  ')}`,
      );
      console.error(
        'A real regression, or a machine unlike the baseline\'s: see benches/<pair>/baseline.json ("made").',
      );
      process.exit(1);
    }
  }
}
console.log(`\nbenchmarks done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
