// DataBlock: the cells of one verified data block (docs/format/storefile.md §2.2), read in place.
// Cells alias the block bytes, which nobody modifies (they may sit in the block cache): read-only.
// cellAt decodes one cell; lowerBound binary-searches with the cell offsets.

import type { Cell } from "../cell/cell.ts";
import { CellType } from "../cell/cell-type.ts";
import { compareCells } from "../cell/comparator.ts";
import { KeyValueFormatError, type RepeatedFields, decodeKeyValue } from "../cell/key-value.ts";
import { assert, invariantsEnabled } from "../util/assert.ts";
import { readInt16, readInt32, readInt64, readUint16, readUint32 } from "../util/bytes.ts";
import { BLOCK_HEADER_SIZE, BLOCK_OVERHEAD } from "./block-format.ts";
import { StoreFileFormatError, check, corruptStoreFile } from "./storefile-errors.ts";

/** KeyValue with empty row, family, qualifier and value (20), tags length (2), sequence id (8). */
export const CELL_SIZE_MIN = 20 + 2 + 8;

export class DataBlock {
  readonly #bytes: Uint8Array;
  readonly #path: string;
  /** Absolute index of the first offset entry; also the end of the cells area. */
  readonly #offsetsAt: number;
  readonly count: number;
  /** The last decoded cell's family and qualifier, handed out again to cells that repeat them. */
  readonly #repeated: RepeatedFields = { family: undefined, qualifier: undefined };

  /**
   * Wraps `block`, whose framing and crc the caller verified (readBlock) or which came from the
   * cache. Checks the offset table and every cell's lengths when `checkOffsets` (every read from
   * disk), so later in-place reads stay inside their cell.
   */
  constructor(block: Uint8Array, options: { path: string; checkOffsets: boolean }) {
    this.#bytes = block;
    this.#path = options.path;
    check(block.length >= BLOCK_OVERHEAD, "data block shorter than its framing");
    this.count = readUint32(block, 12);
    const payloadLength = block.length - BLOCK_OVERHEAD;
    check(this.count >= 1, "data block holds no cells");
    check(this.count <= payloadLength / (CELL_SIZE_MIN + 4), "data block cell count exceeds its payload");
    this.#offsetsAt = BLOCK_HEADER_SIZE + payloadLength - 4 * this.count;
    if (options.checkOffsets) this.#checkCells();
  }

