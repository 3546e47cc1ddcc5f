// hbase:meta as a real table of the engine: one region ("hbase:meta,,1", encoded 1588230740) with
// its own WAL (as HBase gives meta its own), rows kept in the order of HBase's meta comparator
// through an order-preserving key encoding (meta-row-key.ts). The catalog commits every change
// of tables, regions and namespaces here as ONE mini-batch (one WAL record, one MVCC step), so a
// reader or a crash sees the change whole or not at all. Clients read it through openReader().

import { EMPTY_BYTES, toBytes, toHex } from "../util/bytes.ts";
import { maxLong } from "../util/int64.ts";
import { log } from "../util/log.ts";
import { CellType } from "../cell/cell-type.ts";
import { type Cell, makeCell, withFields } from "../cell/cell.ts";
import { normalizeTable } from "../api/descriptors.ts";
import { Durability, Get, Scan } from "../api/operations.ts";
import type { RegionInfo } from "../api/types.ts";
import { joinPath } from "../platform/fs.ts";
import { WAL } from "../wal/wal.ts";
import { Region, type RegionContext, type RegionReader } from "../region/region.ts";
import { decodeMetaRow, encodeMetaRow } from "./meta-row-key.ts";
import { MetaRowFilter } from "./meta-row-filter.ts";
import { type MetaContents, type MetaRow, metaRows, parseMetaRows, type ServingServer } from "./meta-rows.ts";

export const META_TABLE_NAME = { namespace: "hbase", qualifier: "meta" } as const;

export const META_REGION_INFO: RegionInfo = {
  table: META_TABLE_NAME,
  startKey: EMPTY_BYTES,
  endKey: EMPTY_BYTES,
  regionId: 1n,
  regionName: toBytes("hbase:meta,,1"),
  encodedName: "1588230740",
};

/** HBase 2.x meta families plus `ns` (HBase 3 keeps namespaces in meta). */
export const META_DESCRIPTOR = normalizeTable({
  name: "hbase:meta",
  families: ["info", "ns", "rep_barrier", "table"].map((name) => ({ name, maxVersions: 3, bloomFilterType: "NONE" as const })),
  durability: Durability.FSYNC_WAL,
});

export type MetaContext = Omit<RegionContext, "wal" | "requestSplit"> & { root: string };

export class MetaTable {
  readonly region: Region;
  readonly #wal: WAL;
  readonly #clock: () => bigint;
  #rows = new Map<string, MetaRow>();
  #lastTs = 0n;

  private constructor(region: Region, wal: WAL, clock: () => bigint) {
    this.region = region;
    this.#wal = wal;
    this.#clock = clock;
  }

  /** Opens meta under `root` and replays its WAL. */
  static async open(ctx: MetaContext): Promise<MetaTable> {
    const wal = await WAL.open({ fs: ctx.fs, dir: joinPath(ctx.root, "wal-meta"), limits: ctx.limits });
    const dir = joinPath(ctx.root, "data", META_TABLE_NAME.namespace, META_TABLE_NAME.qualifier, META_REGION_INFO.encodedName);
    const region = await Region.open({ ...ctx, wal }, META_REGION_INFO, META_DESCRIPTOR, dir);
    await wal.replay((edit) => {
      if (edit.regionName === META_REGION_INFO.encodedName) region.replay(edit);
      else log.warn("Ignoring a foreign edit in the meta WAL", { region: edit.regionName });
    });
    if (region.memstoreIsEmpty) await wal.markFlushed(META_REGION_INFO.encodedName, region.sequenceId);
    else await region.flush();
    return new MetaTable(region, wal, ctx.clock);
  }

