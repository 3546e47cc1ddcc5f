// Cell tags (data-semantics.md §1.5): { tagLength:uint16 tagType:int8 tagValue }*. Shale writes
// one kind itself, the TTL tag (type 8, int64 milliseconds), from a mutation's `_ttl` attribute.

import { EMPTY_BYTES } from "../util/bytes.ts";

export const TAG_TYPE_TTL = 8;

/** Encodes a TTL tag for `ttlMs` milliseconds. */
export function encodeTtlTag(ttlMs: bigint): Uint8Array {
  const out = new Uint8Array(2 + 1 + 8);
  const view = new DataView(out.buffer);
  view.setUint16(0, 9);
  view.setUint8(2, TAG_TYPE_TTL);
  view.setBigInt64(3, ttlMs);
  return out;
}

/** The TTL in ms carried by `tags`, or undefined. Malformed tag bytes yield undefined. */
export function readTtlTag(tags: Uint8Array): bigint | undefined {
  if (tags === EMPTY_BYTES || tags.length === 0) return undefined;
  const view = new DataView(tags.buffer, tags.byteOffset, tags.byteLength);
  let at = 0;
  while (at + 3 <= tags.length) {
    const len = view.getUint16(at);
    if (len < 1 || at + 2 + len > tags.length) return undefined;
    if (view.getUint8(at + 2) === TAG_TYPE_TTL && len === 9) return view.getBigInt64(at + 3);
    at += 2 + len;
  }
  return undefined;
}
