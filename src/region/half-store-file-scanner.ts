// Reads one half of a parent's store file after a split (HBase's Reference / HalfStoreFileReader):
// the bottom half holds rows < splitRow, the top half rows >= splitRow. Daughters serve at once
// through these until a compaction rewrites them into real files.

import { compareBytes } from "../util/bytes.ts";
import type { Cell } from "../cell/cell.ts";
import { firstOnRow } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";
import type { KeyValueScanner } from "../scan/key-value-scanner.ts";

export interface HalfSpec {
  readonly splitRow: Uint8Array;
  /** True for rows >= splitRow, false for rows < splitRow. */
  readonly top: boolean;
}

export class HalfStoreFileScanner implements KeyValueScanner {
  readonly #inner: KeyValueScanner;
  readonly #half: HalfSpec;
  #exhausted = false;

  constructor(inner: KeyValueScanner, half: HalfSpec) {
    this.#inner = inner;
    this.#half = half;
  }

  peek(): Cell | undefined {
    if (this.#exhausted) return undefined;
    const cell = this.#inner.peek();
    return cell !== undefined && this.#inHalf(cell.row) ? cell : undefined;
  }

  next(): Promise<void> | undefined {
    return this.#inner.next();
  }

  seek(key: Cell): Promise<void> | undefined {
    this.#exhausted = false;
    const start = firstOnRow(this.#half.splitRow);
    const target = this.#half.top && compareCells(key, start) < 0 ? start : key;
    return this.#inner.seek(target);
  }

  seekToPreviousRow(row: Uint8Array): Promise<void> | undefined {
    this.#exhausted = false;
    const bound = !this.#half.top && compareBytes(row, this.#half.splitRow) > 0 ? this.#half.splitRow : row;
    return this.#afterward(this.#inner.seekToPreviousRow(bound));
  }

  seekToLastRow(): Promise<void> | undefined {
    this.#exhausted = false;
    const pending = this.#half.top ? this.#inner.seekToLastRow() : this.#inner.seekToPreviousRow(this.#half.splitRow);
    return this.#afterward(pending);
  }

  close(): void {
    this.#inner.close();
  }

  /** After a backward move, a top half that landed below the split row is exhausted. */
  #afterward(pending: Promise<void> | undefined): Promise<void> | undefined {
    const settle = () => {
      const cell = this.#inner.peek();
      if (cell === undefined || !this.#inHalf(cell.row)) this.#exhausted = true;
    };
    if (pending === undefined) {
      settle();
      return undefined;
    }
    return pending.then(settle);
  }

  #inHalf(row: Uint8Array): boolean {
    const c = compareBytes(row, this.#half.splitRow);
    return this.#half.top ? c >= 0 : c < 0;
  }
}