  /** Everything meta holds about tables, regions and namespaces. */
  async load(): Promise<MetaContents> {
    const reader = await this.region.openReader(new Scan());
    const rows: MetaRow[] = [];
    try {
      for (let cells = await reader.nextRow(); cells !== undefined; cells = await reader.nextRow()) {
        const row = decodeMetaRow(cells[0].row);
        rows.push({ row, columns: cells.map((c) => ({ family: c.family, qualifier: c.qualifier, value: c.value })) });
        if (cells[0].timestamp > this.#lastTs) this.#lastTs = cells[0].timestamp;
      }
    } finally {
      reader.close();
    }
    const contents = parseMetaRows(rows);
    this.#rows = metaRows(contents, undefined);
    return contents;
  }

  /**
   * Makes meta hold exactly `contents` (served by `serving`, if given): the rows that changed are
   * rewritten and the rows that went away deleted, in one atomic, fsynced mini-batch.
   */
  async commit(contents: MetaContents, serving: ServingServer | undefined): Promise<void> {
    const next = metaRows(contents, serving);
    const ts = maxLong(this.#clock(), this.#lastTs + 2n);
    const cells: Cell[] = [];
    for (const [key, old] of this.#rows) if (!next.has(key)) cells.push(...clearRow(old.row, ts - 1n));
    for (const [key, row] of next) {
      if (sameRow(this.#rows.get(key), row)) continue;
      cells.push(...clearRow(row.row, ts - 1n));
      for (const c of row.columns) {
        cells.push(makeCell({ row: encodeMetaRow(row.row), family: c.family, qualifier: c.qualifier, value: c.value, timestamp: ts, type: CellType.Put }));
      }
    }
    if (cells.length === 0) return;
    await this.region.applyMiniBatch(cells, Durability.FSYNC_WAL);
    this.#rows = next;
    this.#lastTs = ts;
  }

  /** A read of meta in raw row keys: rows and filter are translated both ways. */
  async openReader(query: Get | Scan): Promise<RegionReader> {
    const reader = await this.region.openReader(encodeQuery(query));
    return {
      nextRow: async () => (await reader.nextRow())?.map(decodeCellRow),
      get lastRowMore() {
        return reader.lastRowMore;
      },
      get filterDone() {
        return reader.filterDone;
      },
      close: () => reader.close(),
    };
  }

  async close(): Promise<void> {
    await this.region.close({ flush: true });
    await this.#wal.close();
  }
}

/** DeleteFamily markers hiding every older cell of a row in every meta family. */
function clearRow(row: Uint8Array, ts: bigint): Cell[] {
  return META_DESCRIPTOR.families.map((f) =>
    makeCell({ row: encodeMetaRow(row), family: f.name, timestamp: ts, type: CellType.DeleteFamily })
  );
}

function sameRow(a: MetaRow | undefined, b: MetaRow): boolean {
  if (a === undefined || a.columns.length !== b.columns.length) return false;
  const key = (c: MetaRow["columns"][number]) => `${toHex(c.family)}:${toHex(c.qualifier)}=${toHex(c.value)}`;
  const have = new Set(a.columns.map(key));
  return b.columns.every((c) => have.has(key(c)));
}

function decodeCellRow(cell: Cell): Cell {
  return withFields(cell, { row: decodeMetaRow(cell.row) });
}

/** The same read with encoded rows and a translating filter. */
function encodeQuery(query: Get | Scan): Get | Scan {
  const filter = query.filter === undefined ? undefined : new MetaRowFilter(query.filter);
  if (query instanceof Get) {
    return Object.assign(new Get(encodeMetaRow(query.row)), { ...copyFields(query), filter });
  }
  const encodeBound = (row: Uint8Array) => (row.length === 0 ? row : encodeMetaRow(row));
  return Object.assign(new Scan(), { ...copyFields(query), startRow: encodeBound(query.startRow), stopRow: encodeBound(query.stopRow), filter });
}

/** The query's public fields, except its row (a Get's row is set by its constructor). */
function copyFields(query: Get | Scan): Record<string, unknown> {
  const { row: _row, ...rest } = query as unknown as Record<string, unknown>;
  return rest;
}
