// The embedded ResultScanner: walks the table's regions in scan order (each with its own read
// point, as HBase's client does), looking up the next region only when the current one is done, so
// splits along the way are followed; and shapes rows into Results per batch, partial-result and
// limit settings (data-semantics.md §3.2–§3.5).

import { EMPTY_BYTES, compareBytes } from "../util/bytes.ts";
import type { Limits } from "../util/limits.ts";
import type { Cell } from "../cell/cell.ts";
import { keyValueSize } from "../cell/cell.ts";
import { LIMITS } from "../util/limits.ts";
import type { Scan } from "../api/operations.ts";
import { Result } from "../api/result.ts";
import type { ResultScanner } from "../api/types.ts";
import type { Region, RegionReader } from "../region/region.ts";
import { withRelocation } from "./relocation.ts";

/** How the scanner finds regions: the one holding a row, and the one just before a key. */
export interface RegionLocator {
  regionFor(row: Uint8Array): Region;
  /** The region holding the largest row < key. */
  regionBefore(key: Uint8Array): Region;
  limits: Limits;
}

export class EmbeddedResultScanner implements ResultScanner {
  readonly #scan: Scan;
  readonly #locate: () => RegionLocator;
  #locator: RegionLocator | undefined;
  /** The region being read, or the last one read; undefined before the first. */
  #region: Region | undefined;
  #exhausted = false;
  #reader: RegionReader | undefined;
  readonly #pending: Result[] = [];
  #rows = 0;
  #closed = false;
  /** Rows and bytes returned in the current emulated scan call to the current region. */
  #rowsInCall = 0;
  #bytesInCall = 0;

  /** `locate` gives the table's region locator; called on first use, so its errors surface in next(). */
  constructor(scan: Scan, locate: () => RegionLocator) {
    this.#scan = scan;
    this.#locate = locate;
  }

  async next(): Promise<Result | undefined> {
    while (this.#pending.length === 0) {
      if (this.#closed || (this.#scan.limit > 0 && this.#rows >= this.#scan.limit)) {
        await this.close();
        return undefined;
      }
      const cells = await this.#nextRow();
      if (cells === undefined) {
        await this.close();
        return undefined;
      }
      this.#rows++;
      this.#pending.push(...this.#shape(cells));
    }
    return this.#pending.shift();
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#reader?.close();
    this.#reader = undefined;
    return Promise.resolve();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Result> {
    try {
      for (let r = await this.next(); r !== undefined; r = await this.next()) yield r;
    } finally {
      await this.close();
    }
  }

  async #nextRow(): Promise<Cell[] | undefined> {
    this.#regions ??= this.#locate().filter((r) => overlaps(this.#scan, r));
    while (this.#regionIndex < this.#regions.length) {
      if (this.#reader === undefined) {
        this.#reader = await this.#regions[this.#regionIndex].openReader(this.#scan);
        this.#startCall();
      }
      const cells = await this.#reader.nextRow();
      if (cells !== undefined && !this.#reader.filterDone) {
        this.#countInCall(cells);
        return cells;
      }
      const endsScan = cells === undefined && this.#reader.filterDone && this.#rowsInCall === 0;
      this.#reader.close();
      this.#reader = undefined;
      this.#regionIndex++;
      if (endsScan) this.#regionIndex = this.#regions.length;
      if (cells !== undefined) return cells;
    }
    return undefined;
  }

  #startCall(): void {
    this.#rowsInCall = 0;
    this.#bytesInCall = 0;
  }

  /** Counts a row in the current call; a full call (caching rows or size budget) starts the next one. */
  #countInCall(cells: Cell[]): void {
    this.#rowsInCall++;
    for (const cell of cells) this.#bytesInCall += keyValueSize(cell);
    const sizeMax = this.#scan.maxResultSize > 0n ? this.#scan.maxResultSize : BigInt(LIMITS.scannerMaxResultSizeBytes);
    const full = (this.#scan.caching > 0 && this.#rowsInCall >= this.#scan.caching) || BigInt(this.#bytesInCall) >= sizeMax;
    if (full) this.#startCall();
  }

  /** Splits one row into Results: `batch` cells each, or by size when partial results are allowed. */
  #shape(cells: Cell[]): Result[] {
    const { batch, maxResultSize } = this.#scan;
    // A filter that needs whole rows keeps size limits between rows (§3.4).
    const allowPartialResults = this.#scan.allowPartialResults && !(this.#scan.filter?.hasFilterRow() ?? false);
    const chunks: Cell[][] = [];
    let chunk: Cell[] = [];
    let bytes = 0;
    for (const cell of cells) {
      chunk.push(cell);
      bytes += keyValueSize(cell);
      const full = (batch > 0 && chunk.length >= batch) || (allowPartialResults && maxResultSize > 0n && BigInt(bytes) >= maxResultSize);
      if (full) {
        chunks.push(chunk);
        chunk = [];
        bytes = 0;
      }
    }
    if (chunk.length > 0) chunks.push(chunk);
    return chunks.map((c, i) => new Result(c, { mayHaveMoreCellsInRow: i < chunks.length - 1 }));
  }
}
