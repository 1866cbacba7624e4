// One file-hashing method in a process of its own, so that its peak RSS is its own.
// Usage: node benches/blake3/file-child.js <method> <path>; prints one JSON line.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';

const [method, path] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const READ_SIZE = 1024 * 1024;

/** @param {{ update(chunk: Uint8Array): unknown }} hasher */
async function stream(hasher) {
  for await (const chunk of createReadStream(/** @type {string} */ (path), { highWaterMark: READ_SIZE })) {
    hasher.update(chunk);
  }
}

/** @type {Record<string, () => Promise<Uint8Array>>} */
const methods = {
  'oxidize native hashFile': async () => (await import('@oxidize/blake3/native')).default.hashFile(String(path)),
  'oxidize js hashFile': async () => (await import('@oxidize/blake3/js')).default.hashFile(String(path)),
  'node:fs stream → oxidize js': async () => {
    const hasher = (await import('@oxidize/blake3/js')).default.createHasher();
    await stream(hasher);
    return hasher.digest();
  },
  'node:fs stream → @napi-rs/blake-hash': async () => {
    const hasher = new (require('@napi-rs/blake-hash').Blake3Hasher)();
    await stream(hasher);
    return hasher.digestBuffer();
  },
  'node:fs stream → hash-wasm': async () => {
    const hasher = await (await import('hash-wasm')).createBLAKE3();
    await stream(hasher);
    return hasher.digest('binary');
  },
};

const run = methods[String(method)];
if (run === undefined) throw new Error(`unknown method ${method}; one of: ${Object.keys(methods).join(', ')}`);
const started = process.hrtime.bigint();
const digest = await run();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    method,
    seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    digest: Buffer.from(digest).toString('hex'),
  }),
);
