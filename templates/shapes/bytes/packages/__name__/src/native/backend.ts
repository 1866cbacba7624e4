import { loadAddon } from '@__scope__/runtime';
import type * as Binding from '../../binding/index.cjs';
import type { Backend } from '../api.js';

/** The native implementation, or an error naming the platform, the package and why it failed to load. */
export function loadNativeBackend(): Backend {
  const binding = loadAddon<typeof Binding>(new URL('../../', import.meta.url));
  return {
    implementation: 'native',
    // Writes into memory JavaScript owns: no buffer is created in Rust for the result.
    __function__: (rgba, output) => binding.__function__(rgba, output),
    __function__Async: (rgba) => binding.__function__Async(rgba),
  };
}
