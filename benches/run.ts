// `npm run bench` runs every suite, each in a process of its own, then each pair's report.
// `npm run bench:quick` (--quick) does the same at reduced time, as CI's smoke test.
// `npm run bench -- --readme` builds the binary the release way, then writes the committed results
// and the README's tables; without it the reports are printed and kept in benches/<pair>/results/latest/.
// `npm run bench -- <pair> | <pair>/<suite> | <suite> ...` runs only those: a pair's suites, one
// suite, or every pair's suite of that name.
//
// A pair's suites are benches/<pair>/*.bench.ts (the size sweep `npm run new` writes, and any you
// add); benches/<pair>/report.ts, where there is one, turns a full run's results into the README's
// tables. They live in the pair's folder so that they leave with it (`npm run remove`).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/common.js';

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

// The suites read BENCH_QUICK; setting it here rather than in package.json works in every shell.
if (process.argv.includes('--quick')) process.env.BENCH_QUICK = '1';
if (process.argv.includes('--readme')) process.env.BENCH_README = '1';
const asked = process.argv.slice(2).filter((arg) => arg !== '--quick' && arg !== '--readme');
const matching = (arg: string) =>
  SUITES.filter((suite) => suite === arg || pairOf(suite) === arg || suite.split('/')[1] === arg);
const unknown = asked.filter((arg) => matching(arg).length === 0);
if (unknown.length > 0) {
  console.error(`no such pair or suite: ${unknown.join(', ')} (have: ${SUITES.join(', ')})`);
  process.exit(2);
}
const suites = asked.length > 0 ? SUITES.filter((suite) => asked.some((arg) => matching(arg).includes(suite))) : SUITES;
const started = Date.now();
// The README's numbers must be the ones users get: measure the binary the release builds (for
// linux-x64-gnu, C compiled by clang against glibc 2.17), not whatever `npm run build` left.
if (process.env.BENCH_README) {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-release.mjs')], { stdio: 'inherit' });
}
for (const suite of suites) {
  console.log(`\n=== ${suite}`);
  execFileSync(process.execPath, ['--import', 'tsx', join(BENCHES, `${suite}.bench.ts`)], { stdio: 'inherit' });
}
// A report needs every suite of its pair from this run: a partial run would mix in older results.
for (const pair of new Set(suites.map(pairOf))) {
  const report = join(BENCHES, pair, 'report.ts');
  const complete = SUITES.filter((suite) => pairOf(suite) === pair).every((suite) => suites.includes(suite));
  if (existsSync(report) && complete) {
    console.log(`\n=== ${pair} report`);
    execFileSync(process.execPath, ['--import', 'tsx', report], { stdio: 'inherit' });
  }
}
console.log(`\nbenchmarks done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
