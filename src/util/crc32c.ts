// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), slicing-by-16 over one flat table.
// Checksums every WAL record and store-file block. Check value: crc32c("123456789") = 0xE3069283.

const POLY = 0x82f63b78;
/** Bytes consumed per step of the main loop; table t holds 256 entries at TABLE[t * 256]. */
const SLICES = 16;
const TABLE: Uint32Array = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(SLICES * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    table[n] = c >>> 0;
  }
  for (let t = 1; t < SLICES; t++) {
    for (let n = 0; n < 256; n++) {
      const prev = table[(t - 1) * 256 + n];
      table[t * 256 + n] = (prev >>> 8) ^ table[prev & 0xff];
    }
  }
  return table;
}

/** CRC-32C of `bytes[start, end)`, continuing from `crc` (0 to start). Unsigned 32-bit result. */
export function crc32c(bytes: Uint8Array, crc = 0, start = 0, end = bytes.length): number {
  const t = TABLE;
  let c = ~crc;
  let i = start;
  for (; i + 16 <= end; i += 16) {
    const a = c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    c = t[3840 + (a & 0xff)] ^ t[3584 + ((a >>> 8) & 0xff)] ^ t[3328 + ((a >>> 16) & 0xff)] ^ t[3072 + (a >>> 24)] ^
      t[2816 + bytes[i + 4]] ^ t[2560 + bytes[i + 5]] ^ t[2304 + bytes[i + 6]] ^ t[2048 + bytes[i + 7]] ^
      t[1792 + bytes[i + 8]] ^ t[1536 + bytes[i + 9]] ^ t[1280 + bytes[i + 10]] ^ t[1024 + bytes[i + 11]] ^
      t[768 + bytes[i + 12]] ^ t[512 + bytes[i + 13]] ^ t[256 + bytes[i + 14]] ^ t[bytes[i + 15]];
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
