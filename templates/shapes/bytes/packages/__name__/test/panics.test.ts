// A Rust panic must reach JavaScript as an exception and leave the process running. The
// panic-trigger build (crates/__name__ feature `panic-trigger`, built into test-addon/ by
// `npm run build:test-addon`, part of `npm test`) panics when the input starts with the trigger
// (testkit's PANIC_TRIGGER, the same marker as the shared Rust crate's).
import { join } from 'node:path';
import type { Api } from '@__scope__/__name__';
import { describePanics } from '@__scope__/testkit';
import { smoke } from './smoke.js';

describePanics<Api>({
  packageName: '@__scope__/__name__',
  addonDir: join(import.meta.dirname, '..', 'test-addon'),
  // Every export, called with the trigger's bytes (padded to whole pixels). Like the smoke call,
  // each runs as source text in a fresh process: parameters and globals only.
  calls: {
    __function__: (api, trigger) => api.__function__(new TextEncoder().encode(trigger.padEnd(24))),
    __function__Async: (api, trigger) => api.__function__Async(new TextEncoder().encode(trigger.padEnd(24))),
  },
  // After every panic, the smoke call still answers.
  smoke,
});
