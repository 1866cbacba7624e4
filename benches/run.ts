// `npm run bench` runs every suite, each in a process of its own, then the report.
// `npm run bench:quick` (--quick) does the same at reduced time, as CI's smoke test.
// `npm run bench -- --readme` builds the binary the release way, then writes the committed results
// and the README's tables; without it the report is printed and kept in benches/results/latest/.
// `npm run bench -- <suite> ...` runs only the suites named, e.g. the one `npm run new` made for a pair.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/common.js';

// The BLAKE3 suites, which the report turns into the README's tables and chart.
const BLAKE3_SUITES = ['throughput', 'streaming', 'overhead', 'ceiling', 'server'];
// Every other `<suite>.bench.ts` here, such as the size sweep of each pair `npm run new` adds.
const PAIR_SUITES = readdirSync(join(ROOT, 'benches'))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .filter((suite) => !BLAKE3_SUITES.includes(suite))
  .sort();

// The suites read BENCH_QUICK; setting it here rather than in package.json works in every shell.
if (process.argv.includes('--quick')) process.env.BENCH_QUICK = '1';
if (process.argv.includes('--readme')) process.env.BENCH_README = '1';
const only = process.argv.slice(2).filter((arg) => arg !== '--quick' && arg !== '--readme');
const unknown = only.filter((suite) => !BLAKE3_SUITES.includes(suite) && !PAIR_SUITES.includes(suite));
if (unknown.length > 0) {
  console.error(`no such suite: ${unknown.join(', ')} (have: ${[...BLAKE3_SUITES, ...PAIR_SUITES].join(', ')})`);
  process.exit(2);
}
const suites = only.length > 0 ? only : [...BLAKE3_SUITES, ...PAIR_SUITES];
const started = Date.now();
// The README's numbers must be the ones users get: measure the binary the release builds (for
// linux-x64-gnu, C compiled by clang against glibc 2.17), not whatever `npm run build` left.
if (process.env.BENCH_README) {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-release.mjs')], { stdio: 'inherit' });
}
for (const suite of suites) {
  console.log(`\n=== ${suite}`);
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'benches', `${suite}.bench.ts`)], { stdio: 'inherit' });
}
// The report needs every BLAKE3 suite's results of this run.
if (BLAKE3_SUITES.every((suite) => suites.includes(suite))) {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'benches', 'report.ts')], { stdio: 'inherit' });
}
console.log(`\nbenchmarks done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
