// Exact signed 64-bit helpers. Timestamps, sequence ids and scanner ids stay bigint from decode to
// encode; nothing here goes through a float.

export const LONG_MAX = 0x7fffffffffffffffn;
export const LONG_MIN = -0x8000000000000000n;

/** HBase's LATEST_TIMESTAMP (Long.MAX_VALUE): "the server fills in now". */
export const LATEST_TIMESTAMP = LONG_MAX;
/** HBase's OLDEST_TIMESTAMP (Long.MIN_VALUE), used by synthetic "last on row" keys. */
export const OLDEST_TIMESTAMP = LONG_MIN;

/** Wraps to a signed 64-bit value, as Java long arithmetic does. */
export function wrapLong(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/** Reads a big-endian signed int64 at `offset`. */
export function readLong(bytes: Uint8Array, offset: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigInt64(offset);
}

/** Writes a big-endian signed int64 at `offset`. */
export function writeLong(bytes: Uint8Array, offset: number, value: bigint): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setBigInt64(offset, value);
}

/** Encodes a Java long as 8 big-endian bytes (HBase's Bytes.toBytes(long)). */
export function longToBytes(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  writeLong(out, 0, wrapLong(value));
  return out;
}

/** Decodes 8 big-endian bytes as a Java long (HBase's Bytes.toLong). */
export function bytesToLong(bytes: Uint8Array): bigint {
  return readLong(bytes, 0);
}

/** Larger of two bigints. */
export function maxLong(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Smaller of two bigints. */
export function minLong(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
