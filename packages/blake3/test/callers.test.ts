// Callers as they are, not as the code assumes them: pieces of a stream that are each their own
// memory, buffers changed, transferred or detached while a call is pending, arrays from another
// realm or a lying subclass, kernel files, FIFOs nobody writes to, processes and workers that end
// while work runs, signals shared by many calls, programs that create hashers in a loop. Each test
// here failed before the fix it guards (issue #10).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { blake3 as noble } from '@noble/hashes/blake3.js';
import { testIndependentPieces } from '@oxidize/testkit';
import { afterAll, describe, expect, test } from 'vitest';
import { hex, js, native, pair, pattern, resizableBuffer, tempDir } from './helpers.js';

const posix = process.platform !== 'win32';
const linux = process.platform === 'linux';
const builds = [
  ['js', js],
  ['native', native],
] as const;
const temp = tempDir();
afterAll(() => temp.remove());

type Piece = string | ArrayBuffer | ArrayBufferView;
const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7);

describe('streaming: every piece its own memory', () => {
  testIndependentPieces(pair, {
    stream: (api, pieces: Piece[]) =>
      pieces.reduce((hasher, piece) => hasher.update(piece), api.createHasher()).digest(),
    whole: (api, bytes) => api.hash(bytes),
    oracle: (bytes) => noble(bytes),
  });

  describe('keyed', () => {
    testIndependentPieces(
      pair,
      {
        stream: (api, pieces: Piece[]) =>
          pieces.reduce((hasher, piece) => hasher.update(piece), api.createHasher({ key })).digest(),
        whole: (api, bytes) => api.hash(bytes, { key }),
        oracle: (bytes) => noble(bytes, { key }),
      },
      { numRuns: 100 },
    );
  });

  test.each(builds)('%s: 3 bytes, then a 4-aligned 1000-byte array (the reported case)', (_name, b) => {
    const body = new Uint8Array(1000).map((_, i) => i);
    const digest = b.createHasher().update(Buffer.from('abc')).update(body).digest();
    expect(hex(digest)).toBe(hex(noble(Buffer.concat([Buffer.from('abc'), body]))));
  });
});

