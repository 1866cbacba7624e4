// What one call across the JS/Rust boundary costs, for inputs so small that the hash itself is
// nearly free. The same empty input goes through each way of crossing; the differences are the
// costs of the crossing, not of BLAKE3.
import { createRequire } from 'node:module';
import js from '@oxidize/blake3/js';
import native from '@oxidize/blake3/native';
import b from 'benny';
import { pattern, QUICK, quantile, SIZES, writeResults } from './lib/common.js';

const require = createRequire(import.meta.url);
// The raw binding (the loader napi build generated), below our TypeScript layer.
const binding =
  require('../packages/blake3/binding/index.cjs') as typeof import('../packages/blake3/binding/index.cjs');
const napiBlakeHash = require('@napi-rs/blake-hash') as typeof import('@napi-rs/blake-hash');

const empty = Buffer.alloc(0);
const tiny = Buffer.alloc(64, 1);
const output = new Uint8Array(new ArrayBuffer(32));
const hasher = new binding.Hasher();
// The layout `hash` uses for small inputs: input and digest lengths, the input, room for the digest.
const shared = new Uint8Array(8 + 64 + 32);
new Uint32Array(shared.buffer, 0, 2).set([64, 32]);

const CASES: [string, string, () => unknown][] = [
  ['a plain JS function call (baseline)', 'js', () => js.implementation.length],
  ['Hasher.update(empty): Buffer in, nothing out', 'raw binding', () => hasher.update(empty)],
  [
    'hash(empty, out): Buffer in, digest written into a preallocated buffer',
    'raw binding',
    () => binding.hash(empty, output),
  ],
  [
    'hashInScratch(64 B): the input already in memory shared with the addon',
    'raw binding',
    () => binding.hashInScratch(shared),
  ],
  ['blake3(empty) returning a new Buffer (@napi-rs/blake-hash)', 'peer', () => napiBlakeHash.blake3(empty)],
  ['oxidize native hash(empty): checks + raw call + copy out', 'ours', () => native.hash(empty)],
  ['oxidize native hash(64 B)', 'ours', () => native.hash(tiny)],
  ['oxidize js hash(64 B)', 'ours', () => js.hash(tiny)],
  [
    'oxidize native hashAsync(64 B): hashed on the calling thread (inputs ≤ 64 KiB)',
    'ours',
    () => native.hashAsync(tiny),
  ],
  ['hashAsync(64 B, 32): a copy and a job-thread round trip', 'raw binding', () => binding.hashAsync(tiny, 32)],
];

const summary = await b.suite(
  'per-call overhead',
  b.configure({ cases: QUICK ? { minSamples: 2, maxTime: 0.05, delay: 0 } : { minSamples: 10, maxTime: 1 } }),
  ...CASES.map(([name, , call]) => b.add(name, call)),
  b.cycle(),
);
const rows = CASES.map(([name, layer]) => {
  const result = summary.results.find((candidate) => candidate.name === name);
  return { call: name, layer, nanoseconds: (result?.details.median ?? Number.NaN) * 1e9 };
});
console.table(rows.map((row) => ({ call: row.call, ns: Math.round(row.nanoseconds) })));
writeResults('overhead', rows);

// How long one call holds the event loop: from the call until it returns (a promise, for the async
// calls). hashAsync copies its input before it returns, so that the caller may change or transfer
// the buffer at once; at large sizes that copy costs about as much as hashing it.
export interface HoldRow {
  size: string;
  bytes: number;
  /** Median microseconds until the call returns. */
  nativeHash: number;
  nativeHashAsync: number;
  jsHashAsync: number;
}
const HOLD_ROUNDS = QUICK ? 3 : 25;
async function holdMicros(call: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < HOLD_ROUNDS; round++) {
    const started = performance.now();
    const pending = call();
    times.push((performance.now() - started) * 1000);
    await pending;
  }
  return quantile(
    times.sort((x, y) => x - y),
    0.5,
  );
}
const hold: HoldRow[] = [];
for (const { label, bytes } of SIZES) {
  const input = pattern(bytes);
  hold.push({
    size: label,
    bytes,
    nativeHash: await holdMicros(() => native.hash(input)),
    nativeHashAsync: await holdMicros(() => native.hashAsync(input)),
    jsHashAsync: await holdMicros(() => js.hashAsync(input)),
  });
}
console.table(hold);
writeResults('hold', hold);
