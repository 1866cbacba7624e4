// BLAKE3 in plain TypeScript: the "before" of the kit, the fallback where no native binary exists,
// and the second opinion in the differential tests. It follows the structure of the reference
// implementation (https://github.com/BLAKE3-team/BLAKE3/blob/master/reference_impl), with three
// changes for speed that keep it readable:
// - the compression function keeps its 16 state words and 16 message words in local variables,
//   which V8 holds in registers (array slots would be memory loads and stores);
// - full blocks are compressed straight from the caller's bytes instead of being copied to a buffer;
// - when the input is 4-byte aligned on a little-endian machine, message words are read through a
//   Uint32Array view instead of being assembled from four bytes each.

import { bufferOf, byteLengthOf, byteOffsetOf } from '@oxidize/runtime';

const IV = Uint32Array.of(
  0x6a09e667,
  0xbb67ae85,
  0x3c6ef372,
  0xa54ff53a,
  0x510e527f,
  0x9b05688c,
  0x1f83d9ab,
  0x5be0cd19,
);

const BLOCK_LEN = 64;
const CHUNK_LEN = 1024;
const CHUNK_START = 1;
const CHUNK_END = 2;
const PARENT = 4;
const ROOT = 8;
const KEYED_HASH = 16;
const DERIVE_KEY_CONTEXT = 32;
const DERIVE_KEY_MATERIAL = 64;
// Enough for 2^54 chunks, i.e. any input a JavaScript number can count the bytes of.
const MAX_DEPTH = 54;

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
// Below this size, making a Uint32Array view of the input costs more than assembling words by hand.
const WORD_VIEW_MIN = 256;

const utf8 = new TextEncoder();

// What `update` reads of its input (length, offset, buffer) goes through the built-in getters, so
// that properties set on the array itself cannot make this build hash other bytes than the native one.
const EMPTY_STACK = new Uint32Array(0);
// Scratch space for `digest`, which never runs re-entrantly.
const rootCv = new Uint32Array(8);
const rootBlock = new Uint32Array(16);
const rootOutput = new Uint32Array(16);

// biome-ignore format: one G step per line, in the column/diagonal layout of the specification.
/**
 * The compression function. Reads the chaining value `cv[0..8]` and the message block
 * `m[mAt..mAt+16]`, writes 8 output words (a chaining value) or, with `full`, all 16 (root output)
 * to `out`. `out` may be `cv` itself when `full` is false.
 */