describe.each(builds)('%s: hashAsync hashes the bytes the input held at the call', (_name, b) => {
  const sizes = [64, 4096, 300_000, 3 * 1024 * 1024 + 5];

  /** Starts hashAsync, does `meddle` to the input, and checks the digest is that of the original bytes. */
  async function check(
    size: number,
    meddle: (input: Uint8Array) => void,
    make: (bytes: Uint8Array) => Uint8Array = (bytes) => bytes,
  ) {
    const input = make(pattern(size));
    const expected = hex(noble(input));
    const pending = b.hashAsync(input);
    meddle(input);
    // Give freed memory a chance to be reused and overwritten before the work reads it.
    for (let i = 0; i < 8; i++) new Uint8Array(size).fill(0xa5);
    expect(hex(await pending)).toBe(expected);
  }

  test.each(sizes)('%i bytes, overwritten after the call', (size) => check(size, (input) => input.fill(0xff)));

  // A Buffer's slice() is a view of the same memory, not a copy.
  test.each(sizes)('a Buffer of %i bytes, overwritten after the call', (size) =>
    check(
      size,
      (input) => input.fill(0xff),
      (bytes) => Buffer.from(bytes),
    ),
  );

  // Buffer.alloc, not Buffer.from: a small Buffer.from lives in Node's shared pool, which cannot be transferred.
  test.each(sizes)('a Buffer of %i bytes, transferred away', (size) =>
    check(
      size,
      (input) => structuredClone(input.buffer, { transfer: [input.buffer as ArrayBuffer] }),
      (bytes) => {
        const buffer = Buffer.alloc(bytes.length);
        buffer.set(bytes);
        return buffer;
      },
    ),
  );

  // Large copies are taken in memory earlier calls gave back: each call must hash its own bytes,
  // never a previous input's, whether calls follow each other (longer, then shorter) or overlap.
  test('large inputs one after another and at once each hash their own bytes', async () => {
    const inputs = [3 << 20, (1 << 20) + 1, 5 << 20, 1 << 20, 2 << 20].map((size, i) =>
      new Uint8Array(size).fill(i + 1),
    );
    const expected = inputs.map((input) => hex(noble(input)));
    for (const [i, input] of inputs.entries()) expect(hex(await b.hashAsync(input)), `${i}`).toBe(expected[i]);
    expect((await Promise.all(inputs.map((input) => b.hashAsync(input)))).map(hex)).toEqual(expected);
  });

  test("an option's getter that detaches the input is run before the input is checked", async () => {
    const input = pattern(100);
    const options = {
      get length() {
        structuredClone(input.buffer, { transfer: [input.buffer as ArrayBuffer] });
        return 32;
      },
    };
    await expect(b.hashAsync(input, options)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' });
    const again = pattern(100);
    const detachOnRead = {
      get key() {
        structuredClone(again.buffer, { transfer: [again.buffer as ArrayBuffer] });
        return undefined;
      },
    };
    expect(() => b.hash(again, detachOnRead)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  });

  // Found by review: `aborted` (or addEventListener) defined on the signal object itself is the
  // caller's code, and ran after the input was checked and before it was read.
  test.each(sizes)("%i bytes, detached or overwritten by the signal's own aborted getter", async (size) => {
    for (const meddle of ['detach', 'overwrite'] as const) {
      const input = pattern(size);
      const expected = hex(noble(input));
      const signal = new AbortController().signal;
      let meddled = false;
      // Once: the JS build reads `aborted` again between its slices, and a buffer is detached once.
      Object.defineProperty(signal, 'aborted', {
        get() {
          if (!meddled && meddle === 'detach')
            structuredClone(input.buffer, { transfer: [input.buffer as ArrayBuffer] });
          if (!meddled && meddle === 'overwrite') input.fill(0xff);
          meddled = true;
          return false;
        },
      });
      expect(hex(await b.hashAsync(input, { signal })), meddle).toBe(expected);
    }
  });

  test.each(sizes)('%i bytes, transferred away with structuredClone', (size) =>
    check(size, (input) => {
      structuredClone(input.buffer, { transfer: [input.buffer as ArrayBuffer] });
      expect(input.length).toBe(0);
    }),
  );

  test.each(sizes)('%i bytes, transferred to a MessagePort', (size) =>
    check(size, (input) => {
      const { port1, port2 } = new MessageChannel();
      port1.postMessage(input, [input.buffer as ArrayBuffer]);
      port1.close();
      port2.close();
    }),
  );

  // Node 22+ has ArrayBuffer.prototype.transfer, which frees the old memory at once (a new,
  // 16-byte store); Node 20 detaches the same way through structuredClone.
  const transfer = (ArrayBuffer.prototype as { transfer?: (length?: number) => ArrayBuffer }).transfer;
  test.each(sizes)('%i bytes, buffer.transfer(16) (structuredClone on Node 20)', (size) =>
    check(size, (input) => {
      if (transfer) transfer.call(input.buffer, 16);
      else structuredClone(input.buffer, { transfer: [input.buffer as ArrayBuffer] });
      expect(input.length).toBe(0);
    }),
  );

  test('64 MiB, transferred away while the call is pending: no crash, the right digest', () =>
    check(64 * 1024 * 1024, (input) => structuredClone(input.buffer, { transfer: [input.buffer as ArrayBuffer] })));
});

describe.runIf(linux).each(builds)('%s: files without a reliable size', (_name, b) => {
  test.each(['/proc/version', '/proc/sys/kernel/hostname'])('%s: what reading to the end returns', async (path) => {
    expect(hex(await b.hashFile(path))).toBe(hex(noble(readFileSync(path))));
  });

  test.each(['/proc/cpuinfo', '/proc/self/status'])('%s: hashes (its content moves while it is read)', async (path) => {
    expect(await b.hashFile(path)).toHaveLength(32);
  });

  // sysfs reports 4096 bytes for attributes of a few bytes.
  const sysfs = '/sys/kernel/mm/transparent_hugepage/enabled';
  test.runIf(existsSync(sysfs))(`${sysfs}: its content, not its reported size`, async () => {
    expect(hex(await b.hashFile(sysfs))).toBe(hex(noble(readFileSync(sysfs))));
  });
});

/** Runs `script` (an ES module) in a fresh Node process with `args`; its exit status and output. */
function runScript(script: string, args: string[] = [], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...args, '--input-type=module', '-e', script], {
      cwd: import.meta.dirname,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // A hang is the failure these tests look for: end it, and say so.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: performance.now() - started });
    });
  });
}

