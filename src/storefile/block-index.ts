// The block index (docs/format/storefile.md §2.4): one entry per data block with its offset,
// on-disk length, cell count and first cell key. One level, held in memory while the file is open;
// seeks binary-search it to find the one block that can hold a key.

import type { Cell } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";
import { assert, invariantsEnabled } from "../util/assert.ts";
import { toByteString } from "../util/bytes.ts";
import { check } from "./storefile-errors.ts";
import { cellKeySize, decodeCellKey, writeCellKey } from "./key-codec.ts";

/** Fixed bytes of an index entry before its key: offset 8, length 4, cell count 4, key length 4. */
export const INDEX_ENTRY_FIXED_SIZE = 8 + 4 + 4 + 4;

export interface BlockIndexEntry {
  /** Key of the block's first cell (value and tags empty). */
  readonly firstKey: Cell;
  readonly offset: number;
  /** On-disk length of the block, framing included. */
  readonly length: number;
  readonly cellCount: number;
}

/** Encodes the index payload. */
export function encodeBlockIndex(entries: readonly BlockIndexEntry[]): Uint8Array {
  let size = 0;
  for (const e of entries) size += INDEX_ENTRY_FIXED_SIZE + cellKeySize(e.firstKey);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const e of entries) {
    view.setBigUint64(at, BigInt(e.offset));
    view.setUint32(at + 8, e.length);
    view.setUint32(at + 12, e.cellCount);
    view.setUint32(at + 16, cellKeySize(e.firstKey));
    at = writeCellKey(out, at + INDEX_ENTRY_FIXED_SIZE, e.firstKey);
  }
  assert(at === size, "index size mismatch");
  return out;
}

/**
 * Decodes `entryCount` entries that must fill `payload` exactly. Checks each entry's bounds; the
 * reader checks how they fit the file (BlockIndex.checkLayout). First keys alias `payload`.
 */
export function decodeBlockIndex(payload: Uint8Array, entryCount: number): BlockIndexEntry[] {
  check(entryCount <= payload.length / INDEX_ENTRY_FIXED_SIZE, "index entry count exceeds its payload");
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const entries: BlockIndexEntry[] = [];
  let at = 0;
  for (let i = 0; i < entryCount; i++) {
    check(at + INDEX_ENTRY_FIXED_SIZE <= payload.length, `index entry ${i} truncated`);
    const offset = view.getBigUint64(at);
    check(offset <= BigInt(Number.MAX_SAFE_INTEGER), `index entry ${i} offset out of range`);
    const keyLength = view.getUint32(at + 16);
    const keyStart = at + INDEX_ENTRY_FIXED_SIZE;
    check(keyLength <= payload.length - keyStart, `index entry ${i} key runs past the index`);
    entries.push({
      offset: Number(offset),
      length: view.getUint32(at + 8),
      cellCount: view.getUint32(at + 12),
      firstKey: decodeCellKey(payload, keyStart, keyStart + keyLength),
    });
    at = keyStart + keyLength;
  }
  check(at === payload.length, "index payload has trailing bytes");
  return entries;
}

export class BlockIndex {
  readonly #entries: readonly BlockIndexEntry[];
  /** Each entry's first row as a byte-per-char string (string order is compareBytes order). */
  readonly #rows: readonly string[];

  constructor(entries: readonly BlockIndexEntry[]) {
    this.#entries = entries;
    this.#rows = entries.map((e) => toByteString(e.firstKey.row));
  }

  get blockCount(): number {
    return this.#entries.length;
  }

  entry(i: number): BlockIndexEntry {
    assert(i >= 0 && i < this.#entries.length, "block number outside the index");
    return this.#entries[i];
  }

  /**
   * Checks that the blocks tile [0, dataEnd) in order, each with a length in [min, max] and at least
   * one cell, and that first keys strictly increase. Returns the total cell count.
   */
  checkLayout(bounds: { dataEnd: number; blockLengthMin: number; blockLengthMax: number }): number {
    const { dataEnd, blockLengthMin, blockLengthMax } = bounds;
    let expectedOffset = 0;
    let cells = 0;
    for (let i = 0; i < this.#entries.length; i++) {
      const e = this.#entries[i];
      check(e.offset === expectedOffset, `data block ${i} is not where the previous one ends`);
      check(e.length >= blockLengthMin && e.length <= blockLengthMax, `data block ${i} length ${e.length} out of range`);
      check(e.cellCount >= 1, `data block ${i} holds no cells`);
      if (i > 0) check(compareCells(this.#entries[i - 1].firstKey, e.firstKey) < 0, `index keys out of order at ${i}`);
      expectedOffset += e.length;
      cells += e.cellCount;
    }
    check(expectedOffset === dataEnd, "data blocks do not end where the index begins");
    return cells;
  }

  /** The last block whose first key is <= key, or -1 when key sorts before every block. */
  blockAtOrBefore(key: Cell): number {
    return this.#search(key, true);
  }

  /** The last block whose first key is < key, or -1 when there is none. */
  blockBefore(key: Cell): number {
    return this.#search(key, false);
  }

  /** Binary search over the row strings; only entries whose row equals the key's compare cells. */
  #search(key: Cell, inclusive: boolean): number {
    const rows = this.#rows;
    const keyRow = toByteString(key.row);
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const row = rows[mid];
      const c = row !== keyRow ? (row < keyRow ? -1 : 1) : compareCells(this.#entries[mid].firstKey, key);
      if (c < 0 || (inclusive && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    if (invariantsEnabled()) assert(lo === 0 || compareCells(this.#entries[lo - 1].firstKey, key) <= (inclusive ? 0 : -1), "index search overshot");
    return lo - 1;
  }
}
