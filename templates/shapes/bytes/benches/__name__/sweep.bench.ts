// @__scope__/__name__ size sweep: where native wins, and where JavaScript does. For each image
// size, the same pixels go through the JS and the native call (both writing into an output they
// are given) and the native async call (benches/lib/sweep.ts). Small images show the price of
// crossing into Rust, large ones the price of the work itself.
//
//   npm run bench -- __name__            (npm run bench:quick -- __name__ for a fast smoke run)
import js from '@__scope__/__name__/js';
import native, { outputLength } from '@__scope__/__name__/native';
import { sizeSweep } from '../lib/sweep.js';

await sizeSweep(
  '__name__',
  [16, 1024, 65_536, 1_048_576].map((count) => {
    const rgba = Uint8Array.from({ length: count * 4 }, (_, i) => (i * 7919) % 251);
    const output = new Uint8Array(outputLength(rgba.length));
    if (Buffer.compare(native.__function__(rgba), js.__function__(rgba)) !== 0) {
      throw new Error(`native and JS disagree at ${count} pixels`);
    }
    return {
      size: `${count.toLocaleString('en')} pixels`,
      js: () => js.__function__(rgba, output),
      native: () => native.__function__(rgba, output),
      nativeAsync: () => native.__function__Async(rgba),
    };
  }),
);
