// Tail latency, the reason async exists. examples/blake3/server is started once per scenario, mode
// (JS hash, native hash, native hashAsync, ...) and load; autocannon loads one of its endpoints
// while benches/lib/probe-child.js, in a process of its own, probes GET /health every 2 ms and
// reports its latency. Two scenarios:
// - held: conditional GETs of a 32 MiB document the server holds (If-None-Match, answered 304 with
//   no body), at a fixed 1 req/s. The server's work is hashing the document for its ETag: what a
//   hash function's speed and where it runs can change. The target's scenario.
// - upload: POST /hash with 1 MiB bodies, at a fixed rate the same for every mode (below what JS
//   can serve) and saturating (4 connections as fast as the server answers). Receiving the bodies
//   is much of the work, whoever hashes them; receive-only hashes nothing and shows that floor.
// Everything stops by itself.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { hex, MiB, pattern, QUICK, ROOT, writeResults } from '../lib/common.js';
import { CONTENDERS } from './contenders.js';

const DOCUMENT_BYTES = 32 * MiB;
const UPLOAD_BYTES = MiB;
// held: one request a second, so 20 s for 20 stalls of JS hashing; one connection (autocannon opens
// no more connections than its rate). upload: 4 connections, 8 s.
const SCENARIOS = [
  {
    id: 'held',
    modes: ['js', 'native', 'native-async'],
    connections: 1,
    durationSeconds: QUICK ? 1 : 20,
    loads: [{ id: 'fixed', load: 'fixed 1 req/s', overallRate: 1 }],
  },
  {
    id: 'upload',
    modes: ['js', 'native', 'native-async', 'receive-only'],
    connections: 4,
    durationSeconds: QUICK ? 1 : 8,
    loads: [
      { id: 'fixed', load: 'fixed 100 req/s', overallRate: 100 },
      { id: 'saturating', load: 'saturating', overallRate: undefined },
    ],
  },
] as const;
type Scenario = (typeof SCENARIOS)[number];

/** What this suite writes to benches/blake3/results/server.json, which the report reads. */
export interface ServerResults {
  documentBytes: number;
  uploadBytes: number;
  rows: ServerRow[];
}
export interface ServerRow {
  /** Stable ids: what the report looks rows up by. */
  scenario: Scenario['id'];
  loadId: Scenario['loads'][number]['id'];
  load: string;
  mode: Scenario['modes'][number];
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  /** GET /health requests sent, and the samples the percentiles are of (with the probes stalls held back). */
  healthRequests: number;
  healthSamples: number;
  healthP50Ms: number;
  healthP99Ms: number;
  healthMaxMs: number;
}

async function start(mode: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, ['examples/blake3/server/server.js'], {
    cwd: ROOT,
    env: { ...process.env, HASH_MODE: mode, PORT: '0', DOCUMENT_BYTES: String(DOCUMENT_BYTES) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
  return { server, url: JSON.parse(line).listening };
}

function probe(
  url: string,
  durationSeconds: number,
): Promise<{ requests: number; samples: number; p50: number; p99: number; max: number }> {
  const script = join(ROOT, 'benches', 'lib', 'probe-child.js');
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [script, `${url}/health`, String(durationSeconds * 1000)], (error, out) =>
      error ? reject(error) : resolve(JSON.parse(out)),
    ),
  );
}

const upload = Buffer.from(pattern(UPLOAD_BYTES));
const uploadDigest = hex(await CONTENDERS[0]!.hash(upload));
const documentId = 1;

/**
 * The request autocannon repeats, after checking that this server's answer is right: the upload's
 * digest, or the document's ETag (which the conditional request then sends back).
 */
async function requestFor(scenario: Scenario['id'], mode: string, url: string): Promise<autocannon.Options> {
  if (scenario === 'upload') {
    const request = {
      url: `${url}/hash`,
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: upload,
    } as const;
    const { blake3 } = (await (await fetch(request.url, request)).json()) as { blake3: string };
    if (mode !== 'receive-only' && blake3 !== uploadDigest)
      throw new Error(`${mode} server returned ${blake3}, expected ${uploadDigest}`);
    return request;
  }
  const response = await fetch(`${url}/documents/${documentId}`);
  const document = new Uint8Array(await response.arrayBuffer());
  const etag = `"${hex(await CONTENDERS[0]!.hash(document))}"`;
  if (document.length !== DOCUMENT_BYTES || response.headers.get('etag') !== etag)
    throw new Error(`${mode} server sent ETag ${response.headers.get('etag')} for its document, expected ${etag}`);
  const conditional = await fetch(`${url}/documents/${documentId}`, { headers: { 'if-none-match': etag } });
  if (conditional.status !== 304) throw new Error(`${mode} server answered ${conditional.status} to If-None-Match`);
  return { url: `${url}/documents/${documentId}`, headers: { 'if-none-match': etag } };
}

const rows: ServerRow[] = [];
for (const { id: scenario, modes, connections, durationSeconds, loads } of SCENARIOS)
  for (const { id: loadId, load: loadName, overallRate } of loads)
    for (const mode of modes) {
      const { server, url } = await start(mode);
      try {
        const request = await requestFor(scenario, mode, url);
        const [load, health] = await Promise.all([
          autocannon({
            ...request,
            connections,
            ...(overallRate === undefined ? {} : { overallRate }),
            duration: durationSeconds,
          }),
          probe(url, durationSeconds),
        ]);
        // The conditional GET succeeds with a 304 (a 200 would mean a wrong ETag), the upload with a 2xx.
        const wrongStatus = scenario === 'held' ? load['1xx'] + load['2xx'] + load['4xx'] + load['5xx'] : load.non2xx;
        const errors = load.errors + wrongStatus;
        const row: ServerRow = {
          scenario,
          loadId,
          load: loadName,
          mode,
          connections,
          durationSeconds,
          requests: load.requests.total,
          requestsPerSecond: load.requests.average,
          errors,
          healthRequests: health.requests,
          healthSamples: health.samples,
          healthP50Ms: health.p50,
          healthP99Ms: health.p99,
          healthMaxMs: health.max,
        };
        console.log(row);
        if (errors > 0) throw new Error(`${mode} server: ${errors} of the load's requests failed`);
        rows.push(row);
      } finally {
        server.kill('SIGTERM');
        await once(server, 'exit');
      }
    }
writeResults('blake3', 'server', {
  documentBytes: DOCUMENT_BYTES,
  uploadBytes: UPLOAD_BYTES,
  rows,
} satisfies ServerResults);
