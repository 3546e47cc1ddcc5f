// StoreFileScanner: the KeyValueScanner (src/scan/key-value-scanner.ts) over one store file. Within
// a decoded block every step is synchronous; a method returns a Promise only when it must read a
// block from disk, so the merge heap awaits once per block, not once per cell. Cells alias cached
// block bytes: read-only.

import { type Cell, firstOnRow } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";
import { assert, invariantsEnabled } from "../util/assert.ts";
import type { BlockIndex } from "./block-index.ts";
import type { DataBlock } from "./block-reader.ts";
import type { StoreFileInfo } from "./storefile-info.ts";

/** What a scanner needs from its reader (StoreFileReader implements it). */
export interface DataBlockSource {
  readonly info: StoreFileInfo;
  readonly blockIndex: BlockIndex;
  /** The block if cached (already verified); no I/O. */
  cachedDataBlock(n: number): DataBlock | undefined;
  /** Reads and verifies the block from disk. */
  readDataBlock(n: number): Promise<DataBlock>;
}

/** Picks the cell position within a block; `count` means "the first cell of the next block". */
type Pick = (block: DataBlock) => number;

export class StoreFileScanner {
  readonly #source: DataBlockSource;
  #block: DataBlock | undefined;
  #blockNo = -1;
  #pos = 0;
  #cell: Cell | undefined;
  /** Bumped by every move, so a block load finishing after a newer move is noticed. */
  #generation = 0;
  #closed = false;

  constructor(source: DataBlockSource) {
    this.#source = source;
  }

  /** Current cell, or undefined when exhausted, not positioned, or while a move is loading a block. */
  peek(): Cell | undefined {
    return this.#cell;
  }

  /** Advances one cell. Returns a Promise only when it had to load a block. */
  next(): Promise<void> | undefined {
    const previous = this.#cell;
    const block = this.#block;
    if (previous === undefined || block === undefined) return undefined;
    if (this.#pos + 1 < block.count) {
      this.#pos++;
      this.#setCell(block.cellAt(this.#pos), previous);
      return undefined;
    }
    return this.#moveTo(this.#blockNo + 1, () => 0, previous);
  }

  /** Positions at the first cell >= key (compareCells). Returns a Promise when I/O is needed. */
  seek(key: Cell): Promise<void> | undefined {
    assert(!this.#closed, "seek on a closed scanner");
    const at = this.#source.blockIndex.blockAtOrBefore(key);
    return this.#moveTo(at < 0 ? 0 : at, (block) => block.lowerBound(key));
  }

  /** Positions at the first cell of the largest row < row; exhausted if there is none. */
  seekToPreviousRow(row: Uint8Array): Promise<void> | undefined {
    assert(!this.#closed, "seekToPreviousRow on a closed scanner");
    const key = firstOnRow(row);
    const at = this.#source.blockIndex.blockBefore(key);
    if (at < 0) return this.#exhaust();
    // The block's first key is < key, so the cell before lowerBound(key) exists and ends the row we want.
    const step = this.#moveTo(at, (block) => block.lowerBound(key) - 1);
    const seekRowStart = (): Promise<void> | undefined => {
      const cell = this.#cell;
      if (this.#closed) return undefined;
      assert(cell !== undefined, "no cell before a key the index says is preceded");
      return this.seek(firstOnRow(cell.row));
    };
    return step === undefined ? seekRowStart() : step.then(seekRowStart);
  }

  /** Positions at the first cell of the last row of the file; exhausted if the file is empty. */
  seekToLastRow(): Promise<void> | undefined {
    assert(!this.#closed, "seekToLastRow on a closed scanner");
    const lastKey = this.#source.info.lastKey;
    if (lastKey === undefined) return this.#exhaust();
    return this.seek(firstOnRow(lastKey.row));
  }

  close(): void {
    this.#closed = true;
    this.#cell = undefined;
    this.#block = undefined;
    this.#generation++;
  }

  /** Goes to block `blockNo` (exhausted past the last) and the position `pick` chooses there. */
  #moveTo(blockNo: number, pick: Pick, previous?: Cell): Promise<void> | undefined {
    this.#cell = undefined;
    const generation = ++this.#generation;
    if (blockNo >= this.#source.blockIndex.blockCount) return this.#exhaust();
    const block = blockNo === this.#blockNo ? this.#block : this.#source.cachedDataBlock(blockNo);
    if (block !== undefined) return this.#settle(blockNo, block, pick, previous);
    return this.#source.readDataBlock(blockNo).then((loaded) => {
      if (this.#closed) return undefined;
      assert(generation === this.#generation, "scanner moved while one of its block loads was pending");
      return this.#settle(blockNo, loaded, pick, previous);
    });
  }

  #settle(blockNo: number, block: DataBlock, pick: Pick, previous: Cell | undefined): Promise<void> | undefined {
    const pos = pick(block);
    assert(pos >= 0 && pos <= block.count, "picked position outside the block");
    if (pos === block.count) return this.#moveTo(blockNo + 1, () => 0, previous);
    this.#block = block;
    this.#blockNo = blockNo;
    this.#pos = pos;
    this.#setCell(block.cellAt(pos), previous);
    return undefined;
  }

  #setCell(cell: Cell, previous: Cell | undefined): void {
    if (previous !== undefined && invariantsEnabled()) {
      assert(compareCells(previous, cell) < 0, "store file cells out of order while iterating");
    }
    this.#cell = cell;
  }

  #exhaust(): undefined {
    this.#cell = undefined;
    return undefined;
  }
}