function compress(
  cv: Uint32Array,
  m: Uint32Array,
  mAt: number,
  counter: number,
  blockLen: number,
  flags: number,
  out: Uint32Array,
  full: boolean,
): void {
  const h0 = cv[0] | 0;
  const h1 = cv[1] | 0;
  const h2 = cv[2] | 0;
  const h3 = cv[3] | 0;
  const h4 = cv[4] | 0;
  const h5 = cv[5] | 0;
  const h6 = cv[6] | 0;
  const h7 = cv[7] | 0;
  let v0 = h0;
  let v1 = h1;
  let v2 = h2;
  let v3 = h3;
  let v4 = h4;
  let v5 = h5;
  let v6 = h6;
  let v7 = h7;
  let v8 = 0x6a09e667;
  let v9 = 0xbb67ae85 | 0;
  let v10 = 0x3c6ef372;
  let v11 = 0xa54ff53a | 0;
  let v12 = counter | 0;
  let v13 = (counter / 0x100000000) | 0;
  let v14 = blockLen;
  let v15 = flags;
  let m0 = m[mAt] | 0;
  let m1 = m[mAt + 1] | 0;
  let m2 = m[mAt + 2] | 0;
  let m3 = m[mAt + 3] | 0;
  let m4 = m[mAt + 4] | 0;
  let m5 = m[mAt + 5] | 0;
  let m6 = m[mAt + 6] | 0;
  let m7 = m[mAt + 7] | 0;
  let m8 = m[mAt + 8] | 0;
  let m9 = m[mAt + 9] | 0;
  let m10 = m[mAt + 10] | 0;
  let m11 = m[mAt + 11] | 0;
  let m12 = m[mAt + 12] | 0;
  let m13 = m[mAt + 13] | 0;
  let m14 = m[mAt + 14] | 0;
  let m15 = m[mAt + 15] | 0;
  for (let round = 0; ; round++) {
    // Each quarter of the round is the G function: mix two message words into one column or
    // diagonal of the state. Rotations are written as shift pairs because JS has no rotate.
    // Columns.
    v0 = (v0 + v4 + m0) | 0; v12 ^= v0; v12 = (v12 >>> 16) | (v12 << 16);
    v8 = (v8 + v12) | 0; v4 ^= v8; v4 = (v4 >>> 12) | (v4 << 20);
    v0 = (v0 + v4 + m1) | 0; v12 ^= v0; v12 = (v12 >>> 8) | (v12 << 24);
    v8 = (v8 + v12) | 0; v4 ^= v8; v4 = (v4 >>> 7) | (v4 << 25);

    v1 = (v1 + v5 + m2) | 0; v13 ^= v1; v13 = (v13 >>> 16) | (v13 << 16);
    v9 = (v9 + v13) | 0; v5 ^= v9; v5 = (v5 >>> 12) | (v5 << 20);
    v1 = (v1 + v5 + m3) | 0; v13 ^= v1; v13 = (v13 >>> 8) | (v13 << 24);
    v9 = (v9 + v13) | 0; v5 ^= v9; v5 = (v5 >>> 7) | (v5 << 25);

    v2 = (v2 + v6 + m4) | 0; v14 ^= v2; v14 = (v14 >>> 16) | (v14 << 16);
    v10 = (v10 + v14) | 0; v6 ^= v10; v6 = (v6 >>> 12) | (v6 << 20);
    v2 = (v2 + v6 + m5) | 0; v14 ^= v2; v14 = (v14 >>> 8) | (v14 << 24);
    v10 = (v10 + v14) | 0; v6 ^= v10; v6 = (v6 >>> 7) | (v6 << 25);

    v3 = (v3 + v7 + m6) | 0; v15 ^= v3; v15 = (v15 >>> 16) | (v15 << 16);
    v11 = (v11 + v15) | 0; v7 ^= v11; v7 = (v7 >>> 12) | (v7 << 20);
    v3 = (v3 + v7 + m7) | 0; v15 ^= v3; v15 = (v15 >>> 8) | (v15 << 24);
    v11 = (v11 + v15) | 0; v7 ^= v11; v7 = (v7 >>> 7) | (v7 << 25);

    // Diagonals.
    v0 = (v0 + v5 + m8) | 0; v15 ^= v0; v15 = (v15 >>> 16) | (v15 << 16);
    v10 = (v10 + v15) | 0; v5 ^= v10; v5 = (v5 >>> 12) | (v5 << 20);
    v0 = (v0 + v5 + m9) | 0; v15 ^= v0; v15 = (v15 >>> 8) | (v15 << 24);
    v10 = (v10 + v15) | 0; v5 ^= v10; v5 = (v5 >>> 7) | (v5 << 25);

    v1 = (v1 + v6 + m10) | 0; v12 ^= v1; v12 = (v12 >>> 16) | (v12 << 16);
    v11 = (v11 + v12) | 0; v6 ^= v11; v6 = (v6 >>> 12) | (v6 << 20);
    v1 = (v1 + v6 + m11) | 0; v12 ^= v1; v12 = (v12 >>> 8) | (v12 << 24);
    v11 = (v11 + v12) | 0; v6 ^= v11; v6 = (v6 >>> 7) | (v6 << 25);

    v2 = (v2 + v7 + m12) | 0; v13 ^= v2; v13 = (v13 >>> 16) | (v13 << 16);
    v8 = (v8 + v13) | 0; v7 ^= v8; v7 = (v7 >>> 12) | (v7 << 20);
    v2 = (v2 + v7 + m13) | 0; v13 ^= v2; v13 = (v13 >>> 8) | (v13 << 24);
    v8 = (v8 + v13) | 0; v7 ^= v8; v7 = (v7 >>> 7) | (v7 << 25);

    v3 = (v3 + v4 + m14) | 0; v14 ^= v3; v14 = (v14 >>> 16) | (v14 << 16);
    v9 = (v9 + v14) | 0; v4 ^= v9; v4 = (v4 >>> 12) | (v4 << 20);
    v3 = (v3 + v4 + m15) | 0; v14 ^= v3; v14 = (v14 >>> 8) | (v14 << 24);
    v9 = (v9 + v14) | 0; v4 ^= v9; v4 = (v4 >>> 7) | (v4 << 25);

    if (round === 6) break;
    // The message permutation between rounds: [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8].
    const t0 = m0;
    const t1 = m1;
    m0 = m2;
    m2 = m3;
    m3 = m10;
    m10 = m12;
    m12 = m9;
    m9 = m11;
    m11 = m5;
    m5 = t0;
    m1 = m6;
    m6 = m4;
    m4 = m7;
    m7 = m13;
    m13 = m14;
    m14 = m15;
    m15 = m8;
    m8 = t1;
  }
  out[0] = v0 ^ v8;
  out[1] = v1 ^ v9;
  out[2] = v2 ^ v10;
  out[3] = v3 ^ v11;
  out[4] = v4 ^ v12;
  out[5] = v5 ^ v13;
  out[6] = v6 ^ v14;
  out[7] = v7 ^ v15;
  if (full) {
    out[8] = v8 ^ h0;
    out[9] = v9 ^ h1;
    out[10] = v10 ^ h2;
    out[11] = v11 ^ h3;
    out[12] = v12 ^ h4;
    out[13] = v13 ^ h5;
    out[14] = v14 ^ h6;
    out[15] = v15 ^ h7;
  }
}

