// `npm run stress [-- --minutes 2]`: the hardening scenarios at a larger budget than `npm test`
// gives them, then the figures into benches/results/stress.json and the README's reliability
// section (between `<!-- stress:start -->` and `<!-- stress:end -->`).
import { closeSync, openSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
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
  const results = {
    date: new Date().toISOString(),
    machine,
    minutes,
    fuzzed: { ...fuzzed, mismatches: fuzzed.mismatches.length },
    threads,
    calls,
    memory,
    sparseFileAgrees: fromNative === fromJs,
  };
  writeFileSync(join(ROOT, 'benches', 'results', 'stress.json'), `${JSON.stringify(results, null, 2)}\n`);

  const mib = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
  const lines = [
    `From the last \`npm run stress -- --minutes ${minutes}\`, on ${machine}, ${results.date.slice(0, 10)}:`,
    '',
    `- **Differential fuzzing**: ${fuzzed.cases.toLocaleString('en-US')} random cases (${(fuzzed.bytes / 2 ** 20).toFixed(0)} MiB of input; random modes, output lengths and chunkings), native = JS = \`@noble/hashes\` in every one: ${fuzzed.mismatches.length} mismatches.`,
    `- **Worker threads**: ${threads.cycles} workers loaded the addon, hashed and were terminated (half with hashAsync and hashFile still running): ${threads.wrong} wrong digests, no crash.`,
    ...Object.entries(calls).map(
      ([name, outcome]) =>
        `- **Concurrent calls, ${name}**: ${outcome.calls.toLocaleString('en-US')} hashAsync/hashFile calls with random aborts: ${outcome.right.toLocaleString('en-US')} right digests, ${outcome.aborted.toLocaleString('en-US')} AbortErrors, ${outcome.other.length} anything else.`,
    ),
    `- **A sparse file of 4 GiB + 1 byte**: native and JS \`hashFile\` agree (no 32-bit size or counter anywhere).`,
    `- **Memory** (growth in MiB: after the work and a GC, bounds in \`npm test\`: RSS < ${RSS_BOUND_MIB}, external < ${EXTERNAL_BOUND_MIB}; and at the end of a synchronous loop, where finalizers cannot run yet):`,
    '',
    '| phase | native RSS | native external | JS RSS | JS external |',
    '|---|---:|---:|---:|---:|',
    ...(['phases', 'loops'] as const).flatMap((kind) =>
      Object.keys(memory.native?.[kind] ?? {}).map((phase) => {
        const n = memory.native?.[kind][phase];
        const j = memory.js?.[kind][phase];
        const label = kind === 'loops' ? `${phase} (at its end, before any GC could free them)` : phase;
        return `| ${label} | ${mib(n?.rss ?? Number.NaN)} | ${mib(n?.external ?? Number.NaN)} | ${mib(j?.rss ?? Number.NaN)} | ${mib(j?.external ?? Number.NaN)} |`;
      }),
    ),
  ];
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const [start, end] = ['<!-- stress:start -->', '<!-- stress:end -->'];
  if (!readme.includes(start)) throw new Error(`README.md lacks the ${start} marker`);
  writeFileSync(
    readmePath,
    `${readme.slice(0, readme.indexOf(start) + start.length)}\n${lines.join('\n')}\n${readme.slice(readme.indexOf(end))}`,
  );
  log(failed ? 'stress found problems (see above)' : 'stress: all scenarios passed; README updated');
} finally {
  temp.remove();
}
process.exit(failed ? 1 : 0);
