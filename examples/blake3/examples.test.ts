// Every example runs from the repository with its documented command and prints what it should.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { blake3 as noble } from '@noble/hashes/blake3.js';
import { expect, test } from 'vitest';

const ABC = '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85';
const run = (file: string, ...args: string[]) =>
  execFileSync(process.execPath, [join(import.meta.dirname, file), ...args], { encoding: 'utf8' });

test('esm.mjs', () => {
  const out = run('esm.mjs');
  expect(out).toMatch(/implementation: (native|js)/);
  expect(out).toContain(`hash("abc"): ${ABC}`);
  expect(out).toContain(`streamed:    ${ABC}`);
});

test('commonjs.cjs', () => {
  const out = run('commonjs.cjs');
  expect(out).toContain(`hash("abc"): ${ABC}`);
  expect(out).toContain(`hashAsync("abc"): ${ABC}`);
});

test('worker-threads.mjs', () => {
  expect(run('worker-threads.mjs', '3')).toContain('3 workers hashed 12 inputs: 12 of 12 digests match');
});

test('hash-file.js', () => {
  const out = run('hash-file.js', join(import.meta.dirname, 'esm.mjs'));
  expect(out).toMatch(/^file {3}.*esm\.mjs: [0-9a-f]{64}$/m);
  expect(out).toContain('string "hello, world": a1a55887535397bf461902491c8779188a5dd1f8c3951b3d9cf6ecba194e87b0');
});

/** Starts the example server on a free port; `use` gets its URL, and the server stops after. */
async function withServer(env: Record<string, string>, use: (url: string) => Promise<void>): Promise<void> {
  const server = spawn(process.execPath, [join(import.meta.dirname, 'server', 'server.js')], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
    await use(JSON.parse(line).listening);
  } finally {
    server.kill();
  }
}

test('server: POST /hash and GET /health answer', async () => {
  await withServer({}, async (url) => {
    const response = await fetch(`${url}/hash`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'abc',
    });
    expect(await response.json()).toEqual({ blake3: ABC });
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true });
  });
});

// Several chunks and a partial one: 100,000 bytes is 97 chunks of 1 KiB and 672 bytes.
const DOCUMENT_BYTES = 100_000;
test.each(['js', 'native', 'native-async'])('server: GET /documents/:id with HASH_MODE=%s', async (mode) => {
  await withServer({ HASH_MODE: mode, DOCUMENT_BYTES: String(DOCUMENT_BYTES) }, async (url) => {
    // What the server holds, rebuilt here, and its digest from an independent implementation.
    const expected = Buffer.alloc(DOCUMENT_BYTES, 'the second document\n');
    const etag = `"${Buffer.from(noble(expected)).toString('hex')}"`;
    const full = await fetch(`${url}/documents/1`);
    expect(full.status).toBe(200);
    expect(full.headers.get('etag')).toBe(etag);
    expect(Buffer.from(await full.arrayBuffer()).equals(expected)).toBe(true);

    const unchanged = await fetch(`${url}/documents/1`, { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect((await unchanged.arrayBuffer()).byteLength).toBe(0);
    const stale = await fetch(`${url}/documents/1`, { headers: { 'if-none-match': `"${'0'.repeat(64)}"` } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
    // Another document, another ETag.
    const first = await fetch(`${url}/documents/0`);
    expect(first.headers.get('etag')).not.toBe(etag);
    await first.arrayBuffer();

    // RFC 9110: weak comparison, lists, and `*`.
    for (const header of [`W/${etag}`, `"x", ${etag}`, `${etag} , "x"`, '*', ` * `]) {
      expect((await fetch(`${url}/documents/1`, { headers: { 'if-none-match': header } })).status, header).toBe(304);
    }
    const listed = await fetch(`${url}/documents/1`, { headers: { 'if-none-match': '"x", W/"y"' } });
    expect(listed.status).toBe(200);
    await listed.arrayBuffer();

    // HEAD: GET's headers without the body. A 304 may carry only the length a 200 would have
    // (RFC 9110, 8.6); this one carries none.
    const head = await fetch(`${url}/documents/1`, { method: 'HEAD' });
    expect([head.status, head.headers.get('etag'), head.headers.get('content-length')]).toEqual([
      200,
      etag,
      String(DOCUMENT_BYTES),
    ]);
    const headUnchanged = await fetch(`${url}/documents/1`, { method: 'HEAD', headers: { 'if-none-match': etag } });
    expect([headUnchanged.status, headUnchanged.headers.get('content-length')]).toEqual([304, null]);
    expect(unchanged.headers.get('content-length')).toBe(null);

    // One URL per document.
    for (const missing of ['3', 'constructor', '__proto__', '-1', '-0', '1.5', '01', '1e0', '%201', '+1', '0x1']) {
      const response = await fetch(`${url}/documents/${missing}`);
      expect(response.status, missing).toBe(404);
      await response.arrayBuffer();
    }
  });
});
