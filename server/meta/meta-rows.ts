// The rows of hbase:meta, built from the catalog exactly as HBase writes them (zookeeper-and-meta
// §4.4): per region info:regioninfo (PBUF + RegionInfo), info:seqnumDuringOpen, info:server,
// info:serverstartcode and info:state; per table the table:state row. Rows come out sorted by the
// meta comparator, cells by qualifier. See docs/decisions/0002-meta-from-catalog.md.

import { create, toBinary } from "@bufbuild/protobuf";
import { RegionInfoSchema, TableNameSchema, TableState_State, TableStateSchema } from "../../proto/gen/hbase/hbase_pb.ts";
import { compareBytes, concatBytes, toBytes } from "../../src/util/bytes.ts";
import { longToBytes } from "../../src/util/int64.ts";
import { CellType } from "../../src/cell/cell-type.ts";
import { type Cell, makeCell } from "../../src/cell/cell.ts";
import { tableNameString } from "../../src/api/table-name.ts";
import type { RegionInfo } from "../../src/api/types.ts";
import type { CatalogState } from "../../src/catalog/catalog-file.ts";
import { compareMetaRows } from "./meta-comparator.ts";

export const META_TABLE = { namespace: "hbase", qualifier: "meta" } as const;
export const META_REGION_NAME = toBytes("hbase:meta,,1");
export const META_ENCODED_NAME = "1588230740";
export const PB_MAGIC = toBytes("PBUF");
const INFO = toBytes("info");
const TABLE = toBytes("table");

/** One meta row: key and cells in key order. */
export interface MetaRow {
  row: Uint8Array;
  cells: Cell[];
}

/** Where the regions of enabled tables are served. */
export interface ServingServer {
  host: string;
  port: number;
  startCode: bigint;
}

/** RegionInfo as HBase serializes it (all seven fields written, as Java does). */
export function regionInfoBytes(info: RegionInfo): Uint8Array {
  return toBinary(RegionInfoSchema, regionInfoMessage(info));
}

export function regionInfoMessage(info: RegionInfo) {
  return create(RegionInfoSchema, {
    regionId: info.regionId,
    tableName: create(TableNameSchema, { namespace: toBytes(info.table.namespace), qualifier: toBytes(info.table.qualifier) }),
    startKey: info.startKey,
    endKey: info.endKey,
    offline: false,
    split: false,
    replicaId: 0,
  });
}

/** All meta rows for `state`, sorted by the meta comparator. */
export function buildMetaRows(state: CatalogState, server: ServingServer): MetaRow[] {
  const rows: MetaRow[] = [];
  const serverBytes = toBytes(`${server.host}:${server.port}`);
  const startCode = longToBytes(server.startCode);
  for (const entry of state.tables) {
    const name = toBytes(tableNameString(entry.descriptor.name));
    const tableState = entry.enabled ? TableState_State.ENABLED : TableState_State.DISABLED;
    const ts = entry.regions.reduce((m, r) => (r.regionId > m ? r.regionId : m), 0n);
    rows.push({
      row: name,
      cells: [cell(name, TABLE, "state", toBinary(TableStateSchema, create(TableStateSchema, { state: tableState })), ts)],
    });
    for (const region of entry.regions) {
      const row = region.regionName;
      const t = region.regionId;
      rows.push({
        row,
        cells: [
          cell(row, INFO, "regioninfo", concatBytes([PB_MAGIC, regionInfoBytes(region)]), t),
          cell(row, INFO, "seqnumDuringOpen", longToBytes(1n), t),
          cell(row, INFO, "server", serverBytes, t),
          cell(row, INFO, "serverstartcode", startCode, t),
          cell(row, INFO, "state", toBytes(entry.enabled ? "OPEN" : "CLOSED"), t),
        ],
      });
    }
  }
  return rows.sort((a, b) => compareMetaRows(a.row, b.row));
}

function cell(row: Uint8Array, family: Uint8Array, qualifier: string, value: Uint8Array, timestamp: bigint): Cell {
  return makeCell({ row, family, qualifier: toBytes(qualifier), value, timestamp, type: CellType.Put });
}

/** Whether two byte strings are equal (row keys). */
export function sameRow(a: Uint8Array, b: Uint8Array): boolean {
  return compareBytes(a, b) === 0;
}