/** Reads 16 little-endian words from `bytes[at..at+len]` into `words`, zero-padding a short block. */
function loadBlock(bytes: Uint8Array, at: number, len: number, words: Uint32Array): void {
  if (len === BLOCK_LEN) {
    for (let i = 0; i < 16; i++, at += 4) {
      words[i] = bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
    }
    return;
  }
  words.fill(0);
  for (let i = 0; i < len; i++) {
    words[i >> 2] |= bytes[at + i] << ((i & 3) * 8);
  }
}

function wordsOf32Bytes(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(8);
  loadBlock(bytes, 0, 32, words);
  return words;
}

/** An incremental BLAKE3 hasher. `digest` does not change its state. */
export class Blake3 {
  private readonly key: Uint32Array;
  private readonly flags: number;
  // Chaining values of completed subtrees, at most one per level of the tree. Allocated by the
  // first input longer than a chunk: a typed array this size lives outside the V8 heap and costs
  // more to allocate than hashing a short input.
  private cvStack = EMPTY_STACK;
  private cvStackLen = 0;
  // The chunk being filled: its chaining value, index, and the block not yet compressed (the last
  // block seen is held back because only the next update, or the digest, tells whether it ends
  // the chunk, or the whole input).
  private readonly chunkCv = new Uint32Array(8);
  private chunkCounter = 0;
  private readonly block = new Uint8Array(BLOCK_LEN);
  private readonly blockWords = new Uint32Array(16);
  private blockLen = 0;
  private blocksCompressed = 0;

  private constructor(key: Uint32Array, flags: number) {
    this.key = key;
    this.flags = flags;
    this.chunkCv.set(key);
  }

  /** Plain hashing. */
  static create(): Blake3 {
    return new Blake3(IV, 0);
  }

  /** Keyed hashing (a MAC); `key` must be 32 bytes. */
  static keyed(key: Uint8Array): Blake3 {
    return new Blake3(wordsOf32Bytes(key), KEYED_HASH);
  }

  /** Key derivation: the context string selects the derivation; key material goes in `update`. */
  static deriveKey(context: string): Blake3 {
    const contextKey = new Uint8Array(32);
    new Blake3(IV, DERIVE_KEY_CONTEXT).update(utf8.encode(context)).digest(contextKey);
    return new Blake3(wordsOf32Bytes(contextKey), DERIVE_KEY_MATERIAL);
  }

  reset(): this {
    this.cvStackLen = 0;
    this.chunkCv.set(this.key);
    this.chunkCounter = 0;
    this.blockLen = 0;
    this.blocksCompressed = 0;
    return this;
  }

  update(input: Uint8Array): this {
    const end = byteLengthOf(input);
    let words: Uint32Array | undefined;
    if (LITTLE_ENDIAN && end >= WORD_VIEW_MIN) {
      const offset = byteOffsetOf(input);
      if ((offset & 3) === 0) words = new Uint32Array(bufferOf(input), offset, end >>> 2);
    }
    let at = 0;
    while (at < end) {
      if (this.chunkLength() === CHUNK_LEN) this.finishChunk();
      // A buffered full block can be compressed now: more input follows, so it is not the last.
      if (this.blockLen === BLOCK_LEN) this.compressBuffered();
      // Compress whole blocks straight from the input while at least one more byte follows in this
      // chunk (the chunk's last block must wait for CHUNK_END, or ROOT).
      if (this.blockLen === 0) {
        const chunkRoomBlocks = (CHUNK_LEN - this.chunkLength()) / BLOCK_LEN;
        let blocks = Math.min(chunkRoomBlocks - 1, Math.floor((end - at - 1) / BLOCK_LEN));
        for (; blocks > 0; blocks--, at += BLOCK_LEN) {
          const flags = this.flags | (this.blocksCompressed === 0 ? CHUNK_START : 0);
          // The word view serves only while `at` is a multiple of 4: after a partial block was
          // topped up, the input's blocks start between two words and are assembled by hand.
          if (words !== undefined && (at & 3) === 0) {
            compress(this.chunkCv, words, at >>> 2, this.chunkCounter, BLOCK_LEN, flags, this.chunkCv, false);
          } else {
            loadBlock(input, at, BLOCK_LEN, this.blockWords);
            compress(this.chunkCv, this.blockWords, 0, this.chunkCounter, BLOCK_LEN, flags, this.chunkCv, false);
          }
          this.blocksCompressed++;
        }
        if (at >= end) break;
      }
      const take = Math.min(BLOCK_LEN - this.blockLen, end - at);
      for (let i = 0; i < take; i++) this.block[this.blockLen + i] = input[at + i] as number;
      this.blockLen += take;
      at += take;
    }
    return this;
  }

