// How the default export chooses, observed in fresh Node processes (the shared checks of @oxidize/testkit).
import { readFileSync } from 'node:fs';
import { describeLoader } from '@oxidize/testkit';

// The call and its known answer that `npm run test:release` also runs against the installed package.
const smoke = JSON.parse(readFileSync(new URL('smoke.json', import.meta.url), 'utf8'));

describeLoader({ packageName: '@oxidize/blake3', variable: 'OXIDIZE_BLAKE3_IMPL', ...smoke });
