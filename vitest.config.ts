import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Large-input and worker tests take seconds on a 2-core machine; the default 5 s is too tight.
    testTimeout: 60_000,
  },
});
