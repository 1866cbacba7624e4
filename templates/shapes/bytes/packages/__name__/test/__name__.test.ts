// One suite, run against every implementation: the JS and native subpaths and the default export.
import { CHANNELS, outputLength } from '@__scope__/__name__';
import { type BadInput, describeBadInputs, describeEntryPoints } from '@__scope__/testkit';
import { describe, expect, test } from 'vitest';
import { entryPoints, pair } from './helpers.js';

/** The RGBA pixels given, as bytes. */
const pixels = (...rgba: [number, number, number, number][]) => Uint8Array.from(rgba.flat());

// From the definition, (77 R + 150 G + 29 B + 128) >> 8: black, white, pure red, green and blue
// (their BT.601 weights × 255, rounded), and alpha ignored.
const KNOWN_ANSWERS: [string, Uint8Array, number[]][] = [
  ['no pixels', pixels(), []],
  ['black and white', pixels([0, 0, 0, 255], [255, 255, 255, 255]), [0, 255]],
  ['red, green, blue', pixels([255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255]), [77, 149, 29]],
  ['alpha ignored', pixels([10, 20, 30, 0], [10, 20, 30, 255]), [18, 18]],
];

describe.each(entryPoints)('%s', (_name, api) => {
  test.each(KNOWN_ANSWERS)('__function__(%s)', (_what, rgba, expected) => {
    expect([...api.__function__(rgba)]).toEqual(expected);
  });

  test.each(KNOWN_ANSWERS)('__function__Async(%s)', async (_what, rgba, expected) => {
    expect([...(await api.__function__Async(rgba))]).toEqual(expected);
  });

  test('writes into the output given, and returns it', () => {
    const rgba = pixels([255, 255, 255, 0], [0, 0, 0, 0]);
    // A view into the middle of a larger buffer: only its own bytes are written.
    const memory = new Uint8Array(6).fill(7);
    const output = memory.subarray(2, 4);
    expect(api.__function__(rgba, output)).toBe(output);
    expect([...memory]).toEqual([7, 7, 255, 0, 7, 7]);
  });

  test('within one of the exact BT.601 luma, on every grey and many colours', () => {
    const rgba = new Uint8Array(256 * 256 * CHANNELS);
    for (let i = 0; i < 256 * 256; i++) rgba.set([i >> 8, i & 255, (i * 7) & 255, 255], i * CHANNELS);
    const luma = api.__function__(rgba);
    for (let i = 0; i < 256 * 256; i++) {
      const [r, g, b] = [i >> 8, i & 255, (i * 7) & 255];
      expect(Math.abs((luma[i] as number) - (0.299 * r + 0.587 * g + 0.114 * b))).toBeLessThanOrEqual(1);
    }
  });

  test('takes canvas ImageData.data (a Uint8ClampedArray) as a Uint8Array of the same bytes', () => {
    const clamped = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255]);
    expect([...api.__function__(clamped)]).toEqual([...api.__function__(new Uint8Array(clamped))]);
  });

  test('two SharedArrayBuffer objects over the same memory: the output cannot corrupt the input', () => {
    const memory = new SharedArrayBuffer(12);
    new Uint8Array(memory).set([255, 0, 0, 255, 0, 255, 0, 255, 10, 20, 30, 0]);
    const expected = api.__function__(new Uint8Array(memory).slice());
    // structuredClone of a SharedArrayBuffer is another object over the same memory.
    const alias = structuredClone(memory);
    const output = new Uint8Array(alias, 0, outputLength(12));
    expect([...api.__function__(new Uint8Array(memory), output)]).toEqual([...expected]);
  });

  test('__function__Async copies its input at the call: later changes do not reach the result', async () => {
    const rgba = pixels([255, 255, 255, 255]);
    const pending = api.__function__Async(rgba);
    rgba.fill(0);
    expect([...(await pending)]).toEqual([255]);
  });
});

describeEntryPoints(pair, (api, signal) => api.__function__Async(pixels(), { signal }));

const shared = new Uint8Array(64);
/** A view whose buffer was transferred away: it reports 0 bytes. */
const detached = () => {
  const view = new Uint8Array(8);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
};
const BAD_INPUTS: BadInput<typeof pair.js>[] = [
  ['__function__(string)', (api) => api.__function__('rgba' as never), TypeError, '"rgba"'],
  ['__function__(number[])', (api) => api.__function__([1, 2, 3, 4] as never), TypeError, '"rgba"'],
  ['__function__(Uint16Array)', (api) => api.__function__(new Uint16Array(4) as never), TypeError, '"rgba"'],
  ['__function__ with 5 bytes', (api) => api.__function__(new Uint8Array(5)), RangeError, '"rgba.length"'],
  ['__function__ with output = []', (api) => api.__function__(new Uint8Array(4), [] as never), TypeError, '"output"'],
  [
    '__function__ with a short output',
    (api) => api.__function__(new Uint8Array(8), new Uint8Array(outputLength(8) - 1)),
    RangeError,
    '"output.length"',
  ],
  [
    '__function__ with a long output',
    (api) => api.__function__(new Uint8Array(8), new Uint8Array(outputLength(8) + 1)),
    RangeError,
    '"output.length"',
  ],
  [
    '__function__ with an output overlapping rgba',
    // An output of the right size that starts on the input's last byte.
    (api) => api.__function__(shared.subarray(16, 28), shared.subarray(27, 27 + outputLength(12))),
    TypeError,
    '"output"',
  ],
  ['__function__ with a detached rgba', (api) => api.__function__(detached()), TypeError, '"rgba"'],
  ['__function__ with a detached output', (api) => api.__function__(new Uint8Array(8), detached()), TypeError, '"output"'],
  ['__function__Async with a detached rgba', (api) => api.__function__Async(detached()), TypeError, '"rgba"'],
  ['__function__Async(null)', (api) => api.__function__Async(null as never), TypeError, '"rgba"'],
  ['__function__Async with 3 bytes', (api) => api.__function__Async(new Uint8Array(3)), RangeError, '"rgba.length"'],
  ['__function__Async with options = 1', (api) => api.__function__Async(new Uint8Array(4), 1 as never), TypeError, '"options"'],
  [
    '__function__Async with a signal that is not an AbortSignal',
    (api) => api.__function__Async(new Uint8Array(4), { signal: {} as never }),
    TypeError,
    '"options.signal"',
  ],
];
describeBadInputs(pair, BAD_INPUTS);
