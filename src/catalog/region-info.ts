// Region identity as HBase computes it (data-semantics.md §6.4, zookeeper-and-meta.md §4.2):
// region name "<table>,<startKey>,<regionId>.<md5hex>." where md5hex, the encoded name, is the MD5
// of everything before the '.'. Region ids are creation times in ms.

import { createHash } from "node:crypto";
import { compareBytes, concatBytes, toBytes, toHex } from "../util/bytes.ts";
import type { RegionInfo } from "../api/types.ts";
import { type TableName, tableNameString } from "../api/table-name.ts";

/** Builds a RegionInfo with its region name and encoded name. */
export function makeRegionInfo(fields: {
  table: TableName;
  startKey: Uint8Array;
  endKey: Uint8Array;
  regionId: bigint;
}): RegionInfo {
  const prefix = concatBytes([
    toBytes(tableNameString(fields.table)),
    toBytes(","),
    fields.startKey,
    toBytes(`,${fields.regionId}`),
  ]);
  const encodedName = toHex(new Uint8Array(createHash("md5").update(prefix).digest()));
  const regionName = concatBytes([prefix, toBytes(`.${encodedName}.`)]);
  return { ...fields, regionName, encodedName };
}

/** Whether `row` falls in [startKey, endKey) (an empty end key is unbounded). */
export function regionContainsRow(info: RegionInfo, row: Uint8Array): boolean {
  if (compareBytes(row, info.startKey) < 0) return false;
  return info.endKey.length === 0 || compareBytes(row, info.endKey) < 0;
}

/** The regions a table with these split keys starts with (sorted, deduplicated, non-empty keys). */
export function regionsForSplitKeys(table: TableName, splitKeys: Uint8Array[], regionId: bigint): RegionInfo[] {
  const keys = [...splitKeys].sort(compareBytes);
  const bounds = [new Uint8Array(0), ...keys, new Uint8Array(0)];
  const out: RegionInfo[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    out.push(makeRegionInfo({ table, startKey: bounds[i], endKey: bounds[i + 1], regionId }));
  }
  return out;
}
