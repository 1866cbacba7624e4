// A Rust panic must reach JavaScript as an exception and leave the process running. The
// panic-trigger build (crates/blake3 feature `panic-trigger`, built into test-addon/ by
// `npm run build:test-addon`, part of `npm test`) panics on inputs that start with a marker.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePanics, PANIC_TRIGGER } from '@oxidize/testkit';
import { afterAll } from 'vitest';
import { tempDir } from './helpers.js';
import { smoke } from './smoke.js';

const temp = tempDir();
afterAll(() => temp.remove());
const file = join(temp.dir, 'trigger.bin');
writeFileSync(file, `${PANIC_TRIGGER} and then some`);

describePanics({
  packageName: '@oxidize/blake3',
  addonDir: join(import.meta.dirname, '..', 'test-addon'),
  calls: {
    hash: (api, trigger) => api.hash(trigger),
    hashAsync: (api, trigger) => api.hashAsync(trigger),
    hashFile: (api, _trigger, data) => api.hashFile(data.file),
    createHasher: (api, trigger) => api.createHasher({ context: trigger }),
    'Hasher.update': (api, trigger) => api.createHasher().update(trigger),
  },
  data: { file },
  // After every panic, the smoke call still answers.
  smoke,
});
