// Bloom filter of a store file (docs/format/storefile.md §2.5): a bit array with k positions per
// key from two MurmurHash3 values (h1 + i·h2 mod m, h2 odd). The builder keeps the two hashes of each
// distinct key and sizes the array at the end from the actual key count and LIMITS.bloomErrorRate,
// so a file with many cells per row gets a small filter. No false negatives, ever.

import { assert } from "../util/assert.ts";
import { LIMITS } from "../util/limits.ts";
import { check } from "./storefile-errors.ts";
import { murmur3Hash32 } from "./bloom-hash.ts";

export const BLOOM_HASH_TYPE_MURMUR3 = 1;
export const BLOOM_HASH_COUNT_MAX = 30;
export const BLOOM_BIT_COUNT_MIN = 64;
/** hashType, hashCount, reserved (2), bitCount (4). */
export const BLOOM_PAYLOAD_FIXED_SIZE = 8;
const SEED_1 = 0;
const SEED_2 = 0x5bd1e995;

/** The ROWCOL bloom key: rowLength:uint16 row familyLength:uint8 family qualifier. */
export function bloomRowColumnKey(row: Uint8Array, family: Uint8Array, qualifier: Uint8Array): Uint8Array {
  assert(row.length <= 0xffff && family.length <= 0xff, "row or family too long for a bloom key");
  const out = new Uint8Array(3 + row.length + family.length + qualifier.length);
  out[0] = row.length >>> 8;
  out[1] = row.length & 0xff;
  out.set(row, 2);
  out[2 + row.length] = family.length;
  out.set(family, 3 + row.length);
  out.set(qualifier, 3 + row.length + family.length);
  return out;
}

/** Bits for `keyCount` keys at `errorRate`: -n·ln p / ln²2, a multiple of 8, at least 64. */
export function bloomBitCount(keyCount: number, errorRate: number): number {
  assert(errorRate > 0 && errorRate < 1, "bloom error rate outside (0, 1)");
  const ideal = Math.ceil((-keyCount * Math.log(errorRate)) / (Math.LN2 * Math.LN2));
  return Math.max(BLOOM_BIT_COUNT_MIN, Math.ceil(ideal / 8) * 8);
}

/** Hash functions for `bitCount` bits over `keyCount` keys: round(m/n · ln 2), clamped to [1, 30]. */
export function bloomHashCount(bitCount: number, keyCount: number): number {
  if (keyCount === 0) return 1;
  const k = Math.round((bitCount / keyCount) * Math.LN2);
  return Math.min(BLOOM_HASH_COUNT_MAX, Math.max(1, k));
}

export class BloomFilterBuilder {
  #hashes: Uint32Array;
  #keyCount = 0;

  /** `expectedKeyCount` only pre-sizes the hash buffer; any number of keys may be added. */
  constructor(expectedKeyCount: number) {
    assert(expectedKeyCount >= 0, "negative expected key count");
    this.#hashes = new Uint32Array(2 * Math.min(Math.max(16, expectedKeyCount), 1 << 20));
  }

  get keyCount(): number {
    return this.#keyCount;
  }

  /** Adds a key; the caller adds each distinct key once (duplicates only waste bits). */
  add(key: Uint8Array): void {
    if (2 * this.#keyCount === this.#hashes.length) {
      const grown = new Uint32Array(this.#hashes.length * 2);
      grown.set(this.#hashes);
      this.#hashes = grown;
    }
    const h1 = murmur3Hash32(key, SEED_1);
    this.#hashes[2 * this.#keyCount] = h1;
    this.#hashes[2 * this.#keyCount + 1] = probeStep(key);
    this.#keyCount++;
  }

  /** The bloom block payload for the keys added. */
  finish(errorRate: number = LIMITS.bloomErrorRate): Uint8Array {
    const bitCount = bloomBitCount(this.#keyCount, errorRate);
    const hashCount = bloomHashCount(bitCount, this.#keyCount);
    assert(BLOOM_PAYLOAD_FIXED_SIZE + bitCount / 8 <= LIMITS.storeFileSectionBytesMax, "bloom larger than a section may be");
    const out = new Uint8Array(BLOOM_PAYLOAD_FIXED_SIZE + bitCount / 8);
    const view = new DataView(out.buffer);
    out[0] = BLOOM_HASH_TYPE_MURMUR3;
    out[1] = hashCount;
    view.setUint32(4, bitCount);
    const bits = out.subarray(BLOOM_PAYLOAD_FIXED_SIZE);
    for (let n = 0; n < this.#keyCount; n++) {
      setBits(bits, { h1: this.#hashes[2 * n], h2: this.#hashes[2 * n + 1], hashCount, bitCount });
    }
    return out;
  }
}

interface Probe {
  h1: number;
  h2: number;
  hashCount: number;
  bitCount: number;
}

/** h2, made odd: an even step would revisit bits early (for m = 64 and h2 = 8, only 8 distinct bits). */
function probeStep(key: Uint8Array): number {
  return (murmur3Hash32(key, SEED_2) | 1) >>> 0;
}

function setBits(bits: Uint8Array, p: Probe): void {
  for (let i = 0; i < p.hashCount; i++) {
    const bit = (p.h1 + i * p.h2) % p.bitCount;
    bits[bit >>> 3] |= 1 << (bit & 7);
  }
}

function allBitsSet(bits: Uint8Array, p: Probe): boolean {
  for (let i = 0; i < p.hashCount; i++) {
    const bit = (p.h1 + i * p.h2) % p.bitCount;
    if ((bits[bit >>> 3] & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}

/** A decoded bloom filter. Its bits alias the payload it was decoded from. */
export class BloomFilter {
  readonly #bits: Uint8Array;
  readonly hashCount: number;
  readonly bitCount: number;
  readonly keyCount: number;

  private constructor(bits: Uint8Array, hashCount: number, keyCount: number) {
    this.#bits = bits;
    this.hashCount = hashCount;
    this.bitCount = bits.length * 8;
    this.keyCount = keyCount;
  }

  /** Decodes a bloom payload; throws StoreFileFormatError on anything out of range. */
  static decode(payload: Uint8Array, keyCount: number): BloomFilter {
    check(payload.length >= BLOOM_PAYLOAD_FIXED_SIZE + BLOOM_BIT_COUNT_MIN / 8, "bloom payload too short");
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    check(payload[0] === BLOOM_HASH_TYPE_MURMUR3, `unknown bloom hash type ${payload[0]}`);
    const hashCount = payload[1];
    check(hashCount >= 1 && hashCount <= BLOOM_HASH_COUNT_MAX, `bloom hash count ${hashCount} out of range`);
    check(view.getUint16(2) === 0, "bloom reserved bytes are not zero");
    const bitCount = view.getUint32(4);
    check(bitCount === 8 * (payload.length - BLOOM_PAYLOAD_FIXED_SIZE), "bloom bit count does not match its payload");
    return new BloomFilter(payload.subarray(BLOOM_PAYLOAD_FIXED_SIZE), hashCount, keyCount);
  }

  /** False only when `key` was certainly never added. */
  mightContain(key: Uint8Array): boolean {
    const h1 = murmur3Hash32(key, SEED_1);
    const h2 = probeStep(key);
    return allBitsSet(this.#bits, { h1, h2, hashCount: this.hashCount, bitCount: this.bitCount });
  }
}
