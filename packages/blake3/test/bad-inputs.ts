import type { Blake3 } from '@oxidize/blake3';
import type { BadInput } from '@oxidize/testkit';
import { resizableBuffer } from './helpers.js';

/** A view made first, then left behind when its buffer is transferred away (detached). */
function detachedView(): Uint8Array {
  const view = new Uint8Array(8);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

const key32 = new Uint8Array(32);
const throwingValueOf = {
  valueOf(): number {
    throw new Error('valueOf must not be called');
  },
};
const throwingToString = {
  toString(): string {
    throw new Error('toString must not be called');
  },
};
const resizable = () => resizableBuffer(8, 16);

export const BAD_INPUTS: BadInput<Blake3>[] = [
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
  ['hashFile(file URL with %00)', (b) => b.hashFile(new URL('file:///data/a%00b')), TypeError, '"path"'],
  ['hashFile(http URL)', (b) => b.hashFile(new URL('http://example.com/x')), TypeError, 'file'],
  ['hashFile key with context', (b) => b.hashFile('x', { key: key32, context: 'c' }), TypeError, '"options.context"'],
  ['createHasher 33-byte key', (b) => b.createHasher({ key: new Uint8Array(33) }), RangeError, '"options.key"'],
  ['createHasher(options = number)', (b) => b.createHasher(1 as never), TypeError, '"options"'],
  ['Hasher.update(number)', (b) => b.createHasher().update(1 as never), TypeError, '"input"'],
  ['Hasher.update(null)', (b) => b.createHasher().update(null as never), TypeError, '"input"'],
  ['Hasher.update(undefined)', (b) => b.createHasher().update(undefined as never), TypeError, '"input"'],
  ['Hasher.digest(null)', (b) => b.createHasher().digest(null as never), TypeError, '"length"'],
  ['Hasher.digest(-1)', (b) => b.createHasher().digest(-1), RangeError, '"length"'],
  ['Hasher.update with a wrong this', (b) => b.createHasher().update.call({} as never, 'x'), TypeError, '"this"'],
  ['Hasher.digest with a wrong this', (b) => b.createHasher().digest.call(null as never), TypeError, '"this"'],
  ['Hasher.reset with a wrong this', (b) => b.createHasher().reset.call(undefined as never), TypeError, '"this"'],
  ['Hasher.dispose with a wrong this', (b) => b.createHasher().dispose.call(1 as never), TypeError, '"this"'],
  [
    'Hasher[Symbol.dispose] with a wrong this that has a dispose()',
    (b) => b.createHasher()[Symbol.dispose].call({ dispose() {} } as never),
    TypeError,
    '"this"',
  ],
  [
    'a Hasher constructed from hasher.constructor',
    (b) => {
      const Constructor = b.createHasher().constructor as new (...args: unknown[]) => unknown;
      return new Constructor({ digest: () => 'not a digest', update() {}, reset() {}, dispose() {} });
    },
    TypeError,
    'Illegal constructor',
  ],
  [
    'input a revoked Proxy',
    (b) => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return b.hash(proxy as never);
    },
    TypeError,
    '"input"',
  ],
  [
    'input a revoked Proxy of a function',
    (b) => {
      const { proxy, revoke } = Proxy.revocable(() => {}, {});
      revoke();
      return b.hash(proxy as never);
    },
    TypeError,
    '"input"',
  ],
  [
    'input a function whose name getter throws',
    (b) =>
      b.hash(
        Object.defineProperty(() => {}, 'name', {
          get: () => {
            throw new Error('mine');
          },
        }) as never,
      ),
    TypeError,
    '"input"',
  ],
  [
    'input whose constructor getter throws',
    (b) =>
      b.hash(
        Object.defineProperty({}, 'constructor', {
          get: () => {
            throw new Error('mine');
          },
        }) as never,
      ),
    TypeError,
    '"input"',
  ],
  ['createHasher(null)', (b) => b.createHasher(null as never), TypeError, '"options"'],
  ['createHasher key = null', (b) => b.createHasher({ key: null as never }), TypeError, '"options.key"'],
  ['createHasher key and context', (b) => b.createHasher({ key: key32, context: '' }), TypeError, '"options.context"'],
  ['length = null', (b) => b.hash('x', { length: null as never }), TypeError, '"options.length"'],
  ['length = Infinity', (b) => b.hash('x', { length: Number.POSITIVE_INFINITY }), RangeError, '"options.length"'],
  ['length = -0.5', (b) => b.hash('x', { length: -0.5 }), RangeError, '"options.length"'],
  ['length = 2^53', (b) => b.hash('x', { length: 2 ** 53 }), RangeError, '"options.length"'],
  ['length as BigInt', (b) => b.hash('x', { length: 32n as never }), TypeError, '"options.length"'],
  [
    'length whose valueOf throws',
    (b) => b.hash('x', { length: throwingValueOf as never }),
    TypeError,
    '"options.length"',
  ],
  ['0-byte key', (b) => b.hash('x', { key: new Uint8Array(0) }), RangeError, '"options.key"'],
  ['key = null', (b) => b.hash('x', { key: null as never }), TypeError, '"options.key"'],
  [
    'key as a 32-byte ArrayBuffer',
    (b) => b.hash('x', { key: new ArrayBuffer(32) as never }),
    TypeError,
    '"options.key"',
  ],
  ['context = null', (b) => b.hash('x', { context: null as never }), TypeError, '"options.context"'],
  ['context as object', (b) => b.hash('x', { context: {} as never }), TypeError, '"options.context"'],
  ['context as Symbol', (b) => b.hash('x', { context: Symbol('c') as never }), TypeError, '"options.context"'],
  [
    'context whose toString throws',
    (b) => b.hash('x', { context: throwingToString as never }),
    TypeError,
    '"options.context"',
  ],
  ['input whose toString throws', (b) => b.hash(throwingToString as never), TypeError, '"input"'],
  ['input as a SharedArrayBuffer', (b) => b.hash(new SharedArrayBuffer(8) as never), TypeError, '"input"'],
  ['input as boolean', (b) => b.hash(true as never), TypeError, '"input"'],
  ['hashAsync(null)', (b) => b.hashAsync(null as never), TypeError, '"input"'],
  ['hashAsync options = null', (b) => b.hashAsync('x', null as never), TypeError, '"options"'],
  ['hashAsync signal = null', (b) => b.hashAsync('x', { signal: null as never }), TypeError, '"options.signal"'],
  [
    'hashAsync(SharedArrayBuffer view)',
    (b) => b.hashAsync(new Uint8Array(new SharedArrayBuffer(8))),
    TypeError,
    'SharedArrayBuffer',
  ],
  [
    'hashAsync(empty view of a SharedArrayBuffer)',
    (b) => b.hashAsync(new Uint8Array(new SharedArrayBuffer(8), 4, 0)),
    TypeError,
    'SharedArrayBuffer',
  ],
  [
    'hashAsync(view of a SharedArrayBuffer posing as an ArrayBuffer)',
    (b) => b.hashAsync(new Uint8Array(Object.setPrototypeOf(new SharedArrayBuffer(8), ArrayBuffer.prototype))),
    TypeError,
    'SharedArrayBuffer',
  ],
  [
    'hashAsync(view of a growable SharedArrayBuffer)',
    (b) =>
      b.hashAsync(
        new Uint8Array(
          new (SharedArrayBuffer as new (length: number, options: object) => SharedArrayBuffer)(8, {
            maxByteLength: 64,
          }),
        ),
      ),
    TypeError,
    'SharedArrayBuffer',
  ],
  ['hashAsync(resizable buffer view)', (b) => b.hashAsync(new Uint8Array(resizable())), TypeError, 'resizable'],
  ['hashFile(undefined)', (b) => b.hashFile(undefined as never), TypeError, '"path"'],
  ['hashFile(Buffer path)', (b) => b.hashFile(Buffer.from('/etc/hostname') as never), TypeError, '"path"'],
  ['hashFile length = 0', (b) => b.hashFile('/etc/hostname', { length: 0 }), RangeError, '"options.length"'],
  [
    'hashFile 31-byte key',
    (b) => b.hashFile('/etc/hostname', { key: new Uint8Array(31) }),
    RangeError,
    '"options.key"',
  ],
  ['Hasher.digest(0)', (b) => b.createHasher().digest(0), RangeError, '"length"'],
  ['Hasher.digest(string)', (b) => b.createHasher().digest('8' as never), TypeError, '"length"'],
];
