// The smallest ESM use: `node examples/blake3/esm.mjs`
import { createHasher, hash, implementation } from '@oxidize/blake3';

const hex = (/** @type {Uint8Array} */ bytes) => Buffer.from(bytes).toString('hex');
console.log(`implementation: ${implementation}`);
console.log(`hash("abc"): ${hex(hash('abc'))}`);
console.log(`streamed:    ${hex(createHasher().update('a').update('bc').digest())}`);
