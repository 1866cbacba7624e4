import api, { type Api } from '@__scope__/__name__';
import js from '@__scope__/__name__/js';
import native from '@__scope__/__name__/native';
import { implementations as entryPoints, type Pair } from '@__scope__/testkit';

/** The default export (whatever it chose) and the two implementations, for the shared checks. */
export const pair: Pair<Api> = { chosen: api, js, native };
/** Every way to reach an implementation, labelled for `describe.each`. */
export const implementations = entryPoints(pair);
