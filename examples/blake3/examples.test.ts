// Every example runs from the repository with its documented command and prints what it should.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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

test('server: POST /hash and GET /health answer', async () => {
  const server = spawn(process.execPath, [join(import.meta.dirname, 'server', 'server.js')], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
    const url = JSON.parse(line).listening;
    const response = await fetch(`${url}/hash`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'abc',
    });
    expect(await response.json()).toEqual({ blake3: ABC });
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true });
  } finally {
    server.kill();
  }
});
