// Protobuf base-128 varints as the RPC framing uses them: the length before each delimited
// message. Lengths are bounded by the frame (int32), so plain numbers suffice here.

/** Bytes a varint of `value` (0 <= value < 2^32) takes. */
export function varintSize(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    n++;
  }
  return n;
}

/** Writes `value` at `out[offset]`; returns the offset after it. */
export function writeVarint(out: Uint8Array, offset: number, value: number): number {
  let at = offset;
  while (value >= 0x80) {
    out[at++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 128);
  }
  out[at++] = value;
  return at;
}

/** Reads a varint of at most 5 bytes at `offset` below `limit`; undefined if it is cut or too long. */
export function readVarint(bytes: Uint8Array, offset: number, limit: number): { value: number; end: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 5; i++) {
    if (offset + i >= limit) return undefined;
    const b = bytes[offset + i];
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return { value, end: offset + i + 1 };
    scale *= 128;
  }
  return undefined;
}
