// The smoke call: made by `npm run test:release` in every project that installs the package (and,
// with `differential`, on both implementations in Bun and Deno), and by the loader and panic tests.
// The functions run as source text in fresh processes: parameters and globals only.
import type { Blake3 } from '@oxidize/blake3';
import type { Smoke } from '@oxidize/testkit/smoke';

export const smoke: Smoke<Blake3> = {
  // BLAKE3("abc"), from the reference implementation's test vectors.
  probe: (api) => Buffer.from(api.hash('abc')).toString('hex'),
  expected: '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85',
  differential: async (api, bytes) => [
    Buffer.from(api.hash(bytes)).toString('hex'),
    Buffer.from(await api.hashAsync(bytes, { length: 64 })).toString('hex'),
  ],
};
