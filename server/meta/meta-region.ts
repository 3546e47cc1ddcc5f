// hbase:meta,,1 as this server serves it: the engine's real meta table (src/catalog/meta-table.ts),
// read in raw region-name order, plus the pre-1.0 closest_row_before Get that hbase-rpc-client
// still sends. See docs/decisions/0002-meta-from-catalog.md.

import type { Cell } from "../../src/cell/cell.ts";
import { Get, Scan } from "../../src/api/operations.ts";
import type { RegionInfo } from "../../src/api/types.ts";
import type { RegionReader } from "../../src/region/region.ts";
import { META_REGION_INFO, type MetaTable } from "../../src/catalog/meta-table.ts";

export class MetaRegion {
  readonly info: RegionInfo = META_REGION_INFO;
  readonly #meta: MetaTable;

  constructor(meta: MetaTable) {
    this.#meta = meta;
  }

  get readPoint(): bigint {
    return this.#meta.region.readPoint;
  }

  openReader(query: Scan | Get): Promise<RegionReader> {
    return this.#meta.openReader(query);
  }

  async get(get: Get): Promise<Cell[]> {
    const reader = await this.openReader(get);
    try {
      return (await reader.nextRow()) ?? [];
    } finally {
      reader.close();
    }
  }

  /** HBase 1.x closest_row_before: the last row <= `row` that has cells in the asked families. */
  async closestRowBefore(get: Get): Promise<Cell[]> {
    const scan = Object.assign(new Scan().withStartRow(get.row, true).setReversed(true).setLimit(1), { columns: get.columns });
    const reader = await this.openReader(scan);
    try {
      return (await reader.nextRow()) ?? [];
    } finally {
      reader.close();
    }
  }
}
