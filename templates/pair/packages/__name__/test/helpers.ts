import api, { type Api } from '@__scope__/__name__';
import js from '@__scope__/__name__/js';
import native from '@__scope__/__name__/native';
import { entryPoints as entryPointsOf, type Pair } from '@__scope__/testkit';

/** The default export (whatever it chose) and the two implementations, for the shared checks. */
export const pair: Pair<Api> = { chosen: api, js, native };
/** Every entry point (the subpaths and the default export), labelled for `describe.each`. */
export const entryPoints = entryPointsOf(pair);
