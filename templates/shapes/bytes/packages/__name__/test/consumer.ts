// What a TypeScript user of the published package writes: `npm run test:release` type-checks a
// copy of this file in a fresh project (moduleResolution nodenext and bundler). Never run.
import api, { type __Function__Options, __function__, __function__Async, CHANNELS, outputLength } from '@__scope__/__name__';
import js from '@__scope__/__name__/js';

const options: __Function__Options = { signal: AbortSignal.timeout(1000) };
const image = new Uint8Array(16 * CHANNELS);
const luma: Uint8Array = __function__(image);
const into: Uint8Array = __function__(image, new Uint8Array(outputLength(image.length)));
const pending: Promise<Uint8Array> = __function__Async(image, options);
const which: 'native' | 'js' = api.implementation;
export { into, js, luma, pending, which };
