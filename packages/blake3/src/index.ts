// `@oxidize/blake3`: the native implementation when its addon loads, else the JavaScript one.
import { chooseImplementation } from '@oxidize/runtime';
import { createApi } from './api.js';
import { jsBackend } from './js/backend.js';
import { loadNativeBackend } from './native/backend.js';

const blake3 = createApi(
  chooseImplementation({
    packageName: '@oxidize/blake3',
    variable: 'OXIDIZE_BLAKE3_IMPL',
    loadNative: loadNativeBackend,
    js: jsBackend,
  }),
);
export default blake3;
export const { hash, hashAsync, hashFile, createHasher, implementation } = blake3;
export * from './exports.js';
