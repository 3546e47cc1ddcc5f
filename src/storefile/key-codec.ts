// The cell key kept by the block index and the file info (docs/format/storefile.md §2.3): the
// KeyValue with an empty value and no tags, then the sequence id as an int64, because the sequence
// id is the last tie-breaker of compareCells.

import { type Cell, keyLength } from "../cell/cell.ts";
import { decodeKeyValue, writeKeyValue } from "../cell/key-value.ts";
import { assert } from "../util/assert.ts";
import { EMPTY_BYTES } from "../util/bytes.ts";
import { check } from "./storefile-errors.ts";

/** Encoded size of the key of `cell`: 16 + keyLength. */
export function cellKeySize(cell: Cell): number {
  return 8 + keyLength(cell) + 8;
}

/** Writes the key of `cell` at `out[offset]`; returns the offset after it. */
export function writeCellKey(out: Uint8Array, offset: number, cell: Cell): number {
  const keyOnly: Cell = { ...cell, value: EMPTY_BYTES, tags: EMPTY_BYTES };
  const at = writeKeyValue(out, offset, keyOnly, false);
  new DataView(out.buffer, out.byteOffset, out.byteLength).setBigInt64(at, cell.sequenceId);
  assert(at + 8 - offset === cellKeySize(cell), "cell key size mismatch");
  return at + 8;
}

/** The key of `cell` as a cell with empty value and tags (what StoreFileInfo.firstKey holds). */
export function keyOf(cell: Cell): Cell {
  return { ...cell, value: EMPTY_BYTES, tags: EMPTY_BYTES };
}

/**
 * Decodes a cell key occupying exactly `bytes[offset, end)`. The result aliases `bytes`. Malformed
 * bytes throw StoreFileFormatError or KeyValueFormatError.
 */
export function decodeCellKey(bytes: Uint8Array, offset: number, end: number): Cell {
  check(end - offset >= 16 + 12, "cell key shorter than the smallest key");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sequenceId = view.getBigInt64(end - 8);
  const decoded = decodeKeyValue(bytes, offset, { withTags: false, sequenceId, limit: end - 8 });
  check(decoded.end === end - 8, "cell key length does not match its KeyValue");
  check(decoded.cell.value.length === 0, "cell key carries a value");
  return decoded.cell;
}
