// The bloom filter's hash: MurmurHash3, x86 32-bit variant, over bytes read little-endian, as
// published by its author (public domain). Stated in docs/format/storefile.md §2.5: changing it
// changes which bits a file sets, so it is part of the format.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixKey(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

/** MurmurHash3 x86_32 of `bytes` with `seed`; unsigned 32-bit result. */
export function murmur3Hash32(bytes: Uint8Array, seed: number): number {
  let h = seed | 0;
  const whole = bytes.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    const k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h ^= mixKey(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  const rest = bytes.length & 3;
  if (rest === 3) tail ^= bytes[whole + 2] << 16;
  if (rest >= 2) tail ^= bytes[whole + 1] << 8;
  if (rest >= 1) h ^= mixKey(tail ^ bytes[whole]);
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