describe.each(builds)('%s: ending the process or a worker while work runs', (name) => {
  const load = `const { default: b } = await import('@oxidize/blake3/${name}');`;

  test.runIf(posix)('process.exit() while hashFile reads an endless device exits at once', async () => {
    const result = await runScript(`${load}
      b.hashFile('/dev/zero', { signal: AbortSignal.timeout(10_000) }).catch(() => {});
      b.hashFile('/dev/zero').catch(() => {});
      setTimeout(() => process.exit(3), 50);`);
    expect(result.status, result.stderr).toBe(3);
  });

  test('process.exit() while a 64 MiB hashAsync runs exits at once', async () => {
    const result = await runScript(`${load}
      const input = new Uint8Array(64 * 1024 * 1024);
      for (let i = 0; i < 8; i++) b.hashAsync(input, { length: 2 ** 30 }).catch(() => {});
      setTimeout(() => process.exit(4), 20);`);
    expect(result.status, result.stderr).toBe(4);
  });

  test.runIf(posix)('worker.terminate() while the worker hashes an endless device', async () => {
    const result = await runScript(`
      import { Worker } from 'node:worker_threads';
      const worker = new Worker(\`
        const { parentPort } = await import('node:worker_threads');
        const { default: b } = await import('@oxidize/blake3/${name}');
        b.hashFile('/dev/zero').catch(() => {});
        b.hashFile('/dev/zero').catch(() => {});
        parentPort.postMessage('running');\`, { eval: true });
      worker.once('message', () => setTimeout(async () => {
        await worker.terminate();
        console.log('terminated');
      }, 50));`);
    expect(result.stdout.trim(), result.stderr).toBe('terminated');
    expect(result.status).toBe(0);
  });
});

describe.runIf(posix).each(builds)('%s: a FIFO nobody writes to', (name) => {
  const fifo = (label: string) => {
    const path = join(temp.dir, `${name}-${label}.fifo`);
    execFileSync('mkfifo', [path]);
    return path;
  };

  test('an abort ends the wait, and the process exits by itself', async () => {
    const path = fifo('abort');
    const result = await runScript(`
      const { default: b } = await import('@oxidize/blake3/${name}');
      b.hashFile(${JSON.stringify(path)}, { signal: AbortSignal.timeout(100) }).catch((e) => console.log(e.name));`);
    expect(result.stdout.trim(), result.stderr).toBe('AbortError');
    expect(result.status).toBe(0);
  });

  test('an abort right after the call leaves nothing open: the process exits by itself', async () => {
    const path = fifo('early');
    const result = await runScript(`
      const { default: b } = await import('@oxidize/blake3/${name}');
      const controller = new AbortController();
      b.hashFile(${JSON.stringify(path)}, { signal: controller.signal }).catch((e) => console.log(e.name));
      controller.abort();`);
    expect(result.stdout.trim(), result.stderr).toBe('AbortError');
    expect(result.status).toBe(0);
  });

  // A signal that interrupts the job thread's poll() must not be taken for "ready": a FIFO with no
  // writer yet reads as end of file, and the digest would be of nothing.
  test.runIf(linux)('signals delivered to the job threads while they wait do not end the wait', async () => {
    const path = fifo('signals');
    const result = await runScript(`
      import { execFileSync, spawn } from 'node:child_process';
      import { readdirSync, readFileSync } from 'node:fs';
      const { default: b } = await import('@oxidize/blake3/${name}');
      process.on('SIGUSR2', () => {});
      const pending = b.hashFile(${JSON.stringify(path)});
      await new Promise((resolve) => setTimeout(resolve, 100));
      // tgkill(2) every thread but the main one, the job threads among them.
      const threads = readdirSync('/proc/self/task').filter((tid) => Number(tid) !== process.pid);
      execFileSync('python3', ['-c', \`import ctypes, sys
libc = ctypes.CDLL(None)
for _ in range(20):
    for tid in sys.argv[2:]:
        libc.syscall(234, int(sys.argv[1]), int(tid), 12)\`, String(process.pid), ...threads]);
      spawn('sh', ['-c', 'printf payload > "$0"', ${JSON.stringify(path)}]);
      console.log(Buffer.from(await pending).toString('hex'));`);
    expect(result.stdout.trim(), result.stderr).toBe(hex(noble(new TextEncoder().encode('payload'))));
  });

  test('eight FIFOs waiting for writers starve no other call', async () => {
    const paths = Array.from({ length: 8 }, (_, i) => fifo(`starve-${i}`));
    const result = await runScript(`
      const { default: b } = await import('@oxidize/blake3/${name}');
      const controller = new AbortController();
      const waits = ${JSON.stringify(paths)}.map((path) => b.hashFile(path, { signal: controller.signal }).catch((e) => e.name));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const digest = Buffer.from(await b.hashAsync(new Uint8Array(1_000_000))).toString('hex').slice(0, 8);
      const file = Buffer.from(await b.hashFile(${JSON.stringify(import.meta.filename)})).length;
      controller.abort();
      console.log(digest, file, (await Promise.all(waits)).every((outcome) => outcome === 'AbortError'));`);
    expect(result.stdout.trim(), result.stderr).toBe(`${hex(noble(new Uint8Array(1_000_000))).slice(0, 8)} 32 true`);
  });

  test('with UV_THREADPOOL_SIZE=1, node:fs keeps working while it waits', async () => {
    const path = fifo('pool');
    const result = await runScript(
      `
      import { readFile } from 'node:fs/promises';
      const { default: b } = await import('@oxidize/blake3/${name}');
      const controller = new AbortController();
      const pending = b.hashFile(${JSON.stringify(path)}, { signal: controller.signal }).catch((e) => e.name);
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (let i = 0; i < 3; i++) await readFile(${JSON.stringify(import.meta.filename)});
      controller.abort();
      console.log('read', await pending);`,
      [],
      { UV_THREADPOOL_SIZE: '1' },
    );
    expect(result.stdout.trim(), result.stderr).toBe('read AbortError');
  });
});

