// `@oxidize/blake3/native`: always the Rust addon; importing it throws if the addon cannot load.
import { createApi } from '../api.js';
import { loadNativeBackend } from './backend.js';

const blake3 = createApi(loadNativeBackend());
export default blake3;
export const { hash, hashAsync, hashFile, createHasher, implementation } = blake3;
export * from '../exports.js';
