// hashFile on files that are not plain, still files: a clear error or the right digest, from
// both implementations, never a crash or a hang.
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, rmSync, truncateSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorOf } from '@oxidize/testkit';
import { afterAll, describe, expect, test } from 'vitest';
import { hex, js, native, pattern, tempDir } from './helpers.js';

const code = (error: Error) => (error as Error & { code?: string }).code;
// What POSIX lets a test do that Windows does not: FIFOs, unlinking or truncating an open file,
// mode 000, cheap sparse files.
const posix = process.platform !== 'win32';

describe.each([
  ['js', js],
  ['native', native],
])('%s', (name, b) => {
  const temp = tempDir();
  afterAll(() => temp.remove());

  test('a directory rejects with EISDIR', async () => {
    expect(code(await errorOf(() => b.hashFile(temp.dir)))).toBe('EISDIR');
  });

  test.runIf(posix)('a FIFO hashes what its writer writes', async () => {
    const fifo = join(temp.dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const data = pattern(300_000);
    const [digest] = await Promise.all([b.hashFile(fifo), writeFile(fifo, data)]);
    expect(hex(digest)).toBe(hex(b.hash(data)));
  });

  test('a 0-byte file', async () => {
    expect(hex(await b.hashFile(temp.file('empty', new Uint8Array(0))))).toBe(hex(b.hash('')));
  });

  test.runIf(posix)('a file deleted while being hashed: its digest (the open file lives on) or ENOENT', async () => {
    const data = pattern(8 * 1024 * 1024);
    const path = temp.file('deleted.bin', data);
    const pending = b.hashFile(path);
    rmSync(path);
    const outcome = await pending.then(hex, (error: Error) => code(error));
    expect([hex(b.hash(data)), 'ENOENT']).toContain(outcome);
  });

  test.runIf(posix)(
    'a file truncated while being hashed: the old digest, the new one, or ERR_FILE_CHANGED',
    async () => {
      const data = pattern(name === 'js' ? 32 * 1024 * 1024 : 128 * 1024 * 1024);
      const path = temp.file('truncated.bin', data);
      const pending = b.hashFile(path);
      setImmediate(() => truncateSync(path, 1024 * 1024));
      const outcome = await pending.then(hex, (error: Error) => {
        expect(error.message).toMatch(
          /^file changed size while being hashed: \d+ bytes when opened, \d+ when read to the end, '/,
        );
        return code(error);
      });
      expect([hex(b.hash(data)), hex(b.hash(data.subarray(0, 1024 * 1024))), 'ERR_FILE_CHANGED']).toContain(outcome);
    },
  );

  test.runIf(posix)('a file without read permission rejects with EACCES', () => {
    const path = temp.file('secret.bin', pattern(10));
    chmodSync(path, 0o000);
    chmodSync(temp.dir, 0o755);
    // root reads any file, so when the tests run as root the check runs as the nobody user.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const script = `import('@oxidize/blake3/${name}').then((m) => m.default.hashFile(${JSON.stringify(path)})).then(
      () => console.log('read it'), (e) => console.log(e.code))`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      ...asNobody,
      cwd: import.meta.dirname,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('EACCES');
  });
});

test.runIf(posix)('native: a sparse file larger than 4 GiB hashes right (no 32-bit size or counter)', async () => {
  const temp = tempDir();
  try {
    const path = join(temp.dir, 'sparse.bin');
    closeSync(openSync(path, 'w'));
    const length = 4 * 1024 ** 3 + 1;
    truncateSync(path, length);
    // The expected digest of that many zero bytes, fed in slices to a hasher.
    const hasher = native.createHasher();
    const zeros = new Uint8Array(16 * 1024 * 1024);
    let left = length;
    for (; left >= zeros.length; left -= zeros.length) hasher.update(zeros);
    hasher.update(zeros.subarray(0, left));
    expect(hex(await native.hashFile(path))).toBe(hex(hasher.digest()));
  } finally {
    temp.remove();
  }
});