describe('js: long work gives the event loop turns, and stops when aborted', () => {
  test('a 4 MiB hashAsync runs in slices, other callbacks run in between', async () => {
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const input = pattern(4 * 1024 * 1024);
    const pending = js.hashAsync(input);
    const returnedAfter = turns;
    const digest = await pending;
    clearInterval(tick);
    expect(returnedAfter).toBe(0);
    expect(turns).toBeGreaterThan(8);
    expect(hex(digest)).toBe(hex(noble(input)));
  });

  test('an aborted 256 MiB digest stops producing output', async () => {
    const result = await runScript(`
      const { default: b } = await import('@oxidize/blake3/js');
      const signal = AbortSignal.timeout(5);
      b.hashAsync('x', { length: 2 ** 28, signal }).catch((e) => {
        // If the work went on after the abort, it would still be queueing turns.
        setTimeout(() => console.log(e.name, process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length), 30);
      });`);
    expect(result.stdout.trim(), result.stderr).toBe('AbortError 0');
  });
});

describe.each(builds)('%s: the same contract for every caller', (_name, b) => {
  test('arrays from another realm (vm contexts, as test runners make) are bytes like any other', () => {
    const input = runInNewContext('new Uint8Array([1, 2, 3])') as Uint8Array;
    const otherKey = runInNewContext('new Uint8Array(32).fill(9)') as Uint8Array;
    expect(hex(b.hash(input))).toBe(hex(noble(Uint8Array.of(1, 2, 3))));
    expect(hex(b.hash(input, { key: otherKey }))).toBe(
      hex(noble(Uint8Array.of(1, 2, 3), { key: new Uint8Array(32).fill(9) })),
    );
    expect(hex(b.createHasher().update(input).digest())).toBe(hex(noble(Uint8Array.of(1, 2, 3))));
  });

  test('a subclass whose length lies hashes its real bytes', async () => {
    class Liar extends Uint8Array {
      override get length() {
        return 1;
      }
      override get byteLength() {
        return 1;
      }
    }
    const honest = hex(noble(Uint8Array.of(1, 2, 3)));
    expect(hex(b.hash(new Liar([1, 2, 3])))).toBe(honest);
    expect(hex(await b.hashAsync(new Liar([1, 2, 3])))).toBe(honest);
    const liarKey = new Liar(32).fill(9);
    expect(hex(b.hash('x', { key: liarKey }))).toBe(
      hex(noble(new TextEncoder().encode('x'), { key: new Uint8Array(32).fill(9) })),
    );
  });

  test('properties set on the array itself do not change which bytes are hashed', async () => {
    const honest = hex(noble(new Uint8Array(300).fill(1)));
    for (const [name, value] of [
      ['length', 10],
      ['byteLength', 10],
      ['byteOffset', 8],
      ['buffer', new ArrayBuffer(300)],
      ['subarray', () => new Uint8Array(3)],
      ['slice', () => new Uint8Array(3)],
    ] as const) {
      for (const make of [() => new Uint8Array(300).fill(1), () => Buffer.alloc(300, 1)]) {
        const lying = Object.defineProperty(make(), name, { value });
        expect(hex(b.hash(lying)), name).toBe(honest);
        expect(hex(b.createHasher().update(lying).digest()), name).toBe(honest);
        expect(hex(await b.hashAsync(lying)), name).toBe(honest);
      }
    }
  });

  test('a Float64Array given the Uint8Array prototype hashes its 16 bytes', () => {
    const doubles = new Float64Array([1.5, 2.5]);
    const expected = hex(noble(new Uint8Array(doubles.buffer)));
    const disguised = Object.setPrototypeOf(new Float64Array([1.5, 2.5]), Uint8Array.prototype) as Uint8Array;
    expect(hex(b.hash(disguised))).toBe(expected);
  });

  test('a byteLength getter on the array itself is never run, so it cannot detach the input', async () => {
    const honest = hex(noble(new Uint8Array(5000).fill(7)));
    for (const call of [
      (u: Uint8Array) => b.hash(u),
      (u: Uint8Array) => b.hashAsync(u),
      (u: Uint8Array) => b.createHasher().update(u).digest(),
    ]) {
      const input = new Uint8Array(5000).fill(7);
      Object.defineProperty(input, 'byteLength', {
        get() {
          structuredClone(input.buffer, { transfer: [input.buffer as ArrayBuffer] });
          return 1;
        },
      });
      expect(hex(await call(input))).toBe(honest);
    }
  });

  test('a view out of the bounds of its shrunk resizable buffer is refused, not hashed as empty', async () => {
    const buffer = resizableBuffer(100, 200);
    const views = [
      new Uint8Array(buffer, 0, 80),
      new Uint8Array(buffer, 60),
      new Uint16Array(buffer, 0, 40),
      new DataView(buffer, 0, 80),
    ];
    (buffer as unknown as { resize(length: number): void }).resize(50);
    for (const view of views) {
      expect(() => b.hash(view), view.constructor.name).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
      );
      expect(() => b.createHasher().update(view), view.constructor.name).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
      );
    }
    // A view that is empty by construction is still the empty input.
    expect(hex(b.hash(new Uint8Array(buffer, 50)))).toBe(hex(noble(new Uint8Array(0))));
  });

  test('a listener that stops the abort event from propagating cannot keep a call from aborting', async () => {
    const controller = new AbortController();
    controller.signal.addEventListener('abort', (event) => event.stopImmediatePropagation());
    const pending = b.hashFile(posix ? '/dev/zero' : import.meta.filename, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('a dispatched "abort" event that is not an abort leaves later real aborts working', async () => {
    const controller = new AbortController();
    await b.hashAsync('a', { signal: controller.signal });
    controller.signal.dispatchEvent(new Event('abort'));
    const pending = b.hashFile(posix ? '/dev/zero' : import.meta.filename, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('I/O errors read as node:fs words them', async () => {
    const messageOf = (path: string) =>
      b.hashFile(path).then(
        () => 'hashed it',
        (error: Error) => error.message,
      );
    const fromFs = async (path: string) => {
      const { readFile } = await import('node:fs/promises');
      return readFile(path).catch((error: Error) => error.message);
    };
    const missing = join(temp.dir, 'missing', 'file');
    expect(await messageOf(missing)).toBe(await fromFs(missing));
    if (posix) {
      // node:fs reads a directory to EISDIR too; only the read's message is compared.
      expect(await messageOf(temp.dir)).toBe('EISDIR: illegal operation on a directory, read');
      const long = join(temp.dir, 'x'.repeat(300));
      expect(await messageOf(long)).toBe(await fromFs(long));
    }
  });

  test('one AbortSignal shared by 50 pending calls prints no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const { signal } = new AbortController();
      const path = temp.file('shared-signal.bin', pattern(1000));
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          i % 2 ? b.hashAsync(pattern(100_000), { signal }) : b.hashFile(path, { signal }),
        ),
      );
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  test('a disposed hasher refuses further use with ERR_INVALID_STATE; disposing twice is harmless', () => {
    const hasher = b.createHasher().update('abc');
    hasher[Symbol.dispose]();
    hasher.dispose();
    for (const use of [() => hasher.update('x'), () => hasher.digest(), () => hasher.reset()]) {
      expect(use).toThrow(expect.objectContaining({ code: 'ERR_INVALID_STATE' }));
    }
  });
});

test('native: hashers disposed of in a synchronous loop free their memory at once', async () => {
  // Without dispose, each abandoned hasher holds ~2 KB until the loop yields and finalizers run:
  // 100,000 of them ~200 MB. With it, the loop's growth stays small.
  const result = await runScript(`
    const { default: b } = await import('@oxidize/blake3/native');
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 100_000; i++) {
      const hasher = b.createHasher().update('abc');
      hasher.digest();
      hasher.dispose();
    }
    console.log(Math.round((process.memoryUsage().rss - before) / 2 ** 20));`);
  expect(Number(result.stdout), result.stderr).toBeLessThan(60);
});

describe.runIf(linux).each(builds)('%s: memory that cannot be had', (name) => {
  test('a digest too large for the address-space limit rejects with a RangeError; the process lives on', async () => {
    const script = `
      const { default: b } = await import('@oxidize/blake3/${name}');
      const kept = [];
      let error;
      try {
        for (let i = 0; i < 4; i++) kept.push(await b.hashAsync('x', { length: 2 ** 30 }));
      } catch (e) {
        error = e;
      }
      console.log(JSON.stringify([error?.constructor.name, error?.code, Buffer.from(b.hash('abc')).toString('hex').slice(0, 8)]));`;
    const result = await new Promise<string>((resolve) => {
      const child = spawn(
        'sh',
        ['-c', 'ulimit -v 3000000; exec "$0" --input-type=module -e "$1"', process.execPath, script],
        {
          cwd: import.meta.dirname,
        },
      );
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      child.on('close', (status) => resolve(`${out.trim()} (exit ${status})`));
    });
    expect(result).toBe('["RangeError","ERR_MEMORY_ALLOCATION_FAILED","6437b3ac"] (exit 0)');
  });
});

describe('the raw binding validates what it converts', () => {
  const binding = createRequire(import.meta.url)('../binding/index.cjs') as {
    hashAsync(input: Uint8Array, length: number): Promise<Uint8Array>;
    hashFile(path: string, length: number): Promise<Uint8Array>;
  };
  test.each([-1, Number.NaN, 0, 1.5, 2 ** 32, 2 ** 30 + 1, Number.POSITIVE_INFINITY])('length %d', async (length) => {
    expect(() => binding.hashAsync(new Uint8Array(1), length)).toThrow(
      expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }),
    );
    expect(() => binding.hashFile(import.meta.filename, length)).toThrow(
      expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }),
    );
  });

  test('an output that is empty, or overlaps the input, is refused', () => {
    const raw = binding as unknown as {
      hash(input: Uint8Array, output: Uint8Array): void;
      Hasher: new () => { digest(output: Uint8Array): void };
    };
    const memory = new Uint8Array(64);
    expect(() => raw.hash(memory, memory)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
    expect(() => raw.hash(memory.subarray(0, 40), memory.subarray(32))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
    );
    const keyed = binding as unknown as { hash(input: Uint8Array, output: Uint8Array, key: Uint8Array): void };
    expect(() => keyed.hash(new Uint8Array(8), memory.subarray(0, 32), memory.subarray(16, 48))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
    );
    expect(() => raw.hash(memory.subarray(0, 32), new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }),
    );
    expect(() => new raw.Hasher().digest(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }),
    );
    raw.hash(memory.subarray(0, 32), memory.subarray(32));
    expect(hex(memory.subarray(32))).toBe(hex(noble(new Uint8Array(32))));
  });

  test('hashInScratch refuses a header that claims more than the scratch holds', () => {
    const raw = binding as unknown as { scratchBuffer(): ArrayBuffer; hashInScratch(): void };
    // The thread's block, which the TypeScript layer also uses: it writes its header at every call.
    const scratch = new Uint8Array(raw.scratchBuffer());
    const header = new Uint32Array(scratch.buffer, 0, 2);
    const capacity = scratch.length - 8;
    for (const [input, digest] of [
      [capacity - 31, 32],
      [capacity - 32, 33],
      [0, 0],
      [2 ** 32 - 1, 32],
      [32, 2 ** 32 - 1],
    ]) {
      header.set([input as number, digest as number]);
      expect(() => raw.hashInScratch(), `${input}, ${digest}`).toThrow(
        expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }),
      );
    }
    // One block per thread: every caller gets the same one.
    expect(raw.scratchBuffer()).toBe(scratch.buffer);
    header.set([100, 32]);
    scratch.fill(7, 8, 108);
    raw.hashInScratch();
    expect(hex(scratch.subarray(-32))).toBe(hex(noble(new Uint8Array(100).fill(7))));
    expect(hex(native.hash('abc'))).toBe(hex(noble(new TextEncoder().encode('abc'))));
  });

  // In processes of their own: these change the thread's block or the realm's built-ins.
  function runNode(script: string): Record<string, string> {
    const prelude = `
      const { createRequire } = require('node:module');
      const binding = createRequire(${JSON.stringify(import.meta.filename)})('../binding/index.cjs');
      const load = () => import(${JSON.stringify(new URL('../dist/native/index.js', import.meta.url).href)} + '?' + Math.random());
      const outcome = (work) => { try { return Buffer.from(work()).toString('hex'); } catch (e) { return e.name + ' ' + (e.code ?? e.message); } };`;
    return JSON.parse(execFileSync(process.execPath, ['-e', prelude + script], { encoding: 'utf8' }));
  }
  const digestOf = (bytes: Uint8Array, length = 32) => hex(noble(bytes, { dkLen: length }));

  test('a detached scratch block: small hashes fall back to the ordinary call, a new load gets a new block', () => {
    const out = runNode(`
      load().then(async ({ default: native }) => {
        const before = binding.scratchBuffer();
        structuredClone(before, { transfer: [before] });
        const results = {
          small: outcome(() => native.hash('abc')),
          again: outcome(() => native.hash('abc')),
          long: outcome(() => native.hash('abc', { length: 40 })),
          raw: outcome(() => binding.hashInScratch()),
        };
        const after = binding.scratchBuffer();
        const { default: reloaded } = await load();
        results.fresh = String(after !== before && after.byteLength > 0);
        results.reloaded = outcome(() => reloaded.hash('abc'));
        results.old = outcome(() => native.hash('abc'));
        console.log(JSON.stringify(results));
      });`);
    const abc = new TextEncoder().encode('abc');
    expect(out).toEqual({
      small: digestOf(abc),
      again: digestOf(abc),
      long: digestOf(abc, 40),
      raw: 'Error ERR_INVALID_STATE',
      fresh: 'true',
      reloaded: digestOf(abc),
      old: digestOf(abc),
    });
  });

  test('a replaced Uint8Array.prototype.set or constructor cannot make hash answer for other bytes', () => {
    const out = runNode(`
      load().then(({ default: native }) => {
        const set = Uint8Array.prototype.set;
        let depth = 0;
        // Re-enters hash between the header and the call, as a hostile or careless patch could.
        Uint8Array.prototype.set = function (...args) {
          if (depth++ === 0) native.hash('other bytes');
          try { return set.apply(this, args); } finally { depth--; }
        };
        Object.defineProperty(Uint8Array.prototype, 'constructor', { value: function Fake(n) { return new Uint8Array(n).fill(7); }, configurable: true });
        console.log(JSON.stringify({
          short: outcome(() => native.hash('hello')),
          long: outcome(() => native.hash('hello', { length: 40 })),
        }));
      });`);
    const hello = new TextEncoder().encode('hello');
    expect(out).toEqual({ short: digestOf(hello), long: digestOf(hello, 40) });
  });

  test('nor can a replaced Function.prototype.call or global Uint8Array, nor an input inside the block', () => {
    const out = runNode(`
      load().then(({ default: native }) => {
        const results = {};
        // An input that is itself a view of the block: the header must not overwrite it first.
        const view = new Uint8Array(binding.scratchBuffer(), 0, 16);
        view.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        results.view = outcome(() => native.hash(view));
        const call = Function.prototype.call;
        let inside = false;
        Function.prototype.call = function (...args) {
          if (!inside) { inside = true; native.hash('other bytes', { length: 40 }); inside = false; }
          return Reflect.apply(this, args[0], args.slice(1));
        };
        results.call = outcome(() => native.hash('a'.repeat(100)));
        Function.prototype.call = call;
        const Real = Uint8Array;
        globalThis.Uint8Array = new Proxy(Real, { construct(target, args) { if (!inside) { inside = true; native.hash('other'); inside = false; } return Reflect.construct(target, args); } });
        results.global = outcome(() => native.hash('a'.repeat(100)));
        globalThis.Uint8Array = Real;
        console.log(JSON.stringify(results));
      });`);
    const a100 = new TextEncoder().encode('a'.repeat(100));
    const counting = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    expect(out).toEqual({ view: digestOf(counting), call: digestOf(a100), global: digestOf(a100) });
  });

  test('a Function.prototype.call that lies about lengths cannot make either build read other bytes', () => {
    const out = runNode(`
      Promise.all([load(), import(${JSON.stringify(new URL('../dist/js/index.js', import.meta.url).href)})]).then(
        async ([{ default: native }, { default: js }]) => {
          const input = Uint8Array.from({ length: 100 }, (_, i) => i);
          const call = Function.prototype.call;
          // Every built-in getter read through .call() would now say 1.
          Function.prototype.call = function () { return 1; };
          const got = {};
          for (const [name, work] of [['native', () => native.hash(input)], ['js', () => js.hash(input)],
            ['nativeAsync', () => native.hashAsync(input)], ['jsAsync', () => js.hashAsync(input)]]) {
            try { got[name] = work(); } catch (error) { got[name] = error; }
          }
          Function.prototype.call = call;
          const shown = (value) => value instanceof Error ? value.name + ' ' + value.message : Buffer.from(value).toString('hex');
          const results = {};
          for (const [name, value] of Object.entries(got)) {
            results[name] = value instanceof Promise ? await value.then(shown, shown) : shown(value);
          }
          console.log(JSON.stringify(results));
        });`);
    const digest = digestOf(Uint8Array.from({ length: 100 }, (_, i) => i));
    expect(out).toEqual({ native: digest, js: digest, nativeAsync: digest, jsAsync: digest });
  });

  test('Promise.resolve, Promise.reject or the global Promise replaced after load change nothing hashAsync returns', () => {
    const out = runNode(`
      Promise.all([load(), import(${JSON.stringify(new URL('../dist/js/index.js', import.meta.url).href)})]).then(
        async ([{ default: native }, { default: js }]) => {
          const input = Uint8Array.from({ length: 64 }, (_, i) => i);
          const Real = Promise;
          const [resolve, reject] = [Promise.resolve, Promise.reject];
          Promise.resolve = () => ({ then: (settle) => settle('not a digest') });
          Promise.reject = () => { throw new Error('replaced reject'); };
          globalThis.Promise = function Fake() { throw new Error('replaced Promise'); };
          const got = {};
          for (const [name, b] of [['native', native], ['js', js]]) {
            for (const [call, work] of [
              ['', () => b.hashAsync(input)],
              ['Signal', () => b.hashAsync(input, { signal: new AbortController().signal })],
              ['Bad', () => b.hashAsync(input, { length: 0 })],
            ]) {
              try { got[name + call] = work(); } catch (error) { got[name + call] = 'threw ' + error.message; }
            }
          }
          globalThis.Promise = Real;
          Object.assign(Promise, { resolve, reject });
          const results = {};
          for (const [name, value] of Object.entries(got)) {
            results[name] = !(value instanceof Real) ? 'not a promise: ' + String(value)
              : await value.then((d) => Buffer.from(d).toString('hex'), (e) => e.name + ' ' + e.code);
          }
          console.log(JSON.stringify(results));
        });`);
    const digest = digestOf(Uint8Array.from({ length: 64 }, (_, i) => i));
    const bad = 'RangeError ERR_OUT_OF_RANGE';
    expect(out).toEqual({
      native: digest,
      nativeSignal: digest,
      nativeBad: bad,
      js: digest,
      jsSignal: digest,
      jsBad: bad,
    });
  });

  // Which path a call takes decides what it costs, and no timing in CI can tell a lost fast path
  // from a slow moment of the machine: the block's contents can.
  test('small plain hashes, hashAsync included, go through the scratch block; large ones do not', () => {
    const out = runNode(`
      load().then(async ({ default: native }) => {
        const block = new Uint8Array(binding.scratchBuffer());
        const seen = () => {
          const [size, length] = new Uint32Array(block.buffer, 0, 2);
          return { size, length, input: Buffer.from(block.subarray(8, 8 + size)).toString('hex') };
        };
        const input = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);
        const results = {};
        native.hash(input);
        results.hash = seen();
        block.fill(0);
        const pending = native.hashAsync(input);
        results.hashAsync = seen(); // before it settles: hashed in the call
        await pending;
        block.fill(0);
        native.hash(input, { key: new Uint8Array(32) });
        await native.hashAsync(new Uint8Array(65 * 1024));
        results.untouched = block.every((byte) => byte === 0);
        console.log(JSON.stringify(results));
      });`);
    const input = Buffer.from(Uint8Array.from({ length: 64 }, (_, i) => 255 - i)).toString('hex');
    expect(out).toEqual({
      hash: { size: 64, length: 32, input },
      hashAsync: { size: 64, length: 32, input },
      untouched: true,
    });
  });
});

