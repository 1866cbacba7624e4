// How the default export chooses, observed in fresh Node processes (the shared checks of the testkit).
import { describeLoader } from '@__scope__/testkit';
import { smoke } from './smoke.js';

describeLoader({ packageName: '@__scope__/__name__', variable: '__ENV_VAR__', smoke });
