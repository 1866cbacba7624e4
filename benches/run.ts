// `npm run bench` runs every suite, each in a process of its own, then the report.
// `npm run bench:quick` (--quick) does the same at reduced time, as CI's smoke test.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/common.js';

const SUITES = ['throughput', 'streaming', 'overhead', 'ceiling', 'server'];
// The suites read BENCH_QUICK; setting it here rather than in package.json works in every shell.
if (process.argv.includes('--quick')) process.env.BENCH_QUICK = '1';
const only = process.argv.slice(2).filter((arg) => arg !== '--quick');
const started = Date.now();
for (const suite of only.length > 0 ? only : SUITES) {
  console.log(`\n=== ${suite}`);
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'benches', `${suite}.bench.ts`)], { stdio: 'inherit' });
}
execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'benches', 'report.ts')], { stdio: 'inherit' });
console.log(`\nbenchmarks done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
