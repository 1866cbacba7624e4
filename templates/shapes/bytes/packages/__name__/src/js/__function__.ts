// The work itself, in TypeScript: the "before" of the pair, and its fallback wherever no binary
// fits. It must give the same answers as crates/__name__/src/__function_snake__.rs; the
// differential tests check that it does. Replace it with your function.
import { byteLengthOf } from '@__scope__/runtime';

/**
 * Writes the luma of each RGBA pixel of `rgba` into `output`, one byte a pixel:
 * `(77 R + 150 G + 29 B + 128) >> 8`, in integers so that it matches Rust to the bit.
 */
export function __function__(rgba: Uint8Array, output: Uint8Array): void {
  // The length V8 knows, as Rust sees it: a `length` property set on the array could say otherwise.
  const pixels = byteLengthOf(output);
  for (let pixel = 0, at = 0; pixel < pixels; pixel++, at += 4) {
    const red = rgba[at] as number;
    const green = rgba[at + 1] as number;
    const blue = rgba[at + 2] as number;
    output[pixel] = (77 * red + 150 * green + 29 * blue + 128) >> 8;
  }
}
