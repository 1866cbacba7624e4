// The same from CommonJS: `node examples/blake3/commonjs.cjs`. require() of an ES module works from
// Node 20.19 and 22.12 on, the versions the package supports.
const { hash, hashAsync, implementation } = require('@oxidize/blake3');

const hex = (/** @type {Uint8Array} */ bytes) => Buffer.from(bytes).toString('hex');
console.log(`implementation: ${implementation}`);
console.log(`hash("abc"): ${hex(hash('abc'))}`);
hashAsync('abc').then((digest) => console.log(`hashAsync("abc"): ${hex(digest)}`));