  /**
   * Fills `output` with the extendable output for everything hashed so far, starting at its
   * 64-byte block `firstBlock` (so that a long output can be produced a slice at a time).
   */
  digest(output: Uint8Array, firstBlock = 0): void {
    // The root is the current chunk's output, folded with every subtree on the stack. Work on
    // copies so that the hasher's state is unchanged.
    const cv = rootCv;
    const blockWords = rootBlock;
    loadBlock(this.block, 0, this.blockLen, blockWords);
    let counter = this.chunkCounter;
    let blockLen = this.blockLen;
    let flags = this.flags | CHUNK_END | (this.blocksCompressed === 0 ? CHUNK_START : 0);
    cv.set(this.chunkCv);
    for (let level = this.cvStackLen - 1; level >= 0; level--) {
      // Turn the pending output into a chaining value, then make it the right child of a parent.
      compress(cv, blockWords, 0, counter, blockLen, flags, cv, false);
      blockWords.set(this.cvStack.subarray(level * 8, level * 8 + 8), 0);
      blockWords.set(cv, 8);
      cv.set(this.key);
      counter = 0;
      blockLen = BLOCK_LEN;
      flags = this.flags | PARENT;
    }
    const length = output.length;
    const outWords = rootOutput;
    for (let at = 0, block = firstBlock; at < length; block++) {
      compress(cv, blockWords, 0, block, blockLen, flags | ROOT, outWords, true);
      for (let i = 0; i < 16 && at < length; i++) {
        const word = outWords[i];
        for (let shift = 0; shift < 32 && at < length; shift += 8) output[at++] = word >>> shift;
      }
    }
  }

  private chunkLength(): number {
    return this.blocksCompressed * BLOCK_LEN + this.blockLen;
  }

  private compressBuffered(): void {
    loadBlock(this.block, 0, BLOCK_LEN, this.blockWords);
    const flags = this.flags | (this.blocksCompressed === 0 ? CHUNK_START : 0);
    compress(this.chunkCv, this.blockWords, 0, this.chunkCounter, BLOCK_LEN, flags, this.chunkCv, false);
    this.blocksCompressed++;
    this.blockLen = 0;
  }

  /** Closes the full current chunk and merges its chaining value into the tree. */
  private finishChunk(): void {
    loadBlock(this.block, 0, this.blockLen, this.blockWords);
    const flags = this.flags | CHUNK_END | (this.blocksCompressed === 0 ? CHUNK_START : 0);
    compress(this.chunkCv, this.blockWords, 0, this.chunkCounter, this.blockLen, flags, this.chunkCv, false);
    // Each trailing zero bit of the new chunk count completes a subtree: merge it with its left
    // sibling on the stack (the lazy merging of the reference implementation).
    let totalChunks = ++this.chunkCounter;
    const parentBlock = this.blockWords;
    while (totalChunks % 2 === 0) {
      this.cvStackLen--;
      parentBlock.set(this.cvStack.subarray(this.cvStackLen * 8, this.cvStackLen * 8 + 8), 0);
      parentBlock.set(this.chunkCv, 8);
      compress(this.key, parentBlock, 0, 0, BLOCK_LEN, this.flags | PARENT, this.chunkCv, false);
      totalChunks /= 2;
    }
    if (this.cvStack === EMPTY_STACK) this.cvStack = new Uint32Array(MAX_DEPTH * 8);
    this.cvStack.set(this.chunkCv, this.cvStackLen * 8);
    this.cvStackLen++;
    this.chunkCv.set(this.key);
    this.blockLen = 0;
    this.blocksCompressed = 0;
  }
}
