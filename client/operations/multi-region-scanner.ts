// A ResultScanner over a table's regions (hbase-rpc.md §7.1.3): opens a region scanner, pulls
// batches of `caching` rows, follows more_results_in_region to the next region (forward by end
// key, reversed by start key), merges partial Results into whole rows unless partials were
// asked for, skips heartbeats, renews the lease while the caller is slow, and closes the server
// scanner when the caller stops early. After a failure it reopens just past the last whole row it
// returned, in a freshly located region, so no row is returned twice or lost across splits.

import { create, isFieldSet } from "@bufbuild/protobuf";
import { ScanRequestSchema, ScanResponseSchema, type ScanResponse } from "../../proto/gen/hbase/client_pb.ts";
import type { Scan } from "../../src/api/operations.ts";
import { Result } from "../../src/api/result.ts";
import type { ResultScanner } from "../../src/api/types.ts";
import type { TableName } from "../../src/api/table-name.ts";
import { compareBytes, equalBytes } from "../../src/util/bytes.ts";
import { assert } from "../../src/util/assert.ts";
import { callRegion, type ClientContext } from "../client-context.ts";
import type { RegionLocation } from "../locator/region-location.ts";
import { regionSpecifier } from "../locator/meta-lookup.ts";
import { decodeScanResults } from "./result-decode.ts";
import { toPbScan } from "./to-proto.ts";

/** Where the next region scanner opens: a row and whether that row itself is wanted. */
interface Resume {
  row: Uint8Array;
  inclusive: boolean;
}

interface OpenScanner {
  location: RegionLocation;
  id: bigint;
  nextCallSeq: bigint;
}

