// The hardening scenarios, each a function that runs a given amount of work and returns what it
// saw. The tests run them bounded (`npm test`); `npm run stress` runs them longer and records the
// figures for the README. One place for the logic, two budgets.
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { blake3 as noble } from '@noble/hashes/blake3.js';
import type { Blake3 } from '@oxidize/blake3';
import { hex, js, native, random } from './helpers.js';

// ---- differential fuzzing: native = JS = @noble/hashes ----------------------------------------

export interface FuzzReport {
  cases: number;
  bytes: number;
  mismatches: string[];
}

/** Random inputs (sized around block and chunk edges), modes, lengths and chunkings. */
export function fuzz(cases: number, seed: number, deadline = Number.POSITIVE_INFINITY): FuzzReport {
  const next = random(seed);
  const int = (below: number) => Math.floor(next() * below);
  const report: FuzzReport = { cases: 0, bytes: 0, mismatches: [] };
  const utf8 = new TextEncoder();
  for (let i = 0; i < cases && Date.now() < deadline; i++) {
    const size = [int(130), int(2100), 1024 * int(9) + int(3) - 1, int(70_000)][int(4)] as number;
    const input = new Uint8Array(Math.max(0, size));
    for (let j = 0; j < input.length; j++) input[j] = int(256);
    const kind = int(3);
    const key = kind === 1 ? Uint8Array.from({ length: 32 }, () => int(256)) : undefined;
    const context = kind === 2 ? `fuzz ${int(1e9)} \u00e9\ud83e` : undefined;
    const length = [32, 1 + int(200), 64 * int(5) + 1][int(3)] as number;
    const options = { key, context, length };
    const expected = hex(
      noble(input, { key, context: context === undefined ? undefined : utf8.encode(context), dkLen: length }),
    );
    const check = (label: string, digest: Uint8Array) => {
      if (hex(digest) !== expected) report.mismatches.push(`case ${i} (seed ${seed}): ${label}, ${size} bytes`);
    };
    check('native hash', native.hash(input, options));
    check('js hash', js.hash(input, options));
    for (const [label, b] of [
      ['native', native],
      ['js', js],
    ] as const) {
      const hasher = b.createHasher({ key, context });
      for (let at = 0; at < input.length; ) {
        const step = 1 + int(input.length - at);
        hasher.update(input.subarray(at, at + step));
        at += step;
      }
      check(`${label} createHasher`, hasher.digest(length));
    }
    report.cases++;
    report.bytes += input.length;
  }
  return report;
}

// ---- worker threads: load, hash, terminate -----------------------------------------------------

const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  import('@oxidize/blake3/native').then(({ default: b }) => {
    const input = new Uint8Array(workerData.length).map((_, i) => (i + workerData.id) % 256);
    // Work left in flight on purpose: the worker may be terminated before it settles.
    b.hashAsync(new Uint8Array(8 * 1024 * 1024)).catch(() => {});
    b.hashFile(workerData.file).catch(() => {});
    parentPort.postMessage(Buffer.from(b.hash(input)).toString('hex'));
  });
