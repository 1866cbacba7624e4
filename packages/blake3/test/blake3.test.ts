// One suite, run against every implementation: the JS and native subpaths and the default export.
import { pathToFileURL } from 'node:url';
import { describeBadInputs, describeEntryPoints, errorOf } from '@oxidize/testkit';
import { afterAll, describe, expect, test } from 'vitest';
import { BAD_INPUTS } from './bad-inputs.js';
import { entryPoints, hex, pair, pattern, random, resizableBuffer, tempDir } from './helpers.js';
import { ABC, CONTEXT, EXTENDED_1025, KEY, VECTORS } from './known-answers.js';

const encode = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);

describe.each(entryPoints)('%s', (_name, b) => {
  describe('known answers (official test vectors)', () => {
    test.each(VECTORS)('input of %i bytes', (length, plain, keyed, derived) => {
      const input = pattern(length);
      expect(hex(b.hash(input))).toBe(plain);
      expect(hex(b.hash(input, { key: KEY }))).toBe(keyed);
      expect(hex(b.hash(input, { context: CONTEXT }))).toBe(derived);
    });

    test('extended output of 131 bytes, every mode', () => {
      const input = pattern(1025);
      expect(hex(b.hash(input, { length: 131 }))).toBe(EXTENDED_1025.hash);
      expect(hex(b.hash(input, { length: 131, key: KEY }))).toBe(EXTENDED_1025.keyed);
      expect(hex(b.hash(input, { length: 131, context: CONTEXT }))).toBe(EXTENDED_1025.deriveKey);
    });

    test('"abc", as a string and as bytes', () => {
      expect(hex(b.hash('abc'))).toBe(ABC);
      expect(hex(b.hash(encode('abc')))).toBe(ABC);
    });
  });

  test('extended lengths extend the shorter ones', () => {
    const input = pattern(5000);
    const long = b.hash(input, { length: 1000 });
    for (const length of [1, 31, 32, 33, 64, 65, 999]) {
      const short = b.hash(input, { length });
      expect(short.length).toBe(length);
      expect(hex(short)).toBe(hex(long.subarray(0, length)));
    }
  });

  test('every input type hashes its bytes', () => {
    const bytes = pattern(100);
    const expected = hex(b.hash(bytes));
    const copy = () => bytes.slice().buffer;
    const inputs = [
      Buffer.from(bytes),
      bytes.slice().buffer,
      new DataView(copy()),
      new Uint8ClampedArray(copy()),
      new Int16Array(copy()),
      new Uint32Array(copy()),
      new Float64Array(copy(), 0, 12),
      new BigUint64Array(copy(), 0, 12),
    ];
    for (const input of inputs.slice(0, 6)) expect(hex(b.hash(input))).toBe(expected);
    // Views that end before the buffer does hash only what they view.
    expect(hex(b.hash(inputs[6] as Float64Array))).toBe(hex(b.hash(bytes.subarray(0, 96))));
    expect(hex(b.hash(inputs[7] as BigUint64Array))).toBe(hex(b.hash(bytes.subarray(0, 96))));
  });

  test('a view hashes exactly the bytes it views', () => {
    const buf = pattern(64);
    expect(hex(b.hash(buf.subarray(3, 10)))).toBe(hex(b.hash(buf.slice(3, 10))));
    expect(hex(b.hash(new DataView(buf.buffer, 5, 17)))).toBe(hex(b.hash(buf.slice(5, 22))));
    expect(hex(b.hash(new Uint16Array(buf.buffer, 2, 3)))).toBe(hex(b.hash(buf.slice(2, 8))));
    expect(hex(b.hash(buf.subarray(10, 10)))).toBe(hex(b.hash('')));
    // Unaligned views exercise the byte-by-byte path of the JS build.
    const big = pattern(10_000);
    expect(hex(b.hash(big.subarray(1)))).toBe(hex(b.hash(big.slice(1))));
  });

  test('sync hashing reads shared and resizable memory like any other', () => {
    const bytes = pattern(3000);
    const shared = new Uint8Array(new SharedArrayBuffer(3000));
    shared.set(bytes);
    const growable = resizableBuffer(1000, 4000);
    growable.resize(3000);
    new Uint8Array(growable).set(bytes);
    const expected = hex(b.hash(bytes));
    expect(hex(b.hash(shared))).toBe(expected);
    expect(hex(b.hash(new Uint8Array(growable)))).toBe(expected);
    expect(hex(b.createHasher().update(shared.subarray(0, 10)).update(shared.subarray(10)).digest())).toBe(expected);
    // An empty view of shared memory is an empty input, not an error (it cannot be out of bounds).
    const growableShared = new (SharedArrayBuffer as new (length: number, options: object) => SharedArrayBuffer)(8, {
      maxByteLength: 64,
    });
    for (const empty of [
      new Uint8Array(new SharedArrayBuffer(8), 4, 0),
      Buffer.from(new SharedArrayBuffer(8), 0, 0),
      new Uint8Array(growableShared, 8),
    ]) {
      expect(hex(b.hash(empty))).toBe(hex(b.hash('')));
      expect(hex(b.createHasher().update(empty).digest())).toBe(hex(b.hash('')));
    }
  });

  test('strings hash as UTF-8, lone surrogates as U+FFFD', () => {
    for (const text of ['héllo wörld', '日本語のテキスト', '🦀 crab', `${'x'.repeat(3000)}é`]) {
      expect(hex(b.hash(text))).toBe(hex(b.hash(encode(text))));
    }
    for (const text of ['\ud800', 'a\udc00b', '\ud83e']) {
      expect(hex(b.hash(text))).toBe(hex(b.hash(encode(text))));
      expect(hex(b.hash(text))).toBe(hex(b.hash(encode(text.replace(/[\ud800-\udfff]/g, '\ufffd')))));
    }
  });

  describe('createHasher', () => {
    test('random chunk splits equal the one-shot hash', () => {
      const next = random(42);
      for (const length of [0, 1, 64, 65, 1023, 1024, 1025, 4096, 70_000, 300_000]) {
        const input = pattern(length);
        const hasher = b.createHasher();
        for (let at = 0; at < length; ) {
          const size = Math.min(length - at, Math.floor(next() * 3000) + (next() < 0.2 ? 0 : 1));
          hasher.update(input.subarray(at, at + size));
          at += size;
        }
        expect(hex(hasher.digest()), `length ${length}`).toBe(hex(b.hash(input)));
      }
    });

    test('digest does not end the hash', () => {
      const hasher = b.createHasher().update('hello ');
      const first = hasher.digest();
      expect(hex(hasher.digest())).toBe(hex(first));
      expect(hex(first)).toBe(hex(b.hash('hello ')));
      hasher.update('world');
      expect(hex(hasher.digest())).toBe(hex(b.hash('hello world')));
      expect(hex(hasher.digest(100))).toBe(hex(b.hash('hello world', { length: 100 })));
    });

    test('update and reset chain, reset starts over', () => {
      const hasher = b.createHasher();
      expect(hasher.update('junk').reset()).toBe(hasher);
      expect(hex(hasher.update('a').update('bc').digest())).toBe(hex(b.hash('abc')));
    });

    test('keyed and derive-key hashers', () => {
      const input = pattern(8193);
      const keyed = b.createHasher({ key: KEY });
      const derived = b.createHasher({ context: CONTEXT });
      for (let at = 0; at < input.length; at += 1000) {
        keyed.update(input.subarray(at, at + 1000));
        derived.update(input.subarray(at, at + 1000));
      }
      expect(hex(keyed.digest())).toBe(hex(b.hash(input, { key: KEY })));
      expect(hex(derived.digest())).toBe(hex(b.hash(input, { context: CONTEXT })));
      expect(hex(keyed.reset().update(input).digest())).toBe(VECTORS[5]?.[2]);
    });

    test('changing the key array afterwards does not change the hasher', () => {
      const key = KEY.slice();
      const hasher = b.createHasher({ key });
      key.fill(0);
      expect(hex(hasher.update(pattern(1)).digest())).toBe(VECTORS[1]?.[2]);
    });
  });

  describe('hashAsync', () => {
    test.each([0, 1, 1025, 200_000, 5 * 1024 * 1024 + 3])('equals hash for %i bytes', async (length) => {
      const input = pattern(length);
      expect(hex(await b.hashAsync(input))).toBe(hex(b.hash(input)));
      expect(hex(await b.hashAsync(input, { key: KEY, length: 77 }))).toBe(
        hex(b.hash(input, { key: KEY, length: 77 })),
      );
      expect(hex(await b.hashAsync(input, { context: CONTEXT }))).toBe(hex(b.hash(input, { context: CONTEXT })));
    });

    test('accepts strings and views', async () => {
      expect(hex(await b.hashAsync('héllo'))).toBe(hex(b.hash('héllo')));
      expect(hex(await b.hashAsync(pattern(50).subarray(7, 20)))).toBe(hex(b.hash(pattern(50).slice(7, 20))));
    });

    test('rejects with AbortError when the signal has already aborted', async () => {
      const reason = new Error('stop');
      const error = await errorOf(() => b.hashAsync('x', { signal: AbortSignal.abort(reason) }));
      expect(error.name).toBe('AbortError');
      expect((error as Error & { code: string }).code).toBe('ABORT_ERR');
      expect(error.cause).toBe(reason);
    });

    test('rejects with AbortError when the signal aborts during the work', async () => {
      const controller = new AbortController();
      const pending = b.hashAsync(new Uint8Array(64 * 1024 * 1024), { signal: controller.signal });
      controller.abort();
      const error = await errorOf(() => pending);
      expect(error.name).toBe('AbortError');
    });

    test('a signal that never aborts changes nothing', async () => {
      const controller = new AbortController();
      expect(hex(await b.hashAsync('abc', { signal: controller.signal }))).toBe(hex(b.hash('abc')));
    });
  });

  describe('hashFile', () => {
    const temp = tempDir();
    afterAll(() => temp.remove());

    test.each([
      ['empty', 0],
      ['small', 1025],
      ['multi-MiB, not a multiple of the read size', 9 * 1024 * 1024 + 7],
    ])('%s file (%i bytes)', async (_label, length) => {
      const data = pattern(length);
      const path = temp.file(`${length}.bin`, data);
      expect(hex(await b.hashFile(path))).toBe(hex(b.hash(data)));
      expect(hex(await b.hashFile(pathToFileURL(path)))).toBe(hex(b.hash(data)));
      expect(hex(await b.hashFile(path, { key: KEY, length: 40 }))).toBe(hex(b.hash(data, { key: KEY, length: 40 })));
    });

    test('a missing file rejects with ENOENT, as node:fs does', async () => {
      const error = await errorOf(() => b.hashFile(`${temp.dir}/does-not-exist`));
      expect((error as Error & { code: string }).code).toBe('ENOENT');
      expect(error.message).toContain('does-not-exist');
    });

    test('abort before and during', async () => {
      const path = temp.file('abort.bin', new Uint8Array(32 * 1024 * 1024));
      const before = await errorOf(() => b.hashFile(path, { signal: AbortSignal.abort() }));
      expect(before.name).toBe('AbortError');
      const controller = new AbortController();
      const pending = b.hashFile(path, { signal: controller.signal });
      setImmediate(() => controller.abort());
      expect((await errorOf(() => pending)).name).toBe('AbortError');
    });
  });

  describe('bad input', () => {
    test('a throwing getter in the options propagates unchanged', () => {
      const boom = new Error('getter');
      const options = {
        get length(): number {
          throw boom;
        },
      };
      expect(() => b.hash('x', options)).toThrow(boom);
    });
  });
});

describeEntryPoints(pair, (api, signal) => api.hashAsync('abc', { signal }));

describeBadInputs(pair, BAD_INPUTS);

// Independent of the known answers above: two byte sequences that differ only past the first
// chunk must hash differently (a guard against an implementation that ignores later chunks).
test.each(entryPoints)('%s: later chunks matter', (_name, b) => {
  const a = pattern(5000);
  const c = a.slice();
  c[4999] ^= 1;
  expect(hex(b.hash(a))).not.toBe(hex(b.hash(c)));
  expect(hex(b.hash(concat(a, a)))).not.toBe(hex(b.hash(a)));
});
