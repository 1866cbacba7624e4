// The smoke call: made by `npm run test:release` in every project that installs the package (and,
// with `differential`, on both implementations wherever native loads), and by the loader and panic
// tests. Each function runs as source text in a fresh process: parameters and globals only.
import type { Api } from '@__scope__/__name__';
import type { Smoke } from '@__scope__/testkit/smoke';

export const smoke: Smoke<Api> = {
  // Black, white, pure red, green and blue.
  probe: (api) => [...api.__function__(Uint8Array.of(0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255))],
  expected: [0, 255, 77, 149, 29],
  differential: async (api, bytes) => {
    const rgba = bytes.subarray(0, bytes.length - (bytes.length % 4));
    return [[...api.__function__(rgba)], [...(await api.__function__Async(rgba))]];
  },
};