`;

function workerCycle(id: number, file: string, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { id, length, file } });
    worker.once('error', reject);
    worker.once('message', (digest: string) => {
      // Half terminate at once, with the async work still running; half let it finish first.
      const end = () => worker.terminate().then(() => resolve(digest), reject);
      if (id % 2 === 0) setTimeout(end, 50);
      else void end();
    });
  });
}

/** `rounds` rounds of `workers` workers at once; returns the cycles completed and wrong digests. */
export async function workerCycles(rounds: number, workers: number, file: string) {
  const length = 100_000;
  let cycles = 0;
  let wrong = 0;
  for (let round = 0; round < rounds; round++) {
    const ids = Array.from({ length: workers }, (_, i) => round * workers + i);
    const digests = await Promise.all(ids.map((id) => workerCycle(id, file, length)));
    digests.forEach((digest, i) => {
      const id = ids[i] as number;
      if (digest !== hex(native.hash(new Uint8Array(length).map((_, j) => (j + id) % 256)))) wrong++;
    });
    cycles += digests.length;
  }
  return { cycles, wrong };
}

// ---- many concurrent calls with random aborts -------------------------------------------------

/** `calls` concurrent hashAsync/hashFile calls (a tenth hashFile), about a third aborted. */
export async function concurrentCalls(b: Blake3, calls: number, seed: number, inputs: Uint8Array[], files: string[]) {
  const next = random(seed);
  const expected = inputs.map((input) => hex(b.hash(input)));
  const pending = Array.from({ length: calls }, (_, i) => {
    const which = Math.floor(next() * inputs.length);
    const controller = new AbortController();
    const when = next();
    if (when < 0.1) controller.abort();
    const call =
      i % 10 === 0
        ? b.hashFile(files[which] as string, { signal: controller.signal })
        : b.hashAsync(inputs[which] as Uint8Array, { signal: controller.signal });
    if (when >= 0.1 && when < 0.2) controller.abort();
    else if (when >= 0.2 && when < 0.33) setTimeout(() => controller.abort(), next() * 20);
    return call.then(
      (digest) => (hex(digest) === expected[which] ? 'right' : 'wrong'),
      (error: Error) => (error.name === 'AbortError' ? 'aborted' : `failed: ${error.message}`),
    );
  });
  const outcomes = await Promise.all(pending);
  const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
  return {
    calls: outcomes.length,
    right: count('right'),
    aborted: count('aborted'),
    other: outcomes.filter((o) => o !== 'right' && o !== 'aborted'),
  };
}

// ---- memory under repetition -------------------------------------------------------------------

export type Growth = Record<string, { rss: number; external: number }>;
/** Growth after each phase, once the GC has run; growth at the end of synchronous loops, before it could. */
export interface MemoryPhases {
  phases: Growth;
  loops: Growth;
}

/** Growth bounds (MiB) for each phase, with room for allocator noise. */
export const RSS_BOUND_MIB = 24;
export const EXTERNAL_BOUND_MIB = 4;

const MEMORY_SCRIPT = (implementation: string, file: string, scale: number) => `
  const b = (await import('@oxidize/blake3/${implementation}')).default;
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      globalThis.gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const usage = process.memoryUsage();
    return { rss: usage.rss / 2 ** 20, external: (usage.external + usage.arrayBuffers) / 2 ** 20 };
  };
  const input = new Uint8Array(64).fill(1);
  const phases = {};
  // Each phase runs a tenth of its work first, uncounted, so that lazy allocations (JIT code,
  // pools, the thread pool) are in place before the baseline is taken.
  const measure = async (name, count, work) => {
    await work(count / 10);
    const before = await settle();
    await work(count);
    const after = await settle();
    phases[name] = { rss: after.rss - before.rss, external: after.external - before.external };
  };
  await measure('${(1_000_000 * scale).toLocaleString('en-US')} hash calls', ${1_000_000 * scale}, async (count) => {
    for (let i = 0; i < count; i++) b.hash(input);
  });
  await measure('${(100_000 * scale).toLocaleString('en-US')} Hashers left to the GC', ${100_000 * scale}, async (count) => {
    for (let made = 0; made < count; made += 10_000) {
      for (let i = 0; i < 10_000; i++) b.createHasher().update(input).digest();
      await settle();
    }
  });
  await measure('${(10_000 * scale).toLocaleString('en-US')} hashFile calls', ${10_000 * scale}, async (count) => {
    for (let i = 0; i < count; i++) await b.hashFile(${JSON.stringify(file)});
  });
  // Finalizers of native objects run from the event loop, so a loop that never yields holds every
  // hasher it abandoned until it ends; dispose() (or \`using\`) frees each one at once.
  const loops = {};
  const loop = async (name, dispose) => {
    const before = await settle();
    for (let i = 0; i < ${100_000 * scale}; i++) {
      const hasher = b.createHasher().update(input);
      hasher.digest();
      if (dispose) hasher.dispose();
    }
    const usage = process.memoryUsage();
    loops[name] = { rss: usage.rss / 2 ** 20 - before.rss, external: (usage.external + usage.arrayBuffers) / 2 ** 20 - before.external };
    await settle();
  };
  await loop('${(100_000 * scale).toLocaleString('en-US')} Hashers in one synchronous loop', false);
  await loop('the same, each disposed of (\`using\`)', true);
  console.log(JSON.stringify({ phases, loops }));
`;

/** RSS and external-memory growth (MiB) per phase, measured in a fresh process with --expose-gc. */
export function memoryPhases(implementation: 'js' | 'native', file: string, scale = 1): MemoryPhases {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--input-type=module', '-e', MEMORY_SCRIPT(implementation, file, scale)],
    { cwd: import.meta.dirname, encoding: 'utf8' },
  );
  return JSON.parse(out);
}
