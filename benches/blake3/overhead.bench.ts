// What one call across the JS/Rust boundary costs, for inputs so small that the hash itself is
// nearly free. The same empty input goes through each way of crossing; the differences are the
// costs of the crossing, not of BLAKE3.
import { createRequire } from 'node:module';
import js from '@oxidize/blake3/js';
import native from '@oxidize/blake3/native';
import b from 'benny';
import { pattern, QUICK, quantile, SIZES, writeResults } from '../lib/common.js';

const require = createRequire(import.meta.url);
// The raw binding (the loader napi build generated), below our TypeScript layer.
const binding =
  require('../../packages/blake3/binding/index.cjs') as typeof import('../../packages/blake3/binding/index.cjs');
const napiBlakeHash = require('@napi-rs/blake-hash') as typeof import('@napi-rs/blake-hash');

const empty = Buffer.alloc(0);
const tiny = Buffer.alloc(64, 1);
const output = new Uint8Array(new ArrayBuffer(32));
const hasher = new binding.Hasher();
// The thread's scratch block, which `hash` uses for small inputs (the same one: a block is made once
// per thread): input and digest lengths, the input, room for the digest at the end.
const scratch = new Uint8Array(binding.scratchBuffer() as ArrayBuffer);
const header = new Uint32Array(scratch.buffer, 0, 2);
const digest32 = scratch.subarray(scratch.length - 32);
function writeHeader() {
  header[0] = 64;
  header[1] = 32;
}
function writeInput() {
  writeHeader();
  scratch.set(tiny, 8);
}

/** One way of crossing, by a stable id (what the report looks rows up by) and a label for people. */
export interface OverheadRow {
  id: OverheadId;
  call: string;
  layer: 'js' | 'raw binding' | 'peer' | 'ours';
  nanoseconds: number;
}
type OverheadId = (typeof CASES)[number]['id'];

const CASES = [
  { id: 'baseline', call: 'a plain JS function call (baseline)', layer: 'js', run: () => js.implementation.length },
  {
    id: 'raw-update-empty',
    call: 'Hasher.update(empty): Buffer in, nothing out',
    layer: 'raw binding',
    run: () => hasher.update(empty),
  },
  {
    id: 'raw-hash-empty',
    call: 'hash(empty, out): Buffer in, digest written into a preallocated buffer',
    layer: 'raw binding',
    run: () => binding.hash(empty, output),
  },
  // How `hash(64 B)` crosses, below the API's checks: the two-array call (what it did for every
  // input before the scratch, and still does with a key, a context, or an input that with its
  // digest does not fit the 2 KiB scratch) and the scratch call. The report sets both against the pure-Rust work.
  {
    id: 'raw-two-arrays-64',
    call: 'hash(64 B, out) + copy out: the input and the output converted at each call',
    layer: 'raw binding',
    run: () => {
      binding.hash(tiny, output);
      return output.slice();
    },
  },
  {
    id: 'raw-scratch-64',
    call: 'write 64 B into the scratch + hashInScratch() + copy out: a call without arguments',
    layer: 'raw binding',
    run: () => {
      writeInput();
      binding.hashInScratch();
      return new Uint8Array(digest32);
    },
  },
  // The scratch call's three pieces, each alone: where its time goes.
  {
    id: 'raw-scratch-write-64',
    call: 'its piece 1: the header and 64 B written into the scratch',
    layer: 'raw binding',
    run: writeInput,
  },
  {
    id: 'raw-scratch-call-64',
    call: 'its piece 2: hashInScratch() alone, the call and the hash of 64 B',
    layer: 'raw binding',
    run: () => {
      writeHeader();
      binding.hashInScratch();
    },
  },
  {
    id: 'raw-digest-copy-32',
    call: 'its piece 3: the 32-byte digest copied into a new Uint8Array',
    layer: 'raw binding',
    run: () => new Uint8Array(digest32),
  },
  {
    id: 'peer-blake-hash-empty',
    call: 'blake3(empty) returning a new Buffer (@napi-rs/blake-hash)',
    layer: 'peer',
    run: () => napiBlakeHash.blake3(empty),
  },
  {
    id: 'native-hash-empty',
    call: 'oxidize native hash(empty): checks + raw call + copy out',
    layer: 'ours',
    run: () => native.hash(empty),
  },
  { id: 'native-hash-64', call: 'oxidize native hash(64 B)', layer: 'ours', run: () => native.hash(tiny) },
  { id: 'js-hash-64', call: 'oxidize js hash(64 B)', layer: 'ours', run: () => js.hash(tiny) },
  {
    id: 'native-hashAsync-64',
    call: 'oxidize native hashAsync(64 B), until it returns its settled promise: hashed on the calling thread (inputs ≤ 64 KiB)',
    layer: 'ours',
    run: () => native.hashAsync(tiny),
  },
  {
    id: 'raw-hashAsync-job-64',
    call: 'hashAsync(64 B, 32): a copy and a job-thread round trip',
    layer: 'raw binding',
    run: () => binding.hashAsync(tiny, 32),
  },
] as const;

// Interleaved, as the throughput suite is: the speed of a shared machine drifts over seconds, and
// the report divides rows by each other. Each round runs every case, in a rotated order; the
// samples of all rounds are pooled into one median.
const ROUNDS = QUICK ? 1 : 3;
const samples = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  const shift = (round * 4) % CASES.length;
  const order = [...CASES.slice(shift), ...CASES.slice(0, shift)];
  const summary = await b.suite(
    `per-call overhead (round ${round + 1}/${ROUNDS})`,
    b.configure({ cases: QUICK ? { minSamples: 2, maxTime: 0.05, delay: 0 } : { minSamples: 10, maxTime: 0.5 } }),
    ...order.map(({ call, run }) => b.add(call, run)),
    b.cycle(),
  );
  for (const result of summary.results) {
    samples.set(result.name, [...(samples.get(result.name) ?? []), ...result.details.sampleResults]);
  }
}
const rows: OverheadRow[] = CASES.map(({ id, call, layer }) => {
  const sorted = [...(samples.get(call) ?? [])].sort((x, y) => x - y);
  return { id, call, layer, nanoseconds: (sorted.length > 0 ? quantile(sorted, 0.5) : Number.NaN) * 1e9 };
});
console.table(rows.map((row) => ({ call: row.call, ns: Math.round(row.nanoseconds) })));
writeResults('blake3', 'overhead', rows);

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
writeResults('blake3', 'hold', hold);
