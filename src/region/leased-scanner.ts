// A store-file scanner that holds a lease on its reader: a compaction may retire the reader, but
// the file stays open (and on disk) until the last scanner reading it is closed.

import type { Cell } from "../cell/cell.ts";
import type { KeyValueScanner } from "../scan/key-value-scanner.ts";

export class LeasedScanner implements KeyValueScanner {
  readonly #inner: KeyValueScanner;
  #release: (() => void) | undefined;

  constructor(inner: KeyValueScanner, release: () => void) {
    this.#inner = inner;
    this.#release = release;
  }

  peek(): Cell | undefined {
    return this.#inner.peek();
  }

  next(): Promise<void> | undefined {
    return this.#inner.next();
  }

  seek(key: Cell): Promise<void> | undefined {
    return this.#inner.seek(key);
  }

  seekToPreviousRow(row: Uint8Array): Promise<void> | undefined {
    return this.#inner.seekToPreviousRow(row);
  }

  seekToLastRow(): Promise<void> | undefined {
    return this.#inner.seekToLastRow();
  }

  close(): void {
    this.#inner.close();
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}
