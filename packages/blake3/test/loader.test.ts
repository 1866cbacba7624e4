// How the default export chooses, observed in fresh Node processes (the shared checks of @oxidize/testkit).
import { describeLoader } from '@oxidize/testkit';
import { smoke } from './smoke.js';

describeLoader({ packageName: '@oxidize/blake3', variable: 'OXIDIZE_BLAKE3_IMPL', smoke });
