// The read-only virtual region "hbase:meta,,1" (encoded 1588230740): rows built from the catalog
// at the moment a read opens (a consistent snapshot per scanner), served through the same reader
// interface as user regions. Supports forward and reversed scans with inclusive or exclusive
// bounds in meta order, column selection, and Get with closest_row_before (for hbase-rpc-client).

import { toBytes, toHex } from "../../src/util/bytes.ts";
import type { Cell } from "../../src/cell/cell.ts";
import { DoNotRetryIOError } from "../../src/api/errors.ts";
import { Get, type Scan } from "../../src/api/operations.ts";
import type { RegionInfo } from "../../src/api/types.ts";
import type { CatalogState } from "../../src/catalog/catalog-file.ts";
import type { RegionReader } from "../../src/region/region.ts";
import { compareMetaRows } from "./meta-comparator.ts";
import { buildMetaRows, META_ENCODED_NAME, META_REGION_NAME, META_TABLE, type MetaRow, type ServingServer } from "./meta-rows.ts";

/** RegionInfo of hbase:meta,,1 (region id 1, whole key space). */
export const META_REGION_INFO: RegionInfo = {
  table: META_TABLE,
  startKey: new Uint8Array(0),
  endKey: new Uint8Array(0),
  regionId: 1n,
  regionName: META_REGION_NAME,
  encodedName: META_ENCODED_NAME,
};

const KNOWN_FAMILIES = new Set([toHex(toBytes("info")), toHex(toBytes("table")), toHex(toBytes("rep_barrier")), toHex(toBytes("ns"))]);

export class MetaRegion {
  readonly info = META_REGION_INFO;
  readonly #state: () => CatalogState;
  readonly #server: () => ServingServer;

  constructor(state: () => CatalogState, server: () => ServingServer) {
    this.#state = state;
    this.#server = server;
  }

  get readPoint(): bigint {
    return 1n;
  }

  /** A reader over a snapshot of meta for a Scan (or a one-row Get). */
  openReader(query: Scan | Get): Promise<RegionReader> {
    const rows = this.#select(query);
    let i = 0;
    return Promise.resolve({
      filterDone: false,
      nextRow: () => Promise.resolve(i < rows.length ? rows[i++] : undefined),
      close: () => {
        i = rows.length;
      },
    });
  }

  async get(get: Get): Promise<Cell[]> {
    const reader = await this.openReader(get);
    return (await reader.nextRow()) ?? [];
  }

  /** HBase 1.x closest_row_before: the last row <= `row` with cells in the asked families. */
  closestRowBefore(get: Get): Cell[] {
    const rows = this.#rows();
    for (let i = rows.length - 1; i >= 0; i--) {
      if (compareMetaRows(rows[i].row, get.row) > 0) continue;
      const cells = project(rows[i].cells, get);
      if (cells.length > 0) return cells;
    }
    return [];
  }

  #rows(): MetaRow[] {
    return buildMetaRows(this.#state(), this.#server());
  }

  #select(query: Scan | Get): Cell[][] {
    for (const { family } of query.columns.families.values()) {
      if (!KNOWN_FAMILIES.has(toHex(family))) throw new DoNotRetryIOError(`Column family ${new TextDecoder().decode(family)} does not exist in region hbase:meta,,1`);
    }
    const rows = this.#rows();
    const out: Cell[][] = [];
    if (query instanceof Get) {
      const row = rows.find((r) => compareMetaRows(r.row, query.row) === 0);
      const cells = row === undefined ? [] : project(row.cells, query);
      if (cells.length > 0) out.push(cells);
      return out;
    }
    const ordered = query.reversed ? [...rows].reverse() : rows;
    for (const r of ordered) {
      if (!inRange(r.row, query)) continue;
      const cells = project(r.cells, query);
      if (cells.length > 0) out.push(cells);
    }
    return out;
  }
}

/** Whether a meta row lies in the scan's range, in meta order (reversed: start is the high end). */
function inRange(row: Uint8Array, scan: Scan): boolean {
  const { startRow, stopRow, includeStartRow, includeStopRow, reversed } = scan;
  if (startRow.length > 0) {
    const c = compareMetaRows(row, startRow);
    if (reversed ? c > 0 || (c === 0 && !includeStartRow) : c < 0 || (c === 0 && !includeStartRow)) return false;
  }
  if (stopRow.length > 0) {
    const c = compareMetaRows(row, stopRow);
    if (reversed ? c < 0 || (c === 0 && !includeStopRow) : c > 0 || (c === 0 && !includeStopRow)) return false;
  }
  return true;
}

/** The row's cells restricted to the query's families and qualifiers (newest version only). */
function project(cells: Cell[], query: Scan | Get): Cell[] {
  if (query.columns.isEmpty) return cells;
  return cells.filter((c) => {
    const sel = query.columns.families.get(toHex(c.family));
    if (sel === undefined) return false;
    return sel.qualifiers.length === 0 || sel.qualifiers.some((q) => toHex(q) === toHex(c.qualifier));
  });
}
