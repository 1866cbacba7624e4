import { close, constants, fstat, open, read } from 'node:fs';
import { Socket } from 'node:net';
import { setTimeout as delay, setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { AbortError, allocate, BuiltinPromise, byteLengthOf, onAbort, withCode } from '@oxidize/runtime';
import type { Backend, Mode } from '../contract.js';
import { Blake3 } from './blake3.js';

// JavaScript has no worker thread to move the work to, so `hashAsync`, `hashFile` and long digests
// work in slices and give the event loop a turn between them: other requests (and an abort) are
// not starved by one large input. A slice is well under a millisecond of hashing.
const SLICE = 64 * 1024;
// How much `hashFile` reads at once from a file of known size; two reads are kept in flight.
const FILE_READ = 1024 * 1024;
// Files without a reliable size (`/proc`, which reports 0) are read as `fs.readFile` reads them.
const STREAM_READ = 64 * 1024;

const openFd = promisify(open);
const fstatFd = promisify(fstat);
const readFd = promisify(read);
const closeFd = promisify(close);

function newHasher(mode: Mode): Blake3 {
  if (mode.key !== undefined) return Blake3.keyed(mode.key);
  if (mode.context !== undefined) return Blake3.deriveKey(mode.context);
  return Blake3.create();
}

// `hash` is synchronous, so one plain hasher can serve every call: setting up a hasher costs more
// than hashing a small input.
const plainHasher = Blake3.create();

/** The error of HashError::FileChanged in crates/blake3/src/error.rs, word for word. */
function fileChanged(path: string, atOpen: number, atEnd: number): Error {
  const message = `file changed size while being hashed: ${atOpen} bytes when opened, ${atEnd} when read to the end, '${path}'`;
  return withCode(new Error(message), 'ERR_FILE_CHANGED');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(signal.reason);
}

/** The digest, produced a slice at a time when it is long (up to 1 GiB can be asked for). */
async function digestInSlices(hasher: Blake3, length: number, signal?: AbortSignal): Promise<Uint8Array> {
  const output = allocate(length);
  for (let at = 0; at < length; at += SLICE) {
    if (at > 0) {
      await nextTurn();
      throwIfAborted(signal);
    }
    // SLICE is a multiple of BLAKE3's 64-byte output block.
    hasher.digest(output.subarray(at, at + SLICE), at / 64);
  }
  return output;
}

/** Hashes a regular file, the next read running while this one is hashed. */
async function hashReads(fd: number, hasher: Blake3, readSize: number, signal?: AbortSignal): Promise<number> {
  const buffers: Buffer[] = [Buffer.allocUnsafe(readSize), Buffer.allocUnsafe(readSize)];
  let next = readFd(fd, buffers[0] as Buffer, 0, readSize, null);
  let total = 0;
  try {
    for (let turn = 1; ; turn++) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return total;
      throwIfAborted(signal);
      next = readFd(fd, buffers[turn % 2] as Buffer, 0, readSize, null);
      hasher.update(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
  } catch (error) {
    // The read started before the failure is still in flight: its outcome no longer matters, but
    // must not surface as an unhandled rejection, and the descriptor must outlive it.
    await next.catch(() => {});
    throw error;
  }
}

/**
 * Hashes a device or a terminal to its end. Opened without blocking, a read that finds nothing yet
 * fails with EAGAIN (a terminal nobody typed into): wait a moment and try again, as the native
 * build waits in poll(), so that an abort is seen while waiting.
 */
async function hashDevice(fd: number, hasher: Blake3, signal?: AbortSignal): Promise<void> {
  const buffer = Buffer.allocUnsafe(STREAM_READ);
  for (;;) {
    throwIfAborted(signal);
    let bytesRead: number;
    try {
      ({ bytesRead } = await readFd(fd, buffer, 0, STREAM_READ, null));
    } catch (error) {
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
      await delay(20);
      continue;
    }
    if (bytesRead === 0) return;
    hasher.update(buffer.subarray(0, bytesRead));
  }
}

/**
 * Hashes a FIFO or a socket. Reading one with `fs.read` would hold a thread of libuv's pool until a
 * writer comes, maybe forever, and starve every other `fs` call; a `net.Socket` waits in the event
 * loop instead, and an abort ends the wait. The socket owns `fd` and closes it.
 */
function hashPipe(fd: number, hasher: Blake3, signal?: AbortSignal): Promise<void> {
  const socket = new Socket({ fd, readable: true, writable: false });
  return new BuiltinPromise<void>((resolve, reject) => {
    const unsubscribe = signal ? onAbort(signal, () => socket.destroy(new AbortError(signal.reason))) : () => {};
    socket.on('data', (chunk: Buffer) => hasher.update(chunk));
    socket.on('end', () => socket.destroy());
    socket.on('close', () => {
      unsubscribe();
      resolve();
    });
    socket.on('error', (error) => {
      unsubscribe();
      reject(error);
    });
  });
}

export const jsBackend: Backend = {
  implementation: 'js',

  hash(input, length, mode) {
    const hasher = mode.key === undefined && mode.context === undefined ? plainHasher.reset() : newHasher(mode);
    const output = allocate(length);
    hasher.update(input).digest(output);
    return output;
  },

  async hashAsync(input, length, mode, signal) {
    const hasher = newHasher(mode);
    const byteLength = byteLengthOf(input);
    if (byteLength <= SLICE) {
      // Hashed before this returns: nothing the caller does afterwards can reach it.
      hasher.update(input);
    } else {
      // Later slices run after the caller has run on and may have changed or transferred its
      // buffer: copy what they will read, as it is now. (Not input.slice(): a Buffer's slice is a
      // view of the same memory.)
      const bytes = allocate(byteLength, input);
      for (let at = 0; at < bytes.length; at += SLICE) {
        if (at > 0) {
          await nextTurn();
          throwIfAborted(signal);
        }
        hasher.update(bytes.subarray(at, at + SLICE));
      }
    }
    return digestInSlices(hasher, length, signal);
  },

  async hashFile(path, length, mode, signal) {
    const hasher = newHasher(mode);
    // O_NONBLOCK: opening a FIFO that has no writer yet would otherwise block a libuv thread until
    // one comes. (Windows has no FIFOs, and no such flag.)
    const fd = await openFd(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    let owned = true;
    try {
      const atOpen = await fstatFd(fd);
      // Aborted while opening: the call has rejected already, and nothing may be left waiting.
      throwIfAborted(signal);
      if (atOpen.isFIFO() || atOpen.isSocket()) {
        owned = false;
        await hashPipe(fd, hasher, signal);
      } else if (!atOpen.isFile()) {
        await hashDevice(fd, hasher, signal);
      } else {
        await hashReads(fd, hasher, atOpen.size === 0 ? STREAM_READ : FILE_READ, signal);
        // A size that moved while we read means the digest is of neither version. A size that did
        // not move but differs from what was read is a kernel file's (sysfs says 4096 for a few
        // bytes): what reading to the end returns is the content, as `fs.readFile` takes it.
        const atEnd = await fstatFd(fd);
        if (atEnd.size !== atOpen.size) throw fileChanged(path, atOpen.size, atEnd.size);
      }
    } finally {
      if (owned) await closeFd(fd);
    }
    throwIfAborted(signal);
    return digestInSlices(hasher, length, signal);
  },

  createHasher(mode) {
    const hasher = newHasher(mode);
    return {
      update: (input) => hasher.update(input),
      digest: (length) => {
        const output = allocate(length);
        hasher.digest(output);
        return output;
      },
      reset: () => hasher.reset(),
      // Nothing outside the JavaScript heap: once the API drops its reference, the GC frees it.
      dispose: () => {},
    };
  },
};
