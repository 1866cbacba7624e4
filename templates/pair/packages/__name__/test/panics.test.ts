// A Rust panic must reach JavaScript as an exception and leave the process running. The
// panic-trigger build (crates/__name__ feature `panic-trigger`, built into test-addon/ by
// `npm run build:test-addon`, part of `npm test`) panics when the first string starts with the
// trigger (testkit's PANIC_TRIGGER, the same marker as the shared Rust crate's).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePanics } from '@__scope__/testkit';

describePanics({
  packageName: '@__scope__/__name__',
  addonDir: join(import.meta.dirname, '..', 'test-addon'),
  calls: {
    distance: "api.distance(trigger, 'b')",
    distanceAsync: "api.distanceAsync(trigger, 'b')",
  },
  // The call and answer of test/smoke.json, made after every panic.
  ...JSON.parse(readFileSync(new URL('smoke.json', import.meta.url), 'utf8')),
});
