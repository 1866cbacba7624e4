// How the default export chooses, observed in fresh Node processes (the shared checks of the testkit).
import { readFileSync } from 'node:fs';
import { describeLoader } from '@__scope__/testkit';

// The call and its known answer that `npm run test:release` also runs against the installed package.
const smoke = JSON.parse(readFileSync(new URL('smoke.json', import.meta.url), 'utf8'));

describeLoader({ packageName: '@__scope__/__name__', variable: '__ENV_VAR__', ...smoke });
