import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Backend } from '../contract.js';
import { __function__ } from './__function__.js';

export const jsBackend: Backend = {
  implementation: 'js',
  __function__,
  // JavaScript has no worker thread to move the work to: the async form starts on a later turn of
  // the event loop, so callers see the same ordering as with native, but it blocks while it runs.
  // Where that matters, the native build (or a worker_threads pool) is the answer.
  async __function__Async(a, b) {
    await nextTurn();
    return __function__(a, b);
  },
};
