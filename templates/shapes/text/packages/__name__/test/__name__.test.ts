// One suite, run against every implementation: the JS and native subpaths and the default export.
import { MAX_LENGTH } from '@__scope__/__name__';
import { type BadInput, describeBadInputs, describeEntryPoints } from '@__scope__/testkit';
import { describe, expect, test } from 'vitest';
import { entryPoints, pair } from './helpers.js';

// Published examples of the Levenshtein distance, and the edge cases of counting code points.
const KNOWN_ANSWERS: [string, string, number][] = [
  ['kitten', 'sitting', 3],
  ['flaw', 'lawn', 2],
  ['saturday', 'sunday', 3],
  ['', '', 0],
  ['', 'abc', 3],
  ['abc', '', 3],
  ['same', 'same', 0],
  ['café', 'cafe', 1],
  // One code point each, two UTF-16 code units each: one edit, not two.
  ['😀', 'a', 1],
  ['👍🏽', '👍🏿', 1],
];

describe.each(entryPoints)('%s', (_name, api) => {
  test.each(KNOWN_ANSWERS)('__function__(%j, %j) = %i', (a, b, expected) => {
    expect(api.__function__(a, b)).toBe(expected);
  });

  test.each(KNOWN_ANSWERS)('__function__Async(%j, %j) = %i', async (a, b, expected) => {
    await expect(api.__function__Async(a, b)).resolves.toBe(expected);
  });

  test('strings of MAX_LENGTH are accepted', () => {
    const long = 'ab'.repeat(MAX_LENGTH / 2);
    expect(api.__function__(long, '')).toBe(MAX_LENGTH);
    expect(api.__function__('ab', long)).toBe(MAX_LENGTH - 2);
  });
});

describeEntryPoints(pair, (api, signal) => api.__function__Async('a', 'b', { signal }));

const TOO_LONG = 'x'.repeat(MAX_LENGTH + 1);
const BAD_INPUTS: BadInput<typeof pair.js>[] = [
  ['__function__(number, string)', (api) => api.__function__(42 as never, 'a'), TypeError, '"a"'],
  ['__function__(string, undefined)', (api) => api.__function__('a', undefined as never), TypeError, '"b"'],
  ['__function__(Buffer, string)', (api) => api.__function__(Buffer.from('a') as never, 'a'), TypeError, '"a"'],
  ['__function__ with a lone surrogate', (api) => api.__function__('\uD800', 'a'), TypeError, '"a"'],
  ['__function__ with a string over MAX_LENGTH', (api) => api.__function__('a', TOO_LONG), RangeError, '"b.length"'],
  ['__function__Async(null, string)', (api) => api.__function__Async(null as never, 'a'), TypeError, '"a"'],
  ['__function__Async with a lone surrogate', (api) => api.__function__Async('a', 'b\uDFFF'), TypeError, '"b"'],
  ['__function__Async with options = 1', (api) => api.__function__Async('a', 'b', 1 as never), TypeError, '"options"'],
  [
    '__function__Async with a signal that is not an AbortSignal',
    (api) => api.__function__Async('a', 'b', { signal: {} as never }),
    TypeError,
    '"options.signal"',
  ],
];
describeBadInputs(pair, BAD_INPUTS);
