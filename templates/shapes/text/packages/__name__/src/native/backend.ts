import { loadAddon } from '@__scope__/runtime';
import type * as Binding from '../../binding/index.cjs';
import type { Backend } from '../contract.js';

/** The native implementation, or an error naming the platform, the package and why it failed to load. */
export function loadNativeBackend(): Backend {
  const binding = loadAddon<typeof Binding>(new URL('../../', import.meta.url));
  return {
    implementation: 'native',
    __function__: (a, b) => binding.__function__(a, b),
    __function__Async: (a, b) => binding.__function__Async(a, b),
  };
}
