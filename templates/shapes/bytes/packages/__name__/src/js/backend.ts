import { setImmediate as nextTurn } from 'node:timers/promises';
import { allocate, byteLengthOf } from '@__scope__/runtime';
import { type Backend, outputLength } from '../contract.js';
import { __function__ } from './__function__.js';

export const jsBackend: Backend = {
  implementation: 'js',
  __function__,
  // JavaScript has no worker thread to move the work to: the async form copies the input now (as
  // the native build does), then computes on a later turn of the event loop, so callers see the
  // same results and ordering as with native; but it blocks while it runs. Where that matters,
  // the native build (or a worker_threads pool) is the answer.
  async __function__Async(rgba) {
    const copy = allocate(byteLengthOf(rgba), rgba);
    await nextTurn();
    const output = allocate(outputLength(copy.byteLength));
    __function__(copy, output);
    return output;
  },
};
