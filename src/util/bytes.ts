// Byte-string helpers. Rows, families, qualifiers and values are Uint8Array everywhere; strings are
// a convenience at the API edge and are encoded as UTF-8. Comparison is unsigned lexicographic, a
// prefix sorting before any longer array it starts (data-semantics.md §0).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A byte string, or a string taken as its UTF-8 encoding. */
export type BytesLike = Uint8Array | string;

export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/** Returns `value` as bytes; a Uint8Array is returned as is (aliased, not copied). */
export function toBytes(value: BytesLike): Uint8Array {
  return typeof value === "string" ? encoder.encode(value) : value;
}

/** Decodes UTF-8 bytes to a string. */
export function toUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Unsigned lexicographic comparison of two byte ranges: negative, zero or positive. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Bytes turned into chars per String.fromCharCode call (its argument count stays small). */
const BYTE_STRING_CHUNK = 4096;

/**
 * `bytes` as a string of one char (0..255) per byte. String order is then compareBytes order, so
 * sorted structures compare such strings natively (and hash them) instead of walking arrays.
 */
export function toByteString(bytes: Uint8Array): string {
  if (bytes.length <= BYTE_STRING_CHUNK) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let s = "";
  for (let at = 0; at < bytes.length; at += BYTE_STRING_CHUNK) {
    s += String.fromCharCode.apply(null, bytes.subarray(at, at + BYTE_STRING_CHUNK) as unknown as number[]);
  }
  return s;
}

// Big-endian readers straight from the bytes: hot decoders use them instead of making a DataView
// per buffer (which in JSC also materializes the ArrayBuffer object). Callers check bounds first:
// unlike a DataView, an index past the end reads as 0 instead of throwing.

/** Signed 32-bit big-endian at `bytes[at]`. */
export function readInt32(bytes: Uint8Array, at: number): number {
  return (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
}

/** Unsigned 32-bit big-endian at `bytes[at]`. */
export function readUint32(bytes: Uint8Array, at: number): number {
  return readInt32(bytes, at) >>> 0;
}

/** Signed 16-bit big-endian at `bytes[at]`. */
export function readInt16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) >> 16) | bytes[at + 1];
}

/** Unsigned 16-bit big-endian at `bytes[at]`. */
export function readUint16(bytes: Uint8Array, at: number): number {
  return (bytes[at] << 8) | bytes[at + 1];
}

const INT64_SCRATCH = new Uint8Array(8);
const INT64_VIEW = new DataView(INT64_SCRATCH.buffer);

/** Signed 64-bit big-endian at `bytes[at]`, as a bigint. */
export function readInt64(bytes: Uint8Array, at: number): bigint {
  for (let i = 0; i < 8; i++) INT64_SCRATCH[i] = bytes[at + i];
  return INT64_VIEW.getBigInt64(0);
}

/** True when both arrays hold the same bytes. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `bytes` starts with `prefix`. */
export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Concatenates into a new array (always a copy). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Two lower-case hex digits for each byte value. */
const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += HEX_PAIRS[bytes[i]];
  return s;
}

/** HBase's Bytes.toStringBinary: printable ASCII as is, everything else as \xHH. */
export function toStringBinary(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) {
    const printable = b >= 0x20 && b < 0x7f && b !== 0x5c;
    s += printable ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return s;
}
