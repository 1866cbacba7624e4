// Tail latency, the reason async exists. examples/blake3/server is started once per mode (JS hash,
// native hash, native hashAsync) and load; autocannon loads POST /hash with 1 MiB bodies while
// benches/lib/probe-child.js, in a process of its own, probes GET /health every 2 ms and reports its
// latency. Two loads: the same fixed rate for every mode (below what JS can serve), and saturation
// (4 connections as fast as the server answers). Everything stops by itself.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { hex, MiB, pattern, QUICK, ROOT, writeResults } from '../lib/common.js';
import { CONTENDERS } from './contenders.js';

// receive-only hashes nothing: the latency floor of receiving 1 MiB bodies on this machine.
const MODES = ['js', 'native', 'native-async', 'receive-only'] as const;
const DURATION_SECONDS = QUICK ? 1 : 8;
const LOAD_CONNECTIONS = 4;
const LOADS = [
  { id: 'fixed', load: 'fixed 100 req/s', overallRate: 100 },
  { id: 'saturating', load: 'saturating', overallRate: undefined },
] as const;

/** What this suite writes to benches/blake3/results/server.json, which the report reads. */
export interface ServerResults {
  bodyBytes: number;
  durationSeconds: number;
  loadConnections: number;
  rows: ServerRow[];
}
export interface ServerRow {
  /** Stable: what the report looks rows up by. */
  loadId: (typeof LOADS)[number]['id'];
  load: string;
  mode: (typeof MODES)[number];
  hashRequestsPerSecond: number;
  hashErrors: number;
  healthRequests: number;
  healthP50Ms: number;
  healthP99Ms: number;
  healthMaxMs: number;
}
const body = Buffer.from(pattern(MiB));
const expected = hex(await CONTENDERS[0]!.hash(body));

async function start(mode: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, ['examples/blake3/server/server.js'], {
    cwd: ROOT,
    env: { ...process.env, HASH_MODE: mode, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
  return { server, url: JSON.parse(line).listening };
}

function probe(url: string): Promise<{ requests: number; p50: number; p99: number; max: number }> {
  const script = join(ROOT, 'benches', 'lib', 'probe-child.js');
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [script, `${url}/health`, String(DURATION_SECONDS * 1000)], (error, out) =>
      error ? reject(error) : resolve(JSON.parse(out)),
    ),
  );
}

const rows: ServerRow[] = [];
for (const { id: loadId, load: loadName, overallRate } of LOADS)
  for (const mode of MODES) {
    const { server, url } = await start(mode);
    try {
      const check = await fetch(`${url}/hash`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body,
      });
      const { blake3 } = (await check.json()) as { blake3: string };
      if (mode !== 'receive-only' && blake3 !== expected)
        throw new Error(`${mode} server returned ${blake3}, expected ${expected}`);
      const [load, health] = await Promise.all([
        autocannon({
          url: `${url}/hash`,
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body,
          connections: LOAD_CONNECTIONS,
          ...(overallRate === undefined ? {} : { overallRate }),
          duration: DURATION_SECONDS,
        }),
        probe(url),
      ]);
      const row: ServerRow = {
        loadId,
        load: loadName,
        mode,
        hashRequestsPerSecond: load.requests.average,
        hashErrors: load.errors + load.non2xx,
        healthRequests: health.requests,
        healthP50Ms: health.p50,
        healthP99Ms: health.p99,
        healthMaxMs: health.max,
      };
      console.log(row);
      rows.push(row);
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }
writeResults('blake3', 'server', {
  bodyBytes: body.length,
  durationSeconds: DURATION_SECONDS,
  loadConnections: LOAD_CONNECTIONS,
  rows,
} satisfies ServerResults);
