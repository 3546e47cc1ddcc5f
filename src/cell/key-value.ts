// KeyValue codec (data-semantics.md §1.5; docs/format/cell.md). The same bytes appear in WAL
// records, store-file data blocks and RPC cellblocks:
//   keyLength:int32 valueLength:int32 rowLength:int16 row familyLength:int8 family qualifier
//   timestamp:int64 type:int8 value [tagsLength:uint16 tags]
// The sequence id is not part of a KeyValue; containers that need it store it beside.

import { assert } from "../util/assert.ts";
import { LIMITS } from "../util/limits.ts";
import { isKnownCellType } from "./cell-type.ts";
import { type Cell, keyLength } from "./cell.ts";

/** Fixed bytes of a KeyValue around row, family, qualifier and value (no tags). */
export const KEY_VALUE_INFRASTRUCTURE_SIZE = 4 + 4 + 2 + 1 + 8 + 1;

/** Thrown by decodeKeyValue on bytes that are not a well-formed KeyValue. */
export class KeyValueFormatError extends Error {
  override name = "KeyValueFormatError";
}

/** Encoded size of `cell`, with the tags section when `withTags`. */
export function encodedKeyValueSize(cell: Cell, withTags: boolean): number {
  return 8 + keyLength(cell) + cell.value.length + (withTags ? 2 + cell.tags.length : 0);
}

/** Writes `cell` at `out[offset]`; returns the offset after it. `out` must have room. */
export function writeKeyValue(out: Uint8Array, offset: number, cell: Cell, withTags: boolean): number {
  assert(cell.row.length <= LIMITS.rowLengthMax, "row too long for a KeyValue");
  assert(cell.family.length <= LIMITS.familyLengthMax, "family too long for a KeyValue");
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let at = offset;
  view.setInt32(at, keyLength(cell));
  view.setInt32(at + 4, cell.value.length);
  view.setInt16(at + 8, cell.row.length);
  at += 10;
  out.set(cell.row, at);
  at += cell.row.length;
  view.setInt8(at, cell.family.length);
  at += 1;
  out.set(cell.family, at);
  at += cell.family.length;
  out.set(cell.qualifier, at);
  at += cell.qualifier.length;
  view.setBigInt64(at, cell.timestamp);
  view.setUint8(at + 8, cell.type);
  at += 9;
  out.set(cell.value, at);
  at += cell.value.length;
  if (withTags) {
    assert(cell.tags.length <= 0xffff, "tags too long for a KeyValue");
    view.setUint16(at, cell.tags.length);
    out.set(cell.tags, at + 2);
    at += 2 + cell.tags.length;
  }
  return at;
}

/** Encodes `cell` into a new array. */
export function encodeKeyValue(cell: Cell, withTags = false): Uint8Array {
  const out = new Uint8Array(encodedKeyValueSize(cell, withTags));
  const end = writeKeyValue(out, 0, cell, withTags);
  assert(end === out.length, "KeyValue size mismatch");
  return out;
}

/** A decoded cell and the offset just past its bytes. */
export interface DecodedKeyValue {
  cell: Cell;
  end: number;
}

/**
 * Decodes one KeyValue at `bytes[offset]`, not reading past `limit`. The cell's byte fields alias
 * `bytes` (subarray): the caller must not modify `bytes` afterwards. Malformed input throws
 * KeyValueFormatError, never an out-of-range read.
 */
export function decodeKeyValue(
  bytes: Uint8Array,
  offset: number,
  options: { withTags: boolean; sequenceId?: bigint; limit?: number },
): DecodedKeyValue {
  const limit = options.limit ?? bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  need(offset + 10 <= limit, "truncated KeyValue header");
  const keyLen = view.getInt32(offset);
  const valueLen = view.getInt32(offset + 4);
  const rowLen = view.getInt16(offset + 8);
  need(keyLen >= 12 && valueLen >= 0, "negative or too small KeyValue lengths");
  need(rowLen >= 0 && 2 + rowLen + 1 + 9 <= keyLen, "row length outside the key");
  const keyStart = offset + 8;
  const keyEnd = keyStart + keyLen;
  const valueEnd = keyEnd + valueLen;
  need(valueEnd <= limit, "KeyValue runs past the end of its buffer");
  const rowStart = keyStart + 2;
  const familyLen = view.getInt8(rowStart + rowLen);
  need(familyLen >= 0, "negative family length");
  const familyStart = rowStart + rowLen + 1;
  const qualifierStart = familyStart + familyLen;
  const qualifierEnd = keyEnd - 9;
  need(qualifierStart <= qualifierEnd, "family length outside the key");
  const type = view.getUint8(keyEnd - 1);
  need(isKnownCellType(type), `unknown cell type ${type}`);
  let end = valueEnd;
  let tags = bytes.subarray(0, 0);
  if (options.withTags) {
    need(end + 2 <= limit, "truncated tags length");
    const tagsLen = view.getUint16(end);
    need(end + 2 + tagsLen <= limit, "tags run past the end of their buffer");
    tags = bytes.subarray(end + 2, end + 2 + tagsLen);
    end += 2 + tagsLen;
  }
  const cell: Cell = {
    row: bytes.subarray(rowStart, rowStart + rowLen),
    family: bytes.subarray(familyStart, qualifierStart),
    qualifier: bytes.subarray(qualifierStart, qualifierEnd),
    timestamp: view.getBigInt64(qualifierEnd),
    type: type as Cell["type"],
    sequenceId: options.sequenceId ?? 0n,
    value: bytes.subarray(keyEnd, valueEnd),
    tags,
  };
  return { cell, end };
}

function need(condition: boolean, message: string): asserts condition {
  if (!condition) throw new KeyValueFormatError(message);
}
