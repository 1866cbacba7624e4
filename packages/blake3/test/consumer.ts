// What a TypeScript user of the published package writes: `npm run test:release` type-checks a
// copy of this file in a fresh project (moduleResolution nodenext and bundler). Never run.
import blake3, { createHasher, type Hasher, type HashOptions, hash, hashFile } from '@oxidize/blake3';
import js from '@oxidize/blake3/js';

const options: HashOptions = { length: 64 };
const digest: Uint8Array = hash('abc', options);
const hasher: Hasher = createHasher({ key: new Uint8Array(32) }).update(digest);
const pending: Promise<Uint8Array> = hashFile(new URL('file:///etc/hostname'));
const which: 'native' | 'js' = blake3.implementation;

export { hasher, js, pending, which };