export class MultiRegionScanner implements ResultScanner {
  readonly #ctx: ClientContext;
  readonly #table: TableName;
  readonly #scan: Scan;
  readonly #buffer: Result[] = [];
  #open: OpenScanner | undefined;
  #resume: Resume;
  #partial: Result[] = [];
  #rowsReturned = 0;
  #done = false;
  #closed = false;
  #busy: Promise<unknown> = Promise.resolve();
  #renewTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(ctx: ClientContext, table: TableName, scan: Scan) {
    this.#ctx = ctx;
    this.#table = table;
    this.#scan = scan;
    this.#resume = { row: scan.startRow, inclusive: scan.includeStartRow };
  }

  async next(): Promise<Result | undefined> {
    while (this.#buffer.length === 0) {
      if (this.#done || this.#closed || this.#limitReached()) {
        await this.close();
        return undefined;
      }
      const fetch = this.#busy.then(() => this.#fetch());
      this.#busy = fetch.catch(() => undefined);
      try {
        await fetch;
      } catch (error) {
        await this.close();
        throw error;
      }
    }
    const result = this.#buffer.shift()!;
    if (!result.mayHaveMoreCellsInRow) this.#rowsReturned++;
    this.#scheduleRenew();
    return result;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#renewTimer);
    const open = this.#open;
    this.#open = undefined;
    if (open === undefined) return;
    await this.#busy;
    const request = create(ScanRequestSchema, { scannerId: open.id, numberOfRows: 0, closeScanner: true });
    try {
      await this.#ctx.pool.call({ address: open.location.server!, service: "ClientService" }, "Scan",
        { schema: ScanRequestSchema, message: request }, ScanResponseSchema);
    } catch {
      // The lease ends the scanner on the server anyway; errors on close are ignored, as Java does.
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Result> {
    try {
      for (let r = await this.next(); r !== undefined; r = await this.next()) yield r;
    } finally {
      await this.close();
    }
  }

  #limitReached(): boolean {
    return this.#scan.limit > 0 && this.#rowsReturned + this.#wholeRowsBuffered() >= this.#scan.limit;
  }

  #wholeRowsBuffered(): number {
    let n = 0;
    for (const r of this.#buffer) if (!r.mayHaveMoreCellsInRow) n++;
    return n;
  }

  /** One round trip: opens a region scanner if none is open, or continues the open one. */
  async #fetch(): Promise<void> {
    clearTimeout(this.#renewTimer);
    if (this.#open !== undefined) {
      try {
        return await this.#continue(this.#open);
      } catch {
        // Scanner expired, region moved or split, connection lost: reopen past the last whole row.
        this.#open = undefined;
        this.#partial = [];
      }
    }
    const reversed = this.#scan.reversed;
    const resume = this.#resume;
    const mode = reversed && (!resume.inclusive || resume.row.length === 0) ? "before" : "at";
    await callRegion(this.#ctx, { table: this.#table, row: resume.row, mode, what: "Scan" }, async (location) => {
      const request = create(ScanRequestSchema, {
        region: regionSpecifier(location.region.regionName), scan: toPbScan(this.#scan, resume),
        numberOfRows: this.#caching(), closeScanner: false, clientHandlesPartials: true, clientHandlesHeartbeats: true,
      });
      this.#applyLimit(request);
      const { response, cellBlock } = await this.#ctx.pool.call({ address: location.server!, service: "ClientService" }, "Scan",
        { schema: ScanRequestSchema, message: request }, ScanResponseSchema);
      this.#open = { location, id: response.scannerId, nextCallSeq: 0n };
      this.#absorb(location, response, cellBlock);
    });
  }

  async #continue(open: OpenScanner): Promise<void> {
    const request = create(ScanRequestSchema, {
      scannerId: open.id, numberOfRows: this.#caching(), nextCallSeq: open.nextCallSeq,
      clientHandlesPartials: true, clientHandlesHeartbeats: true,
    });
    this.#applyLimit(request);
    const { response, cellBlock } = await this.#ctx.pool.call({ address: open.location.server!, service: "ClientService" }, "Scan",
      { schema: ScanRequestSchema, message: request }, ScanResponseSchema);
    open.nextCallSeq++;
    this.#absorb(open.location, response, cellBlock);
  }

  #caching(): number {
    return this.#scan.caching > 0 ? this.#scan.caching : this.#ctx.options.scannerCaching;
  }

  #applyLimit(request: { limitOfRows: number }): void {
    if (this.#scan.limit > 0) request.limitOfRows = Math.max(this.#scan.limit - this.#rowsReturned - this.#wholeRowsBuffered(), 1);
  }

  /** Takes one response's Results and decides whether the region or the scan is over. */
  #absorb(location: RegionLocation, response: ScanResponse, cellBlock: Uint8Array): void {
    for (const r of decodeScanResults(response, cellBlock)) this.#take(r);
    const moreResults = !isFieldSet(response, ScanResponseSchema.field.moreResults) || response.moreResults;
    if (!moreResults) {
      this.#open = undefined;
      this.#done = true;
      return;
    }
    if (response.moreResultsInRegion) return;
    this.#open = undefined; // the server closed it
    if (this.#lastRegion(location)) {
      this.#done = true;
      return;
    }
    this.#resume = this.#scan.reversed
      ? { row: location.region.startKey, inclusive: false }
      : { row: location.region.endKey, inclusive: true };
  }

  #lastRegion(location: RegionLocation): boolean {
    const { startKey, endKey } = location.region;
    const stop = this.#scan.stopRow;
    if (!this.#scan.reversed) {
      if (endKey.length === 0) return true;
      return stop.length > 0 && compareBytes(stop, endKey) < 0 || (stop.length > 0 && equalBytes(stop, endKey) && !this.#scan.includeStopRow);
    }
    if (startKey.length === 0) return true;
    return stop.length > 0 && compareBytes(stop, startKey) >= 0;
  }

  /** Buffers a Result, merging partial pieces of one row unless the caller wants them as they come. */
  #take(r: Result): void {
    if (r.isEmpty) return;
    const keepPieces = this.#scan.allowPartialResults || this.#scan.batch > 0;
    if (keepPieces) {
      this.#buffer.push(r);
      if (!r.mayHaveMoreCellsInRow) this.#resume = { row: r.row!, inclusive: false };
      return;
    }
    if (r.mayHaveMoreCellsInRow) {
      this.#partial.push(r);
      return;
    }
    const whole = this.#partial.length === 0 ? r : new Result([...this.#partial.flatMap((p) => p.cells), ...r.cells]);
    this.#partial = [];
    assert(whole.row !== undefined, "a whole row has cells");
    this.#buffer.push(whole);
    this.#resume = { row: whole.row, inclusive: false };
  }

  /** Keeps the server lease alive while the caller holds rows and does not call next(). */
  #scheduleRenew(): void {
    clearTimeout(this.#renewTimer);
    const interval = this.#ctx.options.scannerRenewIntervalMs;
    if (this.#open === undefined || this.#closed || interval <= 0) return;
    this.#renewTimer = setTimeout(() => this.#renew(), interval);
    (this.#renewTimer as { unref?: () => void }).unref?.();
  }

  #renew(): void {
    const open = this.#open;
    if (open === undefined || this.#closed) return;
    const run = this.#busy.then(async () => {
      if (this.#open !== open) return;
      const request = create(ScanRequestSchema, { scannerId: open.id, numberOfRows: 0, renew: true, nextCallSeq: open.nextCallSeq });
      await this.#ctx.pool.call({ address: open.location.server!, service: "ClientService" }, "Scan",
        { schema: ScanRequestSchema, message: request }, ScanResponseSchema);
      open.nextCallSeq++;
      this.#scheduleRenew();
    });
    this.#busy = run.catch(() => undefined);
  }
}
