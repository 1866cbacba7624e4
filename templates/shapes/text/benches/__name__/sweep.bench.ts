// @__scope__/__name__ size sweep: where native wins, and where JavaScript does. For each string
// length, the same pair of strings goes through the JS and the native call and the native async
// call (benches/lib/sweep.ts). Short strings show the price of crossing into Rust (and of copying
// the strings across), long ones the price of the work itself.
//
//   npm run bench -- __name__            (npm run bench:quick -- __name__ for a fast smoke run)
import js from '@__scope__/__name__/js';
import native from '@__scope__/__name__/native';
import { sizeSweep } from '../lib/sweep.js';

/** A deterministic string of `length` letters, and a copy with every seventh letter changed. */
function strings(length: number): [string, string] {
  const a = Array.from({ length }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join('');
  const b = Array.from(a, (char, i) => (i % 7 === 0 ? 'z' : char)).join('');
  return [a, b];
}

await sizeSweep(
  '__name__',
  [4, 32, 256, 2048].map((length) => {
    const [a, b] = strings(length);
    if (native.__function__(a, b) !== js.__function__(a, b)) throw new Error(`native and JS disagree at ${length}`);
    return {
      size: `${length} characters`,
      js: () => js.__function__(a, b),
      native: () => native.__function__(a, b),
      nativeAsync: () => native.__function__Async(a, b),
    };
  }),
);
