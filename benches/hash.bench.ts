// JS vs native `hash`, one benny suite per input size. `npm run bench`.

import js from '@oxidize/blake3/js';
import native from '@oxidize/blake3/native';
import b from 'benny';

const SIZES: [string, number][] = [
  ['64 B', 64],
  ['1 KiB', 1024],
  ['64 KiB', 64 * 1024],
  ['1 MiB', 1024 * 1024],
  ['16 MiB', 16 * 1024 * 1024],
];

interface Row {
  size: string;
  bytes: number;
  js: number;
  native: number;
}

const rows: Row[] = [];

for (const [size, bytes] of SIZES) {
  const input = new Uint8Array(bytes).map((_, i) => i % 251);
  if (Buffer.compare(js.hash(input), native.hash(input)) !== 0) throw new Error(`JS and native disagree at ${size}`);
  const summary = await b.suite(
    `hash ${size}`,
    b.add('js', () => js.hash(input)),
    b.add('native', () => native.hash(input)),
    b.cycle(),
  );
  const ops = (name: string) => summary.results.find((result) => result.name === name)?.ops ?? Number.NaN;
  rows.push({ size, bytes, js: ops('js'), native: ops('native') });
}

const mbps = (ops: number, bytes: number) => ((ops * bytes) / 1e6).toFixed(1);
console.log('\n| input | js ops/s | native ops/s | js MB/s | native MB/s | native/js |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const ratio = (row.native / row.js).toFixed(2);
  console.log(
    `| ${row.size} | ${Math.round(row.js)} | ${Math.round(row.native)} | ${mbps(row.js, row.bytes)} | ${mbps(row.native, row.bytes)} | ${ratio}x |`,
  );
}
