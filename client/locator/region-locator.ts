// Region lookup with a cache (DESIGN.md "The life of a request", step 2): a cache hit answers at
// once; a miss reads the meta location from the registry and scans hbase:meta in reverse, caching
// every usable region it returns. Concurrent misses on one table wait for the lookup in flight
// and look at the cache again, so a burst of callers after a split makes one meta read per
// region. A table with no regions is TableNotFound and is never cached.

import { TableNotFoundError } from "../../src/api/errors.ts";
import { type TableName, tableNameString } from "../../src/api/table-name.ts";
import { concatBytes, equalBytes, toBytes, toStringBinary } from "../../src/util/bytes.ts";
import { assert } from "../../src/util/assert.ts";
import { LIMITS } from "../../src/util/limits.ts";
import type { ConnectionRegistry } from "../registry/registry.ts";
import type { ConnectionPool, ServerAddress } from "../rpc/connection-pool.ts";
import { RemoteError } from "../rpc/remote-error.ts";
import { RegionCache } from "./region-cache.ts";
import { containsRow, parseMetaRow, type RegionLocation, sameTable } from "./region-location.ts";
import { type MetaReader, metaKey, readTableState, reverseMetaScan, type TableStateName, tableMetaRows } from "./meta-lookup.ts";

/** "at": the region holding the row; "before": the region holding the rows just below the key (reversed scans). */
export type LocateMode = "at" | "before";

/** Meta names the region but no server: retry later (Java's NoServerForRegionException). */
export class NoServerForRegionError extends RemoteError {
  constructor(message: string) {
    super("org.apache.hadoop.hbase.client.NoServerForRegionException", message, { doNotRetry: false });
  }
}

export class RegionLocator {
  readonly #cache = new RegionCache();
  readonly #pool: ConnectionPool;
  readonly #registry: ConnectionRegistry;
  readonly #options: { rpcTimeoutMs: number; locatePrefetchRows: number };
  /** Lookups in flight per table; a miss waits for them before reading meta itself. */
  readonly #inFlight = new Map<string, Set<Promise<unknown>>>();

  constructor(pool: ConnectionPool, registry: ConnectionRegistry, options: { rpcTimeoutMs: number; locatePrefetchRows: number }) {
    this.#pool = pool;
    this.#registry = registry;
    this.#options = options;
  }

  /** The region for `row` of `table`; `reload` skips the cache. */
  async locate(table: TableName, row: Uint8Array, mode: LocateMode = "at", reload = false): Promise<RegionLocation> {
    if (!reload) {
      const hit = this.#cached(table, row, mode);
      if (hit !== undefined) return hit;
      const pending = this.#inFlight.get(tableNameString(table));
      if (pending !== undefined && pending.size > 0) {
        await Promise.allSettled([...pending]);
        const after = this.#cached(table, row, mode);
        if (after !== undefined) return after;
      }
    }
    return this.#track(table, this.#lookup(table, row, mode));
  }

  #cached(table: TableName, row: Uint8Array, mode: LocateMode): RegionLocation | undefined {
    return mode === "at" ? this.#cache.find(table, row) : this.#cache.findBefore(table, row);
  }

  async #track<T>(table: TableName, work: Promise<T>): Promise<T> {
    const key = tableNameString(table);
    let set = this.#inFlight.get(key);
    if (set === undefined) this.#inFlight.set(key, (set = new Set()));
    set.add(work);
    try {
      return await work;
    } finally {
      set.delete(work);
      if (set.size === 0) this.#inFlight.delete(key);
    }
  }

  async #lookup(table: TableName, row: Uint8Array, mode: LocateMode): Promise<RegionLocation> {
    const start = mode === "at" ? metaKey(table, row, "99999999999999")
      : row.length === 0 ? concatBytes([toBytes(tableNameString(table)), new Uint8Array([0])])
      : metaKey(table, row, "00000000000000");
    // A meta key past the row length limit cannot be a scan start row: read the table's regions forward.
    const rows = start.length > LIMITS.rowLengthMax
      ? (await tableMetaRows(await this.metaReader(), table)).reverse()
      : await reverseMetaScan(await this.metaReader(), table, start, this.#options.locatePrefetchRows);
    let answer: RegionLocation | undefined;
    let first: RegionLocation | undefined;
    for (const result of rows) {
      const loc = parseMetaRow(result);
      if (loc === undefined || !sameTable(loc.region.table, table) || loc.offline) continue;
      first ??= loc;
      if (answer === undefined && this.#answers(loc, row, mode)) answer = loc;
      if (loc.server !== undefined) this.#cache.add(loc);
    }
    if (first === undefined) throw new TableNotFoundError(tableNameString(table));
    if (answer === undefined) {
      throw new NoServerForRegionError(`Unable to find region for ${toStringBinary(row)} in ${tableNameString(table)}`);
    }
    if (answer.server === undefined) throw new NoServerForRegionError(`No server address listed in hbase:meta for region ${answer.region.encodedName}`);
    return answer;
  }

  #answers(loc: RegionLocation, row: Uint8Array, mode: LocateMode): boolean {
    if (mode === "at") return containsRow(loc.region, row);
    if (row.length === 0) return loc.region.endKey.length === 0;
    return containsRow(loc.region, row) || equalBytes(loc.region.endKey, row);
  }

  /** Drops one cached region (after NotServingRegion and the like). */
  invalidate(location: RegionLocation): void {
    this.#cache.remove(location);
  }

  /** Caches the region at its new server (RegionMovedException). */
  moved(location: RegionLocation, to: ServerAddress): void {
    this.#cache.remove(location);
    this.#cache.add({ ...location, server: to });
  }

  /** Drops every region of a dead server, and the cached meta location if it was there. */
  forgetServer(address: string): void {
    this.#cache.removeServer(address);
    this.#registry.invalidate();
  }

  clearTable(table: TableName): void {
    this.#cache.clearTable(table);
  }

  /** Every region of the table from meta, split parents left out, in start-key order. */
  async listRegions(table: TableName): Promise<RegionLocation[]> {
    const rows = await tableMetaRows(await this.metaReader(), table);
    const out: RegionLocation[] = [];
    for (const r of rows) {
      const loc = parseMetaRow(r);
      if (loc !== undefined && sameTable(loc.region.table, table) && !loc.offline) out.push(loc);
    }
    return out;
  }

  tableState(table: TableName): Promise<TableStateName | undefined> {
    return this.metaReader().then((reader) => readTableState(reader, table));
  }

  async metaReader(): Promise<MetaReader> {
    const meta = await this.#registry.metaLocation();
    assert(meta.port > 0, "meta location has a port");
    return { pool: this.#pool, meta, rpcTimeoutMs: this.#options.rpcTimeoutMs };
  }
}
