// `npm run stress [-- --minutes 2]`: the hardening scenarios at a larger budget than `npm test`
// gives them, then the figures into benches/blake3/results/stress.json (benches/blake3/stress-report.ts, the next
// step of `npm run stress`, turns them into the README's reliability section).
import { closeSync, openSync, truncateSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hex, js, native, pattern, tempDir } from './helpers.js';
import {
  concurrentCalls,
  EXTERNAL_BOUND_MIB,
  fuzz,
  type MemoryPhases,
  memoryPhases,
  RSS_BOUND_MIB,
  workerCycles,
} from './scenarios.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '2' } } });
const minutes = Number(values.minutes);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const temp = tempDir();
const started = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`);
let failed = false;
const fail = (message: string) => {
  failed = true;
  console.error(`FAILED: ${message}`);
};

try {
  log(`differential fuzzing for ${minutes} min`);
  const fuzzed = fuzz(Number.MAX_SAFE_INTEGER, Date.now() % 2 ** 31, Date.now() + minutes * 60_000);
  if (fuzzed.mismatches.length > 0) fail(`fuzz mismatches: ${fuzzed.mismatches.slice(0, 5).join('; ')}`);

  log('worker threads: 125 rounds of 8');
  const file = temp.file('input.bin', pattern(4 * 1024 * 1024));
  const threads = await workerCycles(125, 8, file);
  if (threads.wrong > 0) fail(`${threads.wrong} wrong digests in workers`);

  const inputs = [0, 1, 1000, 70_000, 400_000].map((length) => pattern(length));
  const files = inputs.map((input, i) => temp.file(`input-${i}.bin`, input));
  const calls: Record<string, Awaited<ReturnType<typeof concurrentCalls>>> = {};
  for (const [name, b] of [
    ['native', native],
    ['js', js],
  ] as const) {
    log(`${name}: 100,000 concurrent calls with random aborts`);
    calls[name] = await concurrentCalls(b, 100_000, Date.now() % 2 ** 31, inputs, files);
    if (calls[name].other.length > 0) fail(`${name}: ${calls[name].other.slice(0, 3).join('; ')}`);
  }

  const memory: Record<string, MemoryPhases> = {};
  for (const name of ['native', 'js'] as const) {
    log(`${name}: memory under repetition (3× the npm test counts)`);
    memory[name] = memoryPhases(name, temp.file(`${name}-memory.bin`, pattern(4096)), 3);
    for (const [phase, growth] of Object.entries(memory[name].phases)) {
      if (growth.rss >= RSS_BOUND_MIB || growth.external >= EXTERNAL_BOUND_MIB)
        fail(`${name} ${phase}: ${JSON.stringify(growth)}`);
    }
  }

  log('a sparse 4 GiB + 1 byte file, both implementations');
  const sparse = join(temp.dir, 'sparse.bin');
  closeSync(openSync(sparse, 'w'));
  truncateSync(sparse, 4 * 1024 ** 3 + 1);
  const [fromNative, fromJs] = [hex(await native.hashFile(sparse)), hex(await js.hashFile(sparse))];
  if (fromNative !== fromJs) fail(`4 GiB file: native ${fromNative} vs js ${fromJs}`);

  const machine = `${cpus()[0]?.model.trim()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  // The shape benches/blake3/stress-report.ts reads (its StressResults).
  const results = {
    date: new Date().toISOString(),
    machine,
    minutes,
    fuzzed: { ...fuzzed, mismatches: fuzzed.mismatches.length },
    threads,
    calls,
    memory,
    sparseFileAgrees: fromNative === fromJs,
    bounds: { rssMiB: RSS_BOUND_MIB, externalMiB: EXTERNAL_BOUND_MIB },
  };
  writeFileSync(join(ROOT, 'benches', 'blake3', 'results', 'stress.json'), `${JSON.stringify(results, null, 2)}\n`);

  log(
    failed
      ? 'stress found problems (see above)'
      : 'stress: all scenarios passed; wrote benches/blake3/results/stress.json',
  );
} finally {
  temp.remove();
}
process.exit(failed ? 1 : 0);