describe.each(builds)("%s: Node's permission model", (name) => {
  // Node 20 and 22 before 22.13 call it --experimental-permission.
  const flag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  const outside = join(tmpdir(), `oxidize-permission-${process.pid}.txt`);

  test('hashFile outside --allow-fs-read is refused as node:fs refuses it', async () => {
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(outside, 'secret');
    try {
      const root = join(import.meta.dirname, '..', '..', '..');
      const result = await runScript(
        `
        import { readFile } from 'node:fs/promises';
        const b = (await import('@oxidize/blake3/${name}')).default;
        const fromFs = await readFile(${JSON.stringify(outside)}).catch((e) => [e.code, e.message]);
        const fromUs = await b.hashFile(${JSON.stringify(outside)}).then(() => 'read it', (e) => [e.code, e.message]);
        console.log(JSON.stringify([b.implementation, fromFs, fromUs]));`,
        [flag, '--allow-addons', `--allow-fs-read=${root}`, '--no-warnings'],
      );
      const [implementation, fromFs, fromUs] = JSON.parse(result.stdout);
      expect([implementation, fromFs[0]], result.stderr).toEqual([name, 'ERR_ACCESS_DENIED']);
      expect(fromUs).toEqual(fromFs);
    } finally {
      rmSync(outside, { force: true });
    }
  });
});
