// A Rust panic must reach JavaScript as an exception and leave the process running. The
// panic-trigger build (crates/blake3 feature `panic-trigger`, built into test-addon/ by
// `npm run build:test-addon`, part of `npm test`) panics on inputs that start with a marker.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { hex, native, tempDir } from './helpers.js';

const TRIGGER = 'oxidize:panic-trigger';
const ADDON_DIR = join(import.meta.dirname, '..', 'test-addon');
const addon = readdirSync(ADDON_DIR).find((file) => file.endsWith('.node'));
const temp = tempDir();
afterAll(() => temp.remove());

test('a panic in any exported function becomes a JS error, and the process lives on', () => {
  if (addon === undefined) throw new Error(`no .node in ${ADDON_DIR}: run npm run build:test-addon`);
  const file = join(temp.dir, 'trigger.bin');
  writeFileSync(file, `${TRIGGER} and then some`);
  const script = `
    const b = (await import('@oxidize/blake3/native')).default;
    const trigger = ${JSON.stringify(TRIGGER)};
    const calls = {
      hash: () => b.hash(trigger),
      hashAsync: () => b.hashAsync(trigger),
      hashFile: () => b.hashFile(${JSON.stringify(file)}),
      'Hasher.update': () => b.createHasher().update(trigger),
      'createHasher (derive-key context)': () => b.createHasher({ context: trigger }),
    };
    const results = {};
    for (const [name, call] of Object.entries(calls)) {
      try {
        await call();
        results[name] = 'no error';
      } catch (error) {
        results[name] = error.constructor.name + ': ' + error.message;
      }
    }
    results.afterwards = Buffer.from(b.hash('abc')).toString('hex');
    console.log(JSON.stringify(results));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: import.meta.dirname,
    env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: join(ADDON_DIR, addon) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { afterwards, ...results } = JSON.parse(out);
  expect(Object.keys(results)).toHaveLength(5);
  for (const [call, result] of Object.entries(results)) {
    expect(result, call).toMatch(/^Error: .*panic trigger hit/);
  }
  expect(afterwards).toBe('6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85');
});

test('the published build has no panic trigger', () => {
  expect(hex(native.hash(TRIGGER))).toHaveLength(64);
  expect(() => native.createHasher({ context: TRIGGER })).not.toThrow();
});
