// Streaming: an incremental hasher fed 64 KiB updates over 16 MiB (benny, in process), and whole
// files: our hashFile against a node:fs stream fed to our JS and to the best peers, each in a
// process of its own so that its peak RSS can be reported.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import b from 'benny';
import { hex, KiB, MiB, pattern, QUICK, quantile, writeResults } from '../lib/common.js';
import { CONTENDERS } from './contenders.js';

const TOTAL = 16 * MiB;
const CHUNK = 64 * KiB;
const FILE_SIZE = QUICK ? 16 * MiB : 256 * MiB;
const FILE_RUNS = QUICK ? 1 : 3;

const input = pattern(TOTAL);
const streaming = CONTENDERS.filter((contender) => contender.streaming !== undefined);
function feed(make: () => { update(chunk: Uint8Array): unknown; digest(): Uint8Array }): Uint8Array {
  const hasher = make();
  for (let at = 0; at < TOTAL; at += CHUNK) hasher.update(input.subarray(at, at + CHUNK));
  return hasher.digest();
}
const expected = hex(feed(streaming[0]!.streaming!));
for (const contender of streaming) {
  if (hex(feed(contender.streaming!)) !== expected) throw new Error(`${contender.name} disagrees`);
}
const summary = await b.suite(
  `createHasher: 64 KiB updates over 16 MiB`,
  b.configure({ cases: QUICK ? { minSamples: 2, maxTime: 0.05, delay: 0 } : { minSamples: 8, maxTime: 1 } }),
  ...streaming.map((contender) => b.add(contender.name, () => feed(contender.streaming!))),
  b.cycle(),
);
const streamRows = summary.results.map((result) => ({
  contender: result.name,
  medianSeconds: result.details.median,
  mbPerSecond: TOTAL / result.details.median / 1e6,
  samples: result.samples,
}));

// The file is written once in chunks (never held in memory) and read back by each method.
const dir = mkdtempSync(join(tmpdir(), 'oxidize-bench-'));
const path = join(dir, 'input.bin');
const fd = openSync(path, 'w');
const block = pattern(MiB);
for (let written = 0; written < FILE_SIZE; written += MiB) writeSync(fd, block);
closeSync(fd);

const METHODS = [
  'oxidize native hashFile',
  'oxidize js hashFile',
  'node:fs stream → oxidize js',
  'node:fs stream → @napi-rs/blake-hash',
  'node:fs stream → hash-wasm',
];
type FileRun = { method: string; seconds: number; maxRssMiB: number; digest: string };
const fileRows = [];
let fileDigest: string | undefined;
try {
  for (const method of METHODS) {
    const runs: FileRun[] = [];
    for (let run = 0; run < FILE_RUNS; run++) {
      const out = execFileSync(process.execPath, [join(import.meta.dirname, 'file-child.js'), method, path], {
        encoding: 'utf8',
      });
      runs.push(JSON.parse(out));
    }
    for (const run of runs) {
      fileDigest ??= run.digest;
      if (run.digest !== fileDigest) throw new Error(`${method} returned ${run.digest}, expected ${fileDigest}`);
    }
    const seconds = quantile(
      runs.map((run) => run.seconds).sort((x, y) => x - y),
      0.5,
    );
    const row = {
      method,
      fileBytes: FILE_SIZE,
      medianSeconds: seconds,
      mbPerSecond: FILE_SIZE / seconds / 1e6,
      maxRssMiB: Math.max(...runs.map((run) => run.maxRssMiB)),
      digest: runs[0]!.digest,
    };
    console.log(row);
    fileRows.push(row);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

writeResults('blake3', 'streaming', {
  stream: { totalBytes: TOTAL, chunkBytes: CHUNK, rows: streamRows },
  file: fileRows,
});
