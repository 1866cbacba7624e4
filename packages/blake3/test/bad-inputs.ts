import type { Blake3 } from '@oxidize/blake3';

/** A view made first, then left behind when its buffer is transferred away (detached). */
function detachedView(): Uint8Array {
  const view = new Uint8Array(8);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

const key32 = new Uint8Array(32);

/** [what, the call, the error class, a word the message must contain (the argument's name)] */
export const BAD_INPUTS: [string, (api: Blake3) => unknown, ErrorConstructor, string][] = [
  ['hash(number)', (b) => b.hash(42 as never), TypeError, '"input"'],
  ['hash(null)', (b) => b.hash(null as never), TypeError, '"input"'],
  ['hash(undefined)', (b) => b.hash(undefined as never), TypeError, '"input"'],
  ['hash(plain object)', (b) => b.hash({} as never), TypeError, '"input"'],
  ['hash(array of numbers)', (b) => b.hash([1, 2, 3] as never), TypeError, '"input"'],
  ['hash(view of a detached buffer)', (b) => b.hash(detachedView()), TypeError, 'detached'],
  ['hash(detached ArrayBuffer)', (b) => b.hash(detachedView().buffer as ArrayBuffer), TypeError, 'detached'],
  ['hash(options = null)', (b) => b.hash('x', null as never), TypeError, '"options"'],
  ['hash(options = string)', (b) => b.hash('x', 'fast' as never), TypeError, '"options"'],
  ['length as string', (b) => b.hash('x', { length: '32' as never }), TypeError, '"options.length"'],
  ['fractional length', (b) => b.hash('x', { length: 1.5 }), RangeError, '"options.length"'],
  ['zero length', (b) => b.hash('x', { length: 0 }), RangeError, '"options.length"'],
  ['negative length', (b) => b.hash('x', { length: -1 }), RangeError, '"options.length"'],
  ['NaN length', (b) => b.hash('x', { length: Number.NaN }), RangeError, '"options.length"'],
  ['huge length', (b) => b.hash('x', { length: 2 ** 30 + 1 }), RangeError, '"options.length"'],
  ['key as string', (b) => b.hash('x', { key: 'k'.repeat(32) as never }), TypeError, '"options.key"'],
  ['key as array', (b) => b.hash('x', { key: new Array(32).fill(0) as never }), TypeError, '"options.key"'],
  ['31-byte key', (b) => b.hash('x', { key: new Uint8Array(31) }), RangeError, '"options.key"'],
  ['33-byte key', (b) => b.hash('x', { key: new Uint8Array(33) }), RangeError, '"options.key"'],
  ['detached key', (b) => b.hash('x', { key: detachedView() }), RangeError, '"options.key"'],
  ['key with context', (b) => b.hash('x', { key: key32, context: 'c' }), TypeError, '"options.context"'],
  ['context as number', (b) => b.hash('x', { context: 42 as never }), TypeError, '"options.context"'],
  ['hashAsync(number)', (b) => b.hashAsync(42 as never), TypeError, '"input"'],
  ['hashAsync(detached)', (b) => b.hashAsync(detachedView()), TypeError, 'detached'],
  ['hashAsync fractional length', (b) => b.hashAsync('x', { length: 2.5 }), RangeError, '"options.length"'],
  ['hashAsync 31-byte key', (b) => b.hashAsync('x', { key: new Uint8Array(31) }), RangeError, '"options.key"'],
  ['hashAsync signal not a signal', (b) => b.hashAsync('x', { signal: {} as never }), TypeError, '"options.signal"'],
  ['hashFile(number)', (b) => b.hashFile(42 as never), TypeError, '"path"'],
  ['hashFile(null)', (b) => b.hashFile(null as never), TypeError, '"path"'],
  ['hashFile(path with NUL)', (b) => b.hashFile('a\0b'), TypeError, '"path"'],
  ['hashFile(http URL)', (b) => b.hashFile(new URL('http://example.com/x')), TypeError, 'file'],
  ['hashFile key with context', (b) => b.hashFile('x', { key: key32, context: 'c' }), TypeError, '"options.context"'],
  ['createHasher 33-byte key', (b) => b.createHasher({ key: new Uint8Array(33) }), RangeError, '"options.key"'],
  ['createHasher(options = number)', (b) => b.createHasher(1 as never), TypeError, '"options"'],
  ['Hasher.update(number)', (b) => b.createHasher().update(1 as never), TypeError, '"input"'],
  ['Hasher.digest(0)', (b) => b.createHasher().digest(0), RangeError, '"length"'],
  ['Hasher.digest(string)', (b) => b.createHasher().digest('8' as never), TypeError, '"length"'],
];

/** The error a call throws or rejects with (a test failure if it succeeds). */
export async function errorOf(call: () => unknown): Promise<Error> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
