// KeyValue codec (data-semantics.md §1.5; docs/format/cell.md). The same bytes appear in WAL
// records, store-file data blocks and RPC cellblocks:
//   keyLength:int32 valueLength:int32 rowLength:int16 row familyLength:int8 family qualifier
//   timestamp:int64 type:int8 value [tagsLength:uint16 tags]
// The sequence id is not part of a KeyValue; containers that need it store it beside.

import { assert } from "../util/assert.ts";
import { EMPTY_BYTES, readInt16, readInt32, readInt64, readUint16 } from "../util/bytes.ts";
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

/** Scratch for the big-endian timestamp bytes, so writeKeyValue makes no DataView per call. */
const TIMESTAMP_SCRATCH = new Uint8Array(8);
const TIMESTAMP_VIEW = new DataView(TIMESTAMP_SCRATCH.buffer);

/** Writes `cell` at `out[offset]`; returns the offset after it. `out` must have room. */
export function writeKeyValue(out: Uint8Array, offset: number, cell: Cell, withTags: boolean): number {
  assert(cell.row.length <= LIMITS.rowLengthMax, "row too long for a KeyValue");
  assert(cell.family.length <= LIMITS.familyLengthMax, "family too long for a KeyValue");
  assert(offset + encodedKeyValueSize(cell, withTags) <= out.length, "KeyValue does not fit its buffer");
  let at = writeUint32(out, offset, keyLength(cell));
  at = writeUint32(out, at, cell.value.length);
  out[at] = cell.row.length >>> 8;
  out[at + 1] = cell.row.length & 0xff;
  at += 2;
  out.set(cell.row, at);
  at += cell.row.length;
  out[at] = cell.family.length;
  at += 1;
  out.set(cell.family, at);
  at += cell.family.length;
  out.set(cell.qualifier, at);
  at += cell.qualifier.length;
  TIMESTAMP_VIEW.setBigInt64(0, cell.timestamp);
  out.set(TIMESTAMP_SCRATCH, at);
  out[at + 8] = cell.type;
  at += 9;
  out.set(cell.value, at);
  at += cell.value.length;
  if (withTags) {
    assert(cell.tags.length <= 0xffff, "tags too long for a KeyValue");
    out[at] = cell.tags.length >>> 8;
    out[at + 1] = cell.tags.length & 0xff;
    out.set(cell.tags, at + 2);
    at += 2 + cell.tags.length;
  }
  return at;
}

/** Writes `value` (0 <= value < 2^31 here) big-endian at `out[at]`; returns the offset after it. */
function writeUint32(out: Uint8Array, at: number, value: number): number {
  out[at] = value >>> 24;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
  return at + 4;
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
 * The family and qualifier arrays of the cell decoded last from one buffer. Consecutive cells of a
 * store-file block mostly repeat both, so the decoder hands out the same read-only array again
 * instead of making a new subarray per cell.
 */
export interface RepeatedFields {
  family: Uint8Array | undefined;
  qualifier: Uint8Array | undefined;
}

/** Longest family or qualifier compared for reuse; longer ones always get their own subarray. */
const REUSE_LENGTH_MAX = 32;

/**
 * Decodes one KeyValue at `bytes[offset]`, not reading past `limit`. The cell's byte fields alias
 * `bytes` (subarray; empty tags are the shared EMPTY_BYTES; with `repeated`, a family or qualifier
 * equal to the previous cell's is that same array, which aliases `bytes` too): the caller must not
 * modify `bytes` afterwards. Every read is bounds-checked against `limit` before it is made.
 * Malformed input throws KeyValueFormatError, never an out-of-range read.
 */
export function decodeKeyValue(
  bytes: Uint8Array,
  offset: number,
  options: { withTags: boolean; sequenceId?: bigint; limit?: number; repeated?: RepeatedFields },
): DecodedKeyValue {
  const limit = options.limit ?? bytes.length;
  assert(limit <= bytes.length, "the decode limit lies inside the buffer");
  need(offset + 10 <= limit, "truncated KeyValue header");
  const keyLen = readInt32(bytes, offset);
  const valueLen = readInt32(bytes, offset + 4);
  const rowLen = readInt16(bytes, offset + 8);
  need(keyLen >= 12 && valueLen >= 0, "negative or too small KeyValue lengths");
  need(rowLen >= 0 && 2 + rowLen + 1 + 9 <= keyLen, "row length outside the key");
  const keyStart = offset + 8;
  const keyEnd = keyStart + keyLen;
  const valueEnd = keyEnd + valueLen;
  need(valueEnd <= limit, "KeyValue runs past the end of its buffer");
  const rowStart = keyStart + 2;
  const familyLen = (bytes[rowStart + rowLen] << 24) >> 24;
  need(familyLen >= 0, "negative family length");
  const familyStart = rowStart + rowLen + 1;
  const qualifierStart = familyStart + familyLen;
  const qualifierEnd = keyEnd - 9;
  need(qualifierStart <= qualifierEnd, "family length outside the key");
  const type = bytes[keyEnd - 1];
  need(isKnownCellType(type), `unknown cell type ${type}`);
  let end = valueEnd;
  let tags = EMPTY_BYTES;
  if (options.withTags) {
    need(end + 2 <= limit, "truncated tags length");
    const tagsLen = readUint16(bytes, end);
    need(end + 2 + tagsLen <= limit, "tags run past the end of their buffer");
    if (tagsLen > 0) tags = bytes.subarray(end + 2, end + 2 + tagsLen);
    end += 2 + tagsLen;
  }
  const repeated = options.repeated;
  let family: Uint8Array;
  let qualifier: Uint8Array;
  if (repeated === undefined) {
    family = bytes.subarray(familyStart, qualifierStart);
    qualifier = bytes.subarray(qualifierStart, qualifierEnd);
  } else {
    family = repeated.family = sameOrSubarray(bytes, familyStart, qualifierStart, repeated.family);
    qualifier = repeated.qualifier = sameOrSubarray(bytes, qualifierStart, qualifierEnd, repeated.qualifier);
  }
  const cell: Cell = {
    row: bytes.subarray(rowStart, rowStart + rowLen),
    family,
    qualifier,
    timestamp: readInt64(bytes, qualifierEnd),
    type: type as Cell["type"],
    sequenceId: options.sequenceId ?? 0n,
    value: bytes.subarray(keyEnd, valueEnd),
    tags,
  };
  return { cell, end };
}

/** `previous` when it holds exactly bytes[start, end) (and is short), else a new subarray. */
function sameOrSubarray(bytes: Uint8Array, start: number, end: number, previous: Uint8Array | undefined): Uint8Array {
  const length = end - start;
  if (previous === undefined || previous.length !== length || length > REUSE_LENGTH_MAX) return bytes.subarray(start, end);
  for (let i = 0; i < length; i++) if (previous[i] !== bytes[start + i]) return bytes.subarray(start, end);
  return previous;
}

function need(condition: boolean, message: string): asserts condition {
  if (!condition) throw new KeyValueFormatError(message);
}
