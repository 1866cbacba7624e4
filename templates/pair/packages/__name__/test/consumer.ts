// What a TypeScript user of the published package writes: `npm run test:release` type-checks a
// copy of this file in a fresh project (moduleResolution nodenext and bundler). Never run.
import api, { type DistanceOptions, distance, distanceAsync } from '@__scope__/__name__';
import js from '@__scope__/__name__/js';

const options: DistanceOptions = { signal: AbortSignal.timeout(1000) };
const near: number = distance('kitten', 'sitting');
const pending: Promise<number> = distanceAsync('flaw', 'lawn', options);
const which: 'native' | 'js' = api.implementation;
export { js, near, pending, which };
