// The smoke call: made by `npm run test:release` in every project that installs the package (and,
// with `differential`, on both implementations wherever native loads), and by the loader and panic
// tests. Each function runs as source text in a fresh process: parameters and globals only.
import type { Api } from '@__scope__/__name__';
import type { Smoke } from '@__scope__/testkit/smoke';

export const smoke: Smoke<Api> = {
  probe: (api) => api.__function__('kitten', 'sitting'),
  expected: 3,
  differential: async (api, bytes) => {
    const text = Buffer.from(bytes.subarray(0, 300)).toString('latin1');
    return [api.__function__(text, 'kitten'), await api.__function__Async('sitting', text)];
  },
};
