// KeyValueScanner over one MemStore segment (a CellSet). Never does I/O: every method returns
// undefined. Cells newer than the reader's read point are left for the StoreScanner to filter.

import type { Cell } from "../cell/cell.ts";
import { firstOnRow } from "../cell/cell.ts";
import type { KeyValueScanner } from "../scan/key-value-scanner.ts";
import type { CellCursor, CellSet } from "./cell-set.ts";

export class MemStoreScanner implements KeyValueScanner {
  readonly #set: CellSet;
  /** The position; undefined until first used, which means "on the first cell". */
  #cursor: CellCursor | null | undefined;

  constructor(set: CellSet) {
    this.#set = set;
  }

  peek(): Cell | undefined {
    return this.#position()?.cell;
  }

  next(): undefined {
    const cursor = this.#position();
    if (cursor !== null && !cursor.advance()) this.#cursor = null;
    return undefined;
  }

  seek(key: Cell): undefined {
    this.#cursor = this.#set.ceiling(key);
    return undefined;
  }

  seekToPreviousRow(row: Uint8Array): undefined {
    const before = this.#set.lower(firstOnRow(row));
    this.#cursor = before === null ? null : this.#set.ceiling(firstOnRow(before.cell.row));
    return undefined;
  }

  seekToLastRow(): undefined {
    const last = this.#set.last();
    this.#cursor = last === null ? null : this.#set.ceiling(firstOnRow(last.cell.row));
    return undefined;
  }

  close(): void {
    this.#cursor = null;
  }

  #position(): CellCursor | null {
    if (this.#cursor === undefined) this.#cursor = this.#set.first();
    return this.#cursor;
  }
}
