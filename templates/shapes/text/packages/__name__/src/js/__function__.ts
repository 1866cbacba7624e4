// The work itself, in TypeScript: the "before" of the pair, and its fallback wherever no binary
// fits. It must give the same answers as crates/__name__/src/__function_snake__.rs; the differential tests
// check that it does. Replace it with your function.

/**
 * The Levenshtein distance between `a` and `b`, counted in code points (as Rust counts `char`s):
 * one row of the dynamic-programming table, in a typed array.
 */
export function __function__(a: string, b: string): number {
  const left = Int32Array.from(a, (char) => char.codePointAt(0) as number);
  const right = Int32Array.from(b, (char) => char.codePointAt(0) as number);
  // row[j] = distance between the part of `a` seen so far and the first j code points of `b`.
  const row = new Uint32Array(right.length + 1);
  for (let j = 0; j <= right.length; j++) row[j] = j;
  for (let i = 0; i < left.length; i++) {
    const charA = left[i];
    let diagonal = row[0] as number;
    let previous = i + 1;
    row[0] = previous;
    for (let j = 0; j < right.length; j++) {
      const above = row[j + 1] as number;
      // Plain comparisons rather than Math.min: this loop is the whole cost of the function.
      let best = diagonal + (charA === right[j] ? 0 : 1);
      if (above + 1 < best) best = above + 1;
      if (previous + 1 < best) best = previous + 1;
      row[j + 1] = best;
      previous = best;
      diagonal = above;
    }
  }
  return row[right.length] as number;
}
