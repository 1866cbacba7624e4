import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Blake3 } from '@oxidize/blake3';
import blake3 from '@oxidize/blake3';
import js from '@oxidize/blake3/js';
import native from '@oxidize/blake3/native';
import { entryPoints as entryPointsOf, type Pair } from '@oxidize/testkit';

export { js, native };

export const pair: Pair<Blake3> = { chosen: blake3, js, native };
/** Every way to reach an implementation: each subpath, and the default export (whatever it chose). */
export const entryPoints = entryPointsOf(pair);

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The input of the official BLAKE3 test vectors: bytes 0, 1, ..., 250, 0, 1, ... */
export function pattern(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = i % 251;
  return bytes;
}

/** A small deterministic PRNG (mulberry32), so a failing random split can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Resizable = ArrayBuffer & { resize(length: number): void };
/** A resizable ArrayBuffer: Node 20 has them, the ES2023 typings this project compiles against do not. */
export function resizableBuffer(length: number, maxByteLength: number): Resizable {
  const Constructor = ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => Resizable;
  return new Constructor(length, { maxByteLength });
}

/** A temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; file: (name: string, data: Uint8Array) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'oxidize-blake3-'));
  return {
    dir,
    file(name, data) {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
