// KeyValueScanner over one MemStore segment (a skip list). Never does I/O: every method returns
// undefined. Cells newer than the reader's read point are left for the StoreScanner to filter.

import type { Cell } from "../cell/cell.ts";
import { firstOnRow } from "../cell/cell.ts";
import type { KeyValueScanner } from "../scan/key-value-scanner.ts";
import type { SkipList, SkipNode } from "./skip-list.ts";

export class MemStoreScanner implements KeyValueScanner {
  readonly #list: SkipList;
  #node: SkipNode | null;

  constructor(list: SkipList) {
    this.#list = list;
    this.#node = list.first();
  }

  peek(): Cell | undefined {
    return this.#node?.cell;
  }

  next(): undefined {
    if (this.#node !== null) this.#node = this.#node.next[0];
    return undefined;
  }

  seek(key: Cell): undefined {
    this.#node = this.#list.ceiling(key);
    return undefined;
  }

  seekToPreviousRow(row: Uint8Array): undefined {
    const before = this.#list.lower(firstOnRow(row));
    this.#node = before === null ? null : this.#list.ceiling(firstOnRow(before.cell.row));
    return undefined;
  }

  seekToLastRow(): undefined {
    const last = this.#list.last();
    this.#node = last === null ? null : this.#list.ceiling(firstOnRow(last.cell.row));
    return undefined;
  }

  close(): void {
    this.#node = null;
  }
}
