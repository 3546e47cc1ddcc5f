// The embedded ResultScanner: walks the table's regions in scan order (each with its own read
// point, as HBase's client does), and shapes rows into Results per batch, partial-result and
// limit settings (data-semantics.md §3.2–§3.5).

import { compareBytes } from "../util/bytes.ts";
import type { Cell } from "../cell/cell.ts";
import { keyValueSize } from "../cell/cell.ts";
import type { Scan } from "../api/operations.ts";
import { Result } from "../api/result.ts";
import type { ResultScanner } from "../api/types.ts";
import type { Region, RegionReader } from "../region/region.ts";

export class EmbeddedResultScanner implements ResultScanner {
  readonly #scan: Scan;
  readonly #locate: () => Region[];
  #regions: Region[] | undefined;
  #regionIndex = 0;
  #reader: RegionReader | undefined;
  readonly #pending: Result[] = [];
  #rows = 0;
  #closed = false;

  /** `locate` gives the table's regions in scan order (reversed for reversed scans); called on first use. */
  constructor(scan: Scan, locate: () => Region[]) {
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
      this.#reader ??= await this.#regions[this.#regionIndex].openReader(this.#scan);
      const cells = await this.#reader.nextRow();
      if (cells !== undefined) return cells;
      this.#reader.close();
      this.#reader = undefined;
      this.#regionIndex++;
    }
    return undefined;
  }

  /** Splits one row into Results: `batch` cells each, or by size when partial results are allowed. */
  #shape(cells: Cell[]): Result[] {
    const { batch, allowPartialResults, maxResultSize } = this.#scan;
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

/** Whether the region holds any row of the scan's range. */
function overlaps(scan: Scan, region: Region): boolean {
  const { startKey, endKey } = region.info;
  const low = scan.reversed ? scan.stopRow : scan.startRow;
  const high = scan.reversed ? scan.startRow : scan.stopRow;
  if (endKey.length > 0 && low.length > 0 && compareBytes(low, endKey) >= 0) return false;
  if (high.length > 0 && compareBytes(high, startKey) < 0) return false;
  const highExclusive = scan.reversed ? !scan.includeStartRow : !scan.includeStopRow;
  if (high.length > 0 && highExclusive && compareBytes(high, startKey) === 0 && startKey.length > 0) return false;
  return true;
}
