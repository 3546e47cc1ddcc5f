// Builds one data block (docs/format/storefile.md §2.2): cells as KeyValue-with-tags plus sequence
// id, then one uint32 offset per cell, framed by block-format.ts. Cells must arrive in strictly
// increasing compareCells order; the order is asserted on every append, across blocks too.

import type { Cell } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";
import { encodedKeyValueSize, writeKeyValue } from "../cell/key-value.ts";
import { assert } from "../util/assert.ts";
import { LIMITS } from "../util/limits.ts";
import { BLOCK_CRC_SIZE, BLOCK_HEADER_SIZE, BLOCK_OVERHEAD, BlockMagic, sealBlock } from "./block-format.ts";

/** Bytes a cell takes in a data block, its offset entry included. */
export function dataBlockCellSize(cell: Cell): number {
  return encodedKeyValueSize(cell, true) + 8 + 4;
}

export class DataBlockBuilder {
  #buffer = new Uint8Array(4096);
  #view = new DataView(this.#buffer.buffer);
  #used = BLOCK_HEADER_SIZE;
  #offsets: number[] = [];
  #first: Cell | undefined;
  #last: Cell | undefined;

  /** Cells in the block being built. */
  get cellCount(): number {
    return this.#offsets.length;
  }

  /** Payload bytes so far (cells and their offsets): what is compared with the block size. */
  get payloadBytes(): number {
    return this.#used - BLOCK_HEADER_SIZE + 4 * this.#offsets.length;
  }

  /** First cell of the block being built; undefined when it is empty. */
  get firstCell(): Cell | undefined {
    return this.#first;
  }

  /** The last cell appended to this builder, in this block or an earlier one. */
  get lastCell(): Cell | undefined {
    return this.#last;
  }

  /** Appends `cell`, which must sort after every cell appended before. The builder copies its bytes. */
  append(cell: Cell): void {
    if (this.#last !== undefined) {
      assert(compareCells(this.#last, cell) < 0, "cells out of order in a store file");
    }
    const size = encodedKeyValueSize(cell, true) + 8;
    this.#reserve(size + 4);
    const end = writeKeyValue(this.#buffer, this.#used, cell, true);
    this.#view.setBigInt64(end, cell.sequenceId);
    this.#offsets.push(this.#used - BLOCK_HEADER_SIZE);
    this.#used = end + 8;
    this.#first ??= cell;
    this.#last = cell;
  }

  /** Seals the block and returns a new array holding it; the builder starts an empty block. */
  finish(): { block: Uint8Array; crc: number; cellCount: number } {
    const count = this.#offsets.length;
    assert(count > 0, "a data block holds at least one cell");
    this.#reserve(4 * count + BLOCK_CRC_SIZE);
    let at = this.#used;
    for (const offset of this.#offsets) {
      this.#view.setUint32(at, offset);
      at += 4;
    }
    const block = this.#buffer.slice(0, at + BLOCK_CRC_SIZE);
    assert(block.length - BLOCK_OVERHEAD === this.payloadBytes, "data block payload size mismatch");
    assert(block.length <= LIMITS.storeFileSectionBytesMax, "data block larger than a section may be");
    const crc = sealBlock(block, BlockMagic.DATA, count);
    this.#used = BLOCK_HEADER_SIZE;
    this.#offsets = [];
    this.#first = undefined;
    return { block, crc, cellCount: count };
  }

  #reserve(extra: number): void {
    const needed = this.#used + extra + BLOCK_CRC_SIZE;
    if (needed <= this.#buffer.length) return;
    let capacity = this.#buffer.length;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.#buffer.subarray(0, this.#used));
    this.#buffer = grown;
    this.#view = new DataView(grown.buffer);
  }
}
