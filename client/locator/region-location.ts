// A region and the server that serves it, as read from a row of hbase:meta (zookeeper-and-meta.md
// §4.4): info:regioninfo (PBUF + RegionInfo), info:server ("host:port"), info:serverstartcode.
// Split parents and offline regions are recognised so lookups can skip them.

import { fromBinary } from "@bufbuild/protobuf";
import { RegionInfoSchema } from "../../proto/gen/hbase/hbase_pb.ts";
import type { RegionInfo } from "../../src/api/types.ts";
import type { Result } from "../../src/api/result.ts";
import { compareBytes, toUtf8 } from "../../src/util/bytes.ts";
import type { TableName } from "../../src/api/table-name.ts";
import type { ServerAddress } from "../rpc/connection-pool.ts";

const PB_MAGIC = [0x50, 0x42, 0x55, 0x46];

export interface RegionLocation {
  readonly region: RegionInfo;
  /** Undefined when meta names no server (region not assigned). */
  readonly server: ServerAddress | undefined;
  /** A split parent or an offline region: never a lookup answer. */
  readonly offline: boolean;
}

/** The meta row of a region parsed, or undefined when it has no usable info:regioninfo. */
export function parseMetaRow(result: Result): RegionLocation | undefined {
  const row = result.row;
  const infoBytes = result.getValue("info", "regioninfo");
  if (row === undefined || infoBytes === undefined || infoBytes.length < 4) return undefined;
  if (!PB_MAGIC.every((b, i) => infoBytes[i] === b)) return undefined;
  const pb = fromBinary(RegionInfoSchema, infoBytes.subarray(4));
  const table = { namespace: toUtf8(pb.tableName?.namespace ?? new Uint8Array(0)), qualifier: toUtf8(pb.tableName?.qualifier ?? new Uint8Array(0)) };
  const server = parseServer(result.getValue("info", "server"));
  return {
    region: {
      table, startKey: pb.startKey, endKey: pb.endKey, regionId: pb.regionId, regionName: row,
      encodedName: encodedNameOf(row),
    },
    server,
    offline: pb.offline || pb.split,
  };
}

function parseServer(value: Uint8Array | undefined): ServerAddress | undefined {
  if (value === undefined || value.length === 0) return undefined;
  const text = toUtf8(value);
  const colon = text.lastIndexOf(":");
  if (colon <= 0) return undefined;
  const port = Number(text.slice(colon + 1));
  return Number.isInteger(port) && port > 0 ? { host: text.slice(0, colon), port } : undefined;
}

/** "<...>.<md5>." → md5 (new-format names); the whole name otherwise. */
function encodedNameOf(regionName: Uint8Array): string {
  const n = regionName.length;
  if (n >= 34 && regionName[n - 1] === 0x2e && regionName[n - 34] === 0x2e) return toUtf8(regionName.subarray(n - 33, n - 1));
  return toUtf8(regionName);
}

/** Whether `row` falls inside the region [startKey, endKey). */
export function containsRow(region: RegionInfo, row: Uint8Array): boolean {
  if (compareBytes(row, region.startKey) < 0) return false;
  return region.endKey.length === 0 || compareBytes(row, region.endKey) < 0;
}

export function sameTable(a: TableName, b: TableName): boolean {
  return a.namespace === b.namespace && a.qualifier === b.qualifier;
}
