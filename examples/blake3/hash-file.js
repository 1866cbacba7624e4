// Hash a file and a string with the default export: `npm run example -- [path]`.
// Run with OXIDIZE_BLAKE3_IMPL=js to see the same digests from the pure-TypeScript build.
import { fileURLToPath } from 'node:url';
import blake3 from '@oxidize/blake3';

const path = process.argv[2] ?? fileURLToPath(import.meta.url);
/** @param {Uint8Array} bytes */
const hex = (bytes) => Buffer.from(bytes).toString('hex');

console.log(`implementation: ${blake3.implementation}`);
console.log(`file   ${path}: ${hex(await blake3.hashFile(path))}`);
console.log(`string "hello, world": ${hex(blake3.hash('hello, world'))}`);
console.log(`keyed  "hello, world": ${hex(blake3.hash('hello, world', { key: new Uint8Array(32).fill(1) }))}`);
