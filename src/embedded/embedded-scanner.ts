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

/** A row read that next() started on the open region's reader and handed to the general path. */
interface StartedRead {
  read: ReturnType<RegionReader["nextRow"]>;
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
  /** RegionReader.lastRowMore of the row read last. */
  #lastRowMore: readonly boolean[] = [];

  /** `locate` gives the table's region locator; called on first use, so its errors surface in next(). */
  constructor(scan: Scan, locate: () => RegionLocator) {
    this.#scan = scan;
    this.#locate = locate;
  }

  next(): Promise<Result | undefined> {
    if (this.#pending.length > 0) return Promise.resolve(this.#pending.shift());
    const reader = this.#reader;
    if (reader === undefined || this.#closed || this.#exhausted || this.#limitReached() || !this.#wholeRows()) return this.#fetch(undefined);
    // The common step: the open region hands over a visible row it read from memory.
    let read: ReturnType<RegionReader["nextRow"]>;
    try {
      read = reader.nextRow();
    } catch (error) {
      return Promise.reject(error);
    }
    if (Array.isArray(read) && read.length > 0 && !reader.filterDone) {
      this.#countInCall(read);
      this.#rows++;
      return Promise.resolve(new Result(read, { mayHaveMoreCellsInRow: false }));
    }
    return this.#fetch({ read });
  }

  #limitReached(): boolean {
    return this.#scan.limit > 0 && this.#rows >= this.#scan.limit;
  }

  /** Reads rows until one yields a Result (or the scan ends); `started` is a read next() began. */
  async #fetch(started: StartedRead | undefined): Promise<Result | undefined> {
    while (this.#pending.length === 0) {
      if (this.#closed || this.#limitReached()) {
        await this.close();
        return undefined;
      }
      const cells = await this.#nextRow(started);
      started = undefined;
      if (cells === undefined) {
        await this.close();
        return undefined;
      }
      this.#rows++;
      if (cells.length > 0 && this.#wholeRows()) return new Result(cells, { mayHaveMoreCellsInRow: false });
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

  async #nextRow(started: StartedRead | undefined): Promise<Cell[] | undefined> {
    this.#locator ??= this.#locate();
    const locator = this.#locator;
    while (!this.#exhausted) {
      if (this.#reader === undefined && !(await this.#openNextRegion(locator))) break;
      const reader = this.#reader!;
      const cells = await (started === undefined ? reader.nextRow() : started.read);
      started = undefined;
      this.#lastRowMore = reader.lastRowMore;
      if (cells !== undefined && !reader.filterDone) {
        this.#countInCall(cells);
        return cells;
      }
      // The region is done. A filter done before any row of this call ends the whole scan (§5.1).
      if (cells === undefined && reader.filterDone && this.#rowsInCall === 0) this.#exhausted = true;
      reader.close();
      this.#reader = undefined;
      if (cells !== undefined) return cells;
    }
    return undefined;
  }

  /** Opens the next region in scan order (looked up now, so splits are followed); false past the end. */
  async #openNextRegion(locator: RegionLocator): Promise<boolean> {
    const opened = await withRelocation(locator.limits, async () => {
      const region = this.#nextRegion(locator);
      if (region === undefined) return undefined;
      return { region, reader: await region.openReader(this.#scan) };
    });
    if (opened === undefined) {
      this.#exhausted = true;
      return false;
    }
    this.#region = opened.region;
    this.#reader = opened.reader;
    this.#startCall();
    return true;
  }

  /** The region after the current one in scan order, or undefined when the scan's range ends first. */
  #nextRegion(locator: RegionLocator): Region | undefined {
    const scan = this.#scan;
    const current = this.#region;
    if (!scan.reversed) {
      if (current === undefined) return locator.regionFor(scan.startRow);
      const end = current.info.endKey;
      if (end.length === 0) return undefined;
      if (scan.stopRow.length > 0) {
        const c = compareBytes(end, scan.stopRow);
        if (c > 0 || (c === 0 && !scan.includeStopRow)) return undefined;
      }
      return locator.regionFor(end);
    }
    if (current === undefined) return scan.startRow.length === 0 ? locator.regionBefore(EMPTY_BYTES) : locator.regionFor(scan.startRow);
    const start = current.info.startKey;
    if (start.length === 0) return undefined;
    if (scan.stopRow.length > 0 && compareBytes(start, scan.stopRow) <= 0) return undefined;
    return locator.regionBefore(start);
  }

  #startCall(): void {
    this.#rowsInCall = 0;
    this.#bytesInCall = 0;
  }

  /** Counts a row in the current call; a full call (caching rows or size budget) starts the next one. */
  #countInCall(cells: Cell[]): void {
    this.#rowsInCall++;
    for (const cell of cells) this.#bytesInCall += keyValueSize(cell);
    // Byte counts stay far below 2^53, so comparing as numbers gives the bigint comparison's answer.
    const sizeMax = this.#scan.maxResultSize > 0n ? Number(this.#scan.maxResultSize) : LIMITS.scannerMaxResultSizeBytes;
    const full = (this.#scan.caching > 0 && this.#rowsInCall >= this.#scan.caching) || this.#bytesInCall >= sizeMax;
    if (full) this.#startCall();
  }

  /** True when #shape would return the row as one Result: no batch, no size split of a row. */
  #wholeRows(): boolean {
    const scan = this.#scan;
    return scan.batch <= 0 && !(scan.allowPartialResults && scan.maxResultSize > 0n);
  }

  /** Splits one row into Results: `batch` cells each, or by size when partial results are allowed. */
  #shape(cells: Cell[]): Result[] {
    const { batch, maxResultSize } = this.#scan;
    // A filter that needs whole rows keeps size limits between rows (§3.4).
    const allowPartialResults = this.#scan.allowPartialResults && !(this.#scan.filter?.hasFilterRow() ?? false);
    const more = this.#lastRowMore;
    const out: Result[] = [];
    let chunk: Cell[] = [];
    let bytes = 0;
    for (const [i, cell] of cells.entries()) {
      chunk.push(cell);
      bytes += keyValueSize(cell);
      const full = (batch > 0 && chunk.length >= batch) || (allowPartialResults && maxResultSize > 0n && BigInt(bytes) >= maxResultSize);
      if (full) {
        // A cut where the read was still inside the row is partial (HBase's *_LIMIT_REACHED_MID_ROW).
        out.push(new Result(chunk, { mayHaveMoreCellsInRow: more[i] === true }));
        chunk = [];
        bytes = 0;
      }
    }
    if (chunk.length > 0) out.push(new Result(chunk, { mayHaveMoreCellsInRow: false }));
    return out;
  }
}
