// A /health probe for a tail-latency benchmark (a pair's server suite), in a process of its own so
// that the load generator's event loop cannot delay it. Sends one GET at a time, a new one every
// INTERVAL ms (or at once if the last took longer), for DURATION ms, and prints latency
// percentiles in ms with µs resolution, counting the probes a stall held back.
// Output: {"requests", "samples", "p50", "p99", "max"}.
// Usage: node benches/lib/probe-child.js <url> <durationMs>
import { Agent, get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const [url, durationMs] = process.argv.slice(2);
const INTERVAL_MS = 2;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** @returns {Promise<number>} latency in ms */
function probe() {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    get(String(url), { agent }, (response) => {
      response.resume();
      response.once('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
    }).once('error', reject);
  });
}

/** @type {number[]} */
const latencies = [];
let requests = 0;
const end = Date.now() + Number(durationMs);
while (Date.now() < end) {
  const started = Date.now();
  const latency = await probe();
  requests++;
  latencies.push(latency);
  // One probe at a time would count a 50 ms stall once, where a client sending every 2 ms meets
  // it 25 times, waiting 50, 48, 46... ms ("coordinated omission"). Record the probes the stall
  // held back, as HdrHistogram's recordValueWithExpectedInterval and wrk2 do.
  for (let missed = latency - INTERVAL_MS; missed >= INTERVAL_MS; missed -= INTERVAL_MS) latencies.push(missed);
  const wait = INTERVAL_MS - (Date.now() - started);
  if (wait > 0) await sleep(wait);
}
agent.destroy();
latencies.sort((a, b) => a - b);
/** @param {number} q */
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
// `samples` counts the held-back probes too: the percentiles are of them.
console.log(
  JSON.stringify({ requests, samples: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) }),
);
