// A Rust panic must reach JavaScript as an exception and leave the process running. The
// panic-trigger build (crates/blake3 feature `panic-trigger`, built into test-addon/ by
// `npm run build:test-addon`, part of `npm test`) panics on inputs that start with a marker.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePanics, PANIC_TRIGGER } from '@oxidize/testkit';
import { afterAll } from 'vitest';
import { tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.remove());
const file = join(temp.dir, 'trigger.bin');
writeFileSync(file, `${PANIC_TRIGGER} and then some`);

describePanics({
  packageName: '@oxidize/blake3',
  addonDir: join(import.meta.dirname, '..', 'test-addon'),
  calls: {
    hash: 'api.hash(trigger)',
    hashAsync: 'api.hashAsync(trigger)',
    hashFile: `api.hashFile(${JSON.stringify(file)})`,
    'Hasher.update': 'api.createHasher().update(trigger)',
    'createHasher (derive-key context)': 'api.createHasher({ context: trigger })',
  },
  // The call and answer of test/smoke.json, made after every panic.
  ...JSON.parse(readFileSync(new URL('smoke.json', import.meta.url), 'utf8')),
});