  /** Decodes cell `i` (0 <= i < count). Its byte fields alias the block. */
  cellAt(i: number): Cell {
    assert(i >= 0 && i < this.count, "cell index outside the block");
    const start = this.#cellStart(i);
    const end = this.#cellEnd(i);
    try {
      const sequenceId = readInt64(this.#bytes, end - 8);
      const decoded = decodeKeyValue(this.#bytes, start, { withTags: true, sequenceId, limit: end - 8, repeated: this.#repeated });
      check(decoded.end === end - 8, "cell does not end where the next one begins");
      return decoded.cell;
    } catch (error) {
      if (error instanceof KeyValueFormatError || error instanceof StoreFileFormatError) {
        throw corruptStoreFile(this.#path, `bad cell ${i} in a data block: ${error.message}`, error);
      }
      throw error;
    }
  }

  /** Index of the first cell >= key (compareCells); `count` when every cell is smaller. */
  lowerBound(key: Cell): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareAt(mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * compareCells(cellAt(i), key) read in place, without building the cell: the seek hot path.
   * Safe because every cell's length fields were checked when the block came from disk.
   */
  compareAt(i: number, key: Cell): number {
    const b = this.#bytes;
    const start = this.#cellStart(i);
    const keyEnd = start + 8 + readInt32(b, start);
    const rowAt = start + 10;
    const rowEnd = rowAt + readInt16(b, start + 8);
    const familyAt = rowEnd + 1;
    const qualifierAt = familyAt + b[rowEnd];
    const type = b[keyEnd - 1];
    let c = compareRange(b, rowAt, rowEnd, key.row);
    if (c === 0) {
      const mineLast = type === CellType.Minimum && qualifierAt === familyAt && keyEnd - 9 === qualifierAt;
      const theirsLast = key.type === CellType.Minimum && key.family.length === 0 && key.qualifier.length === 0;
      if (mineLast !== theirsLast) c = mineLast ? 1 : -1;
      else if (!mineLast) c = compareAfterRow({ b, familyAt, qualifierAt, keyEnd, type }, key);
    }
    if (c === 0) {
      const sequenceId = readInt64(b, this.#cellEnd(i) - 8);
      c = sequenceId > key.sequenceId ? -1 : sequenceId < key.sequenceId ? 1 : 0;
    }
    if (invariantsEnabled()) assert(Math.sign(c) === Math.sign(compareCells(this.cellAt(i), key)), "in-place compare disagrees with compareCells");
    return c;
  }

  #cellEnd(i: number): number {
    return i + 1 < this.count ? this.#cellStart(i + 1) : this.#offsetsAt;
  }

  #cellStart(i: number): number {
    return BLOCK_HEADER_SIZE + readUint32(this.#bytes, this.#offsetsAt + 4 * i);
  }

  /** Offsets increasing and inside the cells area; each cell's lengths add up to its span. */
  #checkCells(): void {
    let previous = -1;
    for (let i = 0; i < this.count; i++) {
      const start = this.#cellStart(i);
      if (i === 0) check(start === BLOCK_HEADER_SIZE, "first cell offset is not 0");
      else check(start >= previous + CELL_SIZE_MIN, "cell offsets not increasing by a whole cell");
      previous = start;
    }
    check(previous + CELL_SIZE_MIN <= this.#offsetsAt, "last cell runs into the offset table");
    for (let i = 0; i < this.count; i++) this.#checkCellLengths(i);
  }

  #checkCellLengths(i: number): void {
    // In bounds: #checkCells saw every cell start at least CELL_SIZE_MIN before the next one.
    const b = this.#bytes;
    const start = this.#cellStart(i);
    const end = this.#cellEnd(i);
    const keyLength = readInt32(b, start);
    const valueLength = readInt32(b, start + 4);
    const rowLength = readInt16(b, start + 8);
    check(keyLength >= 12 && valueLength >= 0 && rowLength >= 0, `cell ${i} has negative or short lengths`);
    check(start + 8 + keyLength + valueLength + 2 + 8 <= end, `cell ${i} runs past its span`);
    check(2 + rowLength + 1 + 9 <= keyLength, `cell ${i} row runs past its key`);
    const familyLength = this.#bytes[start + 10 + rowLength];
    check(familyLength <= 127 && 2 + rowLength + 1 + familyLength + 9 <= keyLength, `cell ${i} family runs past its key`);
    const tagsAt = start + 8 + keyLength + valueLength;
    check(tagsAt + 2 + readUint16(b, tagsAt) + 8 === end, `cell ${i} does not end where the next begins`);
  }
}

interface RawKey {
  b: Uint8Array;
  familyAt: number;
  qualifierAt: number;
  keyEnd: number;
  type: number;
}

/** compareWithoutRow for a raw key whose row equals the key's and which is not "last on row". */
function compareAfterRow(raw: RawKey, key: Cell): number {
  const f = compareRange(raw.b, raw.familyAt, raw.qualifierAt, key.family);
  if (f !== 0) return f;
  const tsAt = raw.keyEnd - 9;
  const q = compareRange(raw.b, raw.qualifierAt, tsAt, key.qualifier);
  if (q !== 0) return q;
  const ts = readInt64(raw.b, tsAt);
  if (ts !== key.timestamp) return ts > key.timestamp ? -1 : 1;
  return key.type - raw.type;
}

/** Unsigned lexicographic comparison of bytes[start, end) with `other`. */
function compareRange(bytes: Uint8Array, start: number, end: number, other: Uint8Array): number {
  const length = end - start;
  const n = length < other.length ? length : other.length;
  for (let i = 0; i < n; i++) {
    const d = bytes[start + i] - other[i];
    if (d !== 0) return d;
  }
  return length - other.length;
}
