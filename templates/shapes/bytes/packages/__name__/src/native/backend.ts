import { loadAddon, withAbortFlag } from '@__scope__/runtime';
import type * as Binding from '../../binding/index.cjs';
import type { Backend } from '../contract.js';

/** The native implementation, or an error naming the platform, the package and why it failed to load. */
export function loadNativeBackend(): Backend {
  const binding = loadAddon<typeof Binding>(new URL('../../', import.meta.url));
  return {
    implementation: 'native',
    // Writes into memory JavaScript owns: no buffer is created in Rust for the result.
    __function__: (rgba, output) => binding.__function__(rgba, output),
    // The job checks the abort flag between slices: an aborted call stops working, not only waiting.
    __function__Async: (rgba, signal) =>
      withAbortFlag(signal, binding.AbortFlag, (flag) => binding.__function__Async(rgba, flag)),
  };
}
