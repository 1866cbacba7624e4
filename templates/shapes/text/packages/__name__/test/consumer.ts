// What a TypeScript user of the published package writes: `npm run test:release` type-checks a
// copy of this file in a fresh project (moduleResolution nodenext and bundler). Never run.
import api, { type __Function__Options, __function__, __function__Async } from '@__scope__/__name__';
import js from '@__scope__/__name__/js';

const options: __Function__Options = { signal: AbortSignal.timeout(1000) };
const near: number = __function__('kitten', 'sitting');
const pending: Promise<number> = __function__Async('flaw', 'lawn', options);
const which: 'native' | 'js' = api.implementation;
export { js, near, pending, which };
