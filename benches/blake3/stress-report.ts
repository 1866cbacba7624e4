// The second step of `npm run stress`: benches/blake3/results/stress.json (written by
// packages/blake3/test/stress.ts) into the README's reliability section, between
// `<!-- stress:start -->` and `<!-- stress:end -->`. Tests measure; this file writes the docs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReadmeSection } from '../lib/common.js';

/** benches/blake3/results/stress.json, as packages/blake3/test/stress.ts writes it. */
interface StressResults {
  date: string;
  machine: string;
  minutes: number;
  fuzzed: { cases: number; bytes: number; mismatches: number };
  threads: { cycles: number; wrong: number };
  calls: Record<string, { calls: number; right: number; aborted: number; other: string[] }>;
  memory: Record<'native' | 'js', Record<'phases' | 'loops', Record<string, { rss: number; external: number }>>>;
  sparseFileAgrees: boolean;
  bounds: { rssMiB: number; externalMiB: number };
}

const results = JSON.parse(readFileSync(join(import.meta.dirname, 'results', 'stress.json'), 'utf8')) as StressResults;
const { minutes, machine, fuzzed, threads, calls, memory, bounds } = results;
const mib = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
const lines = [
  `From the last \`npm run stress -- --minutes ${minutes}\`, on ${machine}, ${results.date.slice(0, 10)}:`,
  '',
  `- **Differential fuzzing**: ${fuzzed.cases.toLocaleString('en-US')} random cases (${(fuzzed.bytes / 2 ** 20).toFixed(0)} MiB of input; random modes, output lengths and chunkings), native = JS = \`@noble/hashes\` in every one: ${fuzzed.mismatches} mismatches.`,
  `- **Worker threads**: ${threads.cycles} workers loaded the addon, hashed and were terminated (half with hashAsync and hashFile still running): ${threads.wrong} wrong digests, no crash.`,
  ...Object.entries(calls).map(
    ([name, outcome]) =>
      `- **Concurrent calls, ${name}**: ${outcome.calls.toLocaleString('en-US')} hashAsync/hashFile calls with random aborts: ${outcome.right.toLocaleString('en-US')} right digests, ${outcome.aborted.toLocaleString('en-US')} AbortErrors, ${outcome.other.length} anything else.`,
  ),
  `- **A sparse file of 4 GiB + 1 byte**: native and JS \`hashFile\` ${results.sparseFileAgrees ? 'agree' : 'DISAGREE'} (no 32-bit size or counter anywhere).`,
  `- **Memory** (growth in MiB: after the work and a GC, bounds in \`npm test\`: RSS < ${bounds.rssMiB}, external < ${bounds.externalMiB}; and at the end of a synchronous loop, where finalizers cannot run yet):`,
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
writeReadmeSection('stress', lines.join('\n'));
