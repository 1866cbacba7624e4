// Hashing in a pool of worker threads: `node examples/blake3/worker-threads.mjs [workers]`.
// Each worker loads the addon for itself (Node-API addons are per-thread instances); the main
// thread hands out inputs and checks every digest against its own.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { hash } from '@oxidize/blake3';

const hex = (/** @type {Uint8Array} */ bytes) => Buffer.from(bytes).toString('hex');

if (isMainThread) {
  const workers = Number(process.argv[2] ?? availableParallelism());
  const inputs = Array.from({ length: workers * 4 }, (_, i) => `input number ${i} `.repeat(1000 * (i + 1)));
  const pool = Array.from({ length: workers }, () => new Worker(new URL(import.meta.url)));
  const digests = await Promise.all(
    inputs.map(
      (input, i) =>
        new Promise((resolve) => {
          const worker = /** @type {Worker} */ (pool[i % workers]);
          const onMessage = (/** @type {{ i: number, digest: string }} */ message) => {
            if (message.i !== i) return;
            worker.off('message', onMessage);
            resolve(message.digest);
          };
          worker.on('message', onMessage);
          worker.postMessage({ i, input });
        }),
    ),
  );
  await Promise.all(pool.map((worker) => worker.terminate()));
  const right = digests.filter((digest, i) => digest === hex(hash(/** @type {string} */ (inputs[i])))).length;
  console.log(
    `${workers} workers hashed ${inputs.length} inputs: ${right} of ${inputs.length} digests match the main thread's`,
  );
} else {
  parentPort?.on('message', ({ i, input }) => parentPort?.postMessage({ i, digest: hex(hash(input)) }));
}
