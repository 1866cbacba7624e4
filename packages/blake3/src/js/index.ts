// `@oxidize/blake3/js`: always the pure-TypeScript implementation.
import { createApi } from '../api.js';
import { jsBackend } from './backend.js';

const blake3 = createApi(jsBackend);
export default blake3;
export const { hash, hashAsync, hashFile, createHasher, implementation } = blake3;
export * from '../exports.js';
