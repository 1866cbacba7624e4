// The contenders: our two BLAKE3 implementations and the libraries a Node developer would otherwise
// pick, behind one shape, so that every suite compares the same things under the same names.
import { createRequire } from 'node:module';
import { blake3 as noble } from '@noble/hashes/blake3.js';
import js from '@oxidize/blake3/js';
import native from '@oxidize/blake3/native';
import { createBLAKE3 } from 'hash-wasm';

const require = createRequire(import.meta.url);
const blake3Wasm = require('blake3-wasm') as typeof import('blake3-wasm');
const napiBlakeHash = require('@napi-rs/blake-hash') as typeof import('@napi-rs/blake-hash');

export interface Streaming {
  update(chunk: Uint8Array): void;
  digest(): Uint8Array;
}

export interface Contender {
  name: string;
  kind: 'ours' | 'peer';
  /** What it is built with, for the reader of the tables. */
  tech: 'Rust (napi-rs)' | 'TypeScript' | 'pure JS' | 'wasm';
  hash: (input: Uint8Array) => Uint8Array | Promise<Uint8Array>;
  /** A fresh incremental hasher, where the library has one. */
  streaming?: () => Streaming;
}

const hashWasm = await createBLAKE3();

export const CONTENDERS: Contender[] = [
  {
    name: 'oxidize native',
    kind: 'ours',
    tech: 'Rust (napi-rs)',
    hash: (input) => native.hash(input),
    streaming: () => native.createHasher(),
  },
  { name: 'oxidize native async', kind: 'ours', tech: 'Rust (napi-rs)', hash: (input) => native.hashAsync(input) },
  {
    name: 'oxidize js',
    kind: 'ours',
    tech: 'TypeScript',
    hash: (input) => js.hash(input),
    streaming: () => js.createHasher(),
  },
  {
    name: '@noble/hashes',
    kind: 'peer',
    tech: 'pure JS',
    hash: (input) => noble(input),
    streaming: () => noble.create(),
  },
  {
    name: 'hash-wasm',
    kind: 'peer',
    tech: 'wasm',
    // One instance reused, as hash-wasm recommends for speed; safe here because calls never overlap.
    hash: (input) => hashWasm.init().update(input).digest('binary'),
    streaming: () => {
      // A separate instance per stream: a streaming hash spans many calls.
      const hasher = createBLAKE3Sync();
      return { update: (chunk) => void hasher.update(chunk), digest: () => hasher.digest('binary') };
    },
  },
  {
    name: 'blake3-wasm',
    kind: 'peer',
    tech: 'wasm',
    hash: (input) => blake3Wasm.hash(input) as Buffer,
    streaming: () => {
      const hasher = blake3Wasm.createHash();
      return { update: (chunk) => void hasher.update(chunk), digest: () => hasher.digest() };
    },
  },
  {
    name: '@napi-rs/blake-hash',
    kind: 'peer',
    tech: 'Rust (napi-rs)',
    // Its types say Buffer; at run time it takes any Uint8Array, so no copy is made for it.
    hash: (input) => napiBlakeHash.blake3(input as Buffer),
    streaming: () => {
      const hasher = new napiBlakeHash.Blake3Hasher();
      return { update: (chunk) => void hasher.update(chunk as Buffer), digest: () => hasher.digestBuffer() };
    },
  },
];

// hash-wasm's constructor is async (it compiles wasm); streams are set up inside timed code, so
// a pool of instances is made ahead and recycled.
const hashWasmPool = await Promise.all(Array.from({ length: 4 }, () => createBLAKE3()));
let nextHashWasm = 0;
function createBLAKE3Sync() {
  const hasher = hashWasmPool[nextHashWasm++ % hashWasmPool.length];
  if (hasher === undefined) throw new Error('hash-wasm pool is empty');
  return hasher.init();
}
