// The addon must load and work in several worker threads at once: each worker is a separate
// JavaScript environment, and a native module has to support being instantiated in each.
import { Worker } from 'node:worker_threads';
import native from '@oxidize/blake3/native';
import { expect, test } from 'vitest';
import { hex } from './helpers.js';

const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  import('@oxidize/blake3/native').then(async ({ default: b }) => {
    const input = new Uint8Array(workerData.length).map((_, i) => (i * 7 + workerData.id) % 256);
    const hasher = b.createHasher();
    hasher.update(input.subarray(0, 1000)).update(input.subarray(1000));
    parentPort.postMessage({
      sync: Buffer.from(b.hash(input)).toString('hex'),
      async: Buffer.from(await b.hashAsync(input)).toString('hex'),
      streamed: Buffer.from(hasher.digest()).toString('hex'),
      implementation: b.implementation,
    });
  });
`;

function inWorker(id: number, length: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { id, length } });
    worker.once('message', (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

test('the addon loads and hashes correctly in 6 worker threads at once', async () => {
  const length = 300_000;
  const results = await Promise.all(Array.from({ length: 6 }, (_, id) => inWorker(id, length)));
  results.forEach((result, id) => {
    const input = new Uint8Array(length).map((_, i) => (i * 7 + id) % 256);
    const expected = hex(native.hash(input));
    expect(result).toEqual({ sync: expected, async: expected, streamed: expected, implementation: 'native' });
  });
});
