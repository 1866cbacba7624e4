// @__scope__/__name__ size sweep: where native wins, and where JavaScript does. For each string
// length, the same pair of strings goes through the JS and the native sync call and the native
// async call; benny reports operations per second. Short strings show the price of crossing into
// Rust (and of copying the strings across), long ones the price of the work itself.
//
//   npm run bench -- __name__            (npm run bench:quick -- __name__ for a fast smoke run)
import js from '@__scope__/__name__/js';
import native from '@__scope__/__name__/native';
import b from 'benny';
import { QUICK, writeResults } from './lib/common.js';

const LENGTHS = [4, 32, 256, 2048];

/** A deterministic string of `length` letters, and a copy with every seventh letter changed. */
function strings(length: number): [string, string] {
  const a = Array.from({ length }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join('');
  const b = Array.from(a, (char, i) => (i % 7 === 0 ? 'z' : char)).join('');
  return [a, b];
}

const rows: { length: number; implementation: string; opsPerSecond: number }[] = [];
for (const length of LENGTHS) {
  const [left, right] = strings(length);
  const expected = js.distance(left, right);
  if (native.distance(left, right) !== expected) throw new Error(`native and JS disagree at length ${length}`);
  const cases: [string, () => unknown][] = [
    ['js distance', () => js.distance(left, right)],
    ['native distance', () => native.distance(left, right)],
    ['native distanceAsync', () => native.distanceAsync(left, right)],
  ];
  const summary = await b.suite(
    `__name__: ${length} characters`,
    b.configure({ cases: QUICK ? { minSamples: 2, maxTime: 0.05, delay: 0 } : { minSamples: 10, maxTime: 1 } }),
    ...cases.map(([name, call]) => b.add(name, call)),
    b.cycle(),
  );
  for (const [name] of cases) {
    const result = summary.results.find((candidate) => candidate.name === name);
    rows.push({ length, implementation: name, opsPerSecond: result?.ops ?? Number.NaN });
  }
}

console.table(
  LENGTHS.map((length) => {
    const at = (name: string) => rows.find((row) => row.length === length && row.implementation === name)!;
    const jsOps = at('js distance').opsPerSecond;
    const nativeOps = at('native distance').opsPerSecond;
    return {
      length,
      'js ops/s': Math.round(jsOps),
      'native ops/s': Math.round(nativeOps),
      'native async ops/s': Math.round(at('native distanceAsync').opsPerSecond),
      'native / js': `${(nativeOps / jsOps).toFixed(2)}×`,
    };
  }),
);
writeResults('__name__', rows);
