// One suite, run against every implementation: the JS and native subpaths and the default export.
import { MAX_LENGTH } from '@__scope__/__name__';
import { type BadInput, describeBadInputs, errorOf } from '@__scope__/testkit';
import { describe, expect, test } from 'vitest';
import { implementations, pair } from './helpers.js';

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

describe.each(implementations)('%s', (_name, api) => {
  test.each(KNOWN_ANSWERS)('distance(%j, %j) = %i', (a, b, expected) => {
    expect(api.distance(a, b)).toBe(expected);
  });

  test.each(KNOWN_ANSWERS)('distanceAsync(%j, %j) = %i', async (a, b, expected) => {
    await expect(api.distanceAsync(a, b)).resolves.toBe(expected);
  });

  test('strings of MAX_LENGTH are accepted', () => {
    const long = 'ab'.repeat(MAX_LENGTH / 2);
    expect(api.distance(long, '')).toBe(MAX_LENGTH);
    expect(api.distance('ab', long)).toBe(MAX_LENGTH - 2);
  });

  test('an aborted signal rejects with an AbortError', async () => {
    const reason = new Error('no longer needed');
    const error = await errorOf(() => api.distanceAsync('a', 'b', { signal: AbortSignal.abort(reason) }));
    expect(error.name).toBe('AbortError');
    expect(error.cause).toBe(reason);
  });

  test('implementation names the one in use', () => {
    expect(['native', 'js']).toContain(api.implementation);
  });
});

test('the subpaths are the implementations they are named after', () => {
  expect(pair.js.implementation).toBe('js');
  expect(pair.native.implementation).toBe('native');
});

const TOO_LONG = 'x'.repeat(MAX_LENGTH + 1);
const BAD_INPUTS: BadInput<typeof pair.js>[] = [
  ['distance(number, string)', (api) => api.distance(42 as never, 'a'), TypeError, '"a"'],
  ['distance(string, undefined)', (api) => api.distance('a', undefined as never), TypeError, '"b"'],
  ['distance(Buffer, string)', (api) => api.distance(Buffer.from('a') as never, 'a'), TypeError, '"a"'],
  ['distance with a lone surrogate', (api) => api.distance('\uD800', 'a'), TypeError, '"a"'],
  ['distance with a string over MAX_LENGTH', (api) => api.distance('a', TOO_LONG), RangeError, '"b.length"'],
  ['distanceAsync(null, string)', (api) => api.distanceAsync(null as never, 'a'), TypeError, '"a"'],
  ['distanceAsync with a lone surrogate', (api) => api.distanceAsync('a', 'b\uDFFF'), TypeError, '"b"'],
  ['distanceAsync with options = 1', (api) => api.distanceAsync('a', 'b', 1 as never), TypeError, '"options"'],
  [
    'distanceAsync with a signal that is not an AbortSignal',
    (api) => api.distanceAsync('a', 'b', { signal: {} as never }),
    TypeError,
    '"options.signal"',
  ],
];
describeBadInputs(pair, BAD_INPUTS);
