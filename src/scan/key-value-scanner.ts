// The contract every cell source of a store honours: MemStore segments and store files. A scanner
// is positioned on one cell (peek) and moves forward; reversed scans move row by row with
// seekToPreviousRow/seekToLastRow. Methods return a Promise only when they had to do I/O, so the
// common in-memory step costs no await.

import type { Cell } from "../cell/cell.ts";

export interface KeyValueScanner {
  /** Current cell, or undefined when exhausted. Its bytes are read-only. */
  peek(): Cell | undefined;
  /** Advances one cell. */
  next(): Promise<void> | undefined;
  /** Positions at the first cell >= key (compareCells order). */
  seek(key: Cell): Promise<void> | undefined;
  /** Positions at the first cell of the largest row < row; exhausted if there is none. */
  seekToPreviousRow(row: Uint8Array): Promise<void> | undefined;
  /** Positions at the first cell of the last row; exhausted if empty. */
  seekToLastRow(): Promise<void> | undefined;
  close(): void;
}
