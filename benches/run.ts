// `npm run bench` runs every suite, each in a process of its own, then the report.
// `npm run bench:quick` (BENCH_QUICK=1) does the same at reduced time, as CI's smoke test.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/common.js';

const SUITES = ['throughput', 'streaming', 'overhead', 'ceiling', 'server'];
const only = process.argv.slice(2);
const started = Date.now();
for (const suite of only.length > 0 ? only : SUITES) {
  console.log(`\n=== ${suite}`);
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'benches', `${suite}.bench.ts`)], { stdio: 'inherit' });
}
execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'benches', 'report.ts')], { stdio: 'inherit' });
console.log(`\nbenchmarks done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
