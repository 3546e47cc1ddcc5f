// The rows of hbase:meta as HBase writes them (zookeeper-and-meta.md §4.4), built from the
// catalog state, and parsed back: per region info:regioninfo (PBUF + RegionInfo proto),
// info:state, and once a server serves it info:server, info:serverstartcode,
// info:seqnumDuringOpen; a split parent keeps its row (offline, split) with info:splitA/splitB
// until the janitor removes it; per table the table:state row (plain TableState proto); per
// namespace the ns:d row (NamespaceDescriptor proto, as HBase 3 keeps namespaces in meta).

import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import {
  NamespaceDescriptorSchema, NameStringPairSchema, RegionInfoSchema, TableNameSchema, TableState_State, TableStateSchema,
} from "../../proto/gen/hbase/hbase_pb.ts";
import { compareBytes, concatBytes, startsWith, toBytes, toHex, toUtf8 } from "../util/bytes.ts";
import { longToBytes } from "../util/int64.ts";
import { CorruptStoreFileError } from "../api/errors.ts";
import type { NamespaceDescriptor } from "../api/descriptors.ts";
import { tableNameString, type TableName } from "../api/table-name.ts";
import type { RegionInfo } from "../api/types.ts";
import { makeRegionInfo } from "./region-info.ts";

export const PB_MAGIC = toBytes("PBUF");
export const INFO = toBytes("info");
export const TABLE = toBytes("table");
export const NS = toBytes("ns");

/** Where regions are served, once a server runs (embedded stores have none). */
export interface ServingServer {
  readonly host: string;
  readonly port: number;
  readonly startCode: bigint;
}

/** One meta row: raw row key and its columns (family, qualifier, value). */
export interface MetaRow {
  readonly row: Uint8Array;
  readonly columns: { family: Uint8Array; qualifier: Uint8Array; value: Uint8Array }[];
}

/** A split parent kept (offline) until no daughter reads its files, with the daughters it had. */
export interface SplitParent {
  readonly parent: RegionInfo;
  readonly daughters: readonly [RegionInfo, RegionInfo];
}

/** What meta says about one table. */
export interface MetaTableState {
  readonly name: TableName;
  readonly enabled: boolean;
  readonly regions: RegionInfo[];
  readonly retired: SplitParent[];
}

export interface MetaContents {
  readonly namespaces: NamespaceDescriptor[];
  readonly tables: MetaTableState[];
}

/** Every meta row for `contents`, keyed by the hex of the raw row key. */
export function metaRows(contents: MetaContents, serving: ServingServer | undefined): Map<string, MetaRow> {
  const rows = new Map<string, MetaRow>();
  const add = (row: Uint8Array, family: Uint8Array, qualifier: string, value: Uint8Array) => {
    const key = toHex(row);
    const entry = rows.get(key) ?? { row, columns: [] };
    entry.columns.push({ family, qualifier: toBytes(qualifier), value });
    rows.set(key, entry);
  };
  for (const ns of contents.namespaces) add(toBytes(ns.name), NS, "d", encodeNamespace(ns));
  for (const table of contents.tables) {
    const state = table.enabled ? TableState_State.ENABLED : TableState_State.DISABLED;
    add(toBytes(tableNameString(table.name)), TABLE, "state", toBinary(TableStateSchema, create(TableStateSchema, { state })));
    for (const region of table.regions) {
      add(region.regionName, INFO, "regioninfo", regionInfoValue(region, { offline: false, split: false }));
      add(region.regionName, INFO, "state", toBytes(table.enabled ? "OPEN" : "CLOSED"));
      if (serving === undefined) continue;
      add(region.regionName, INFO, "server", toBytes(`${serving.host}:${serving.port}`));
      add(region.regionName, INFO, "serverstartcode", longToBytes(serving.startCode));
      add(region.regionName, INFO, "seqnumDuringOpen", longToBytes(1n));
    }
    for (const { parent, daughters } of table.retired) {
      add(parent.regionName, INFO, "regioninfo", regionInfoValue(parent, { offline: true, split: true }));
      add(parent.regionName, INFO, "state", toBytes("SPLIT"));
      add(parent.regionName, INFO, "splitA", regionInfoValue(daughters[0], { offline: false, split: false }));
      add(parent.regionName, INFO, "splitB", regionInfoValue(daughters[1], { offline: false, split: false }));
    }
  }
  return rows;
}

/** Rebuilds the catalog contents from meta's cells (one entry per row, newest value per column). */
export function parseMetaRows(rows: MetaRow[]): MetaContents {
  const namespaces: NamespaceDescriptor[] = [];
  const tables = new Map<string, MetaTableState>();
  const table = (name: TableName) => {
    const key = tableNameString(name);
    const entry = tables.get(key) ?? { name, enabled: true, regions: [], retired: [] };
    tables.set(key, entry);
    return entry;
  };
  for (const { row, columns } of rows) {
    const value = (column: string) => columns.find((c) => `${toUtf8(c.family)}:${toUtf8(c.qualifier)}` === column)?.value;
    const ns = value("ns:d");
    if (ns !== undefined) namespaces.push(decodeNamespace(ns));
    const state = value("table:state");
    if (state !== undefined) {
      const name = parseTableRow(row);
      const enabled = fromBinary(TableStateSchema, state).state === TableState_State.ENABLED;
      tables.set(tableNameString(name), { ...table(name), enabled });
    }
    const regionInfo = value("info:regioninfo");
    if (regionInfo === undefined) continue;
    const { info, split } = decodeRegionInfo(row, regionInfo);
    if (!split) {
      table(info.table).regions.push(info);
      continue;
    }
    const [a, b] = [value("info:splitA"), value("info:splitB")];
    if (a === undefined || b === undefined) throw new CorruptStoreFileError(`hbase:meta split parent ${toUtf8(row)} lacks info:splitA or info:splitB`);
    table(info.table).retired.push({ parent: info, daughters: [decodeRegionInfo(undefined, a).info, decodeRegionInfo(undefined, b).info] });
  }
  for (const t of tables.values()) t.regions.sort((a, b) => compareBytes(a.startKey, b.startKey));
  return { namespaces, tables: [...tables.values()] };
}

/** RegionInfo as HBase serializes it (all seven fields written, as Java does). */
export function regionInfoMessage(info: RegionInfo, flags = { offline: false, split: false }) {
  return create(RegionInfoSchema, {
    regionId: info.regionId,
    tableName: create(TableNameSchema, { namespace: toBytes(info.table.namespace), qualifier: toBytes(info.table.qualifier) }),
    startKey: info.startKey,
    endKey: info.endKey,
    offline: flags.offline,
    split: flags.split,
    replicaId: 0,
  });
}

function regionInfoValue(info: RegionInfo, flags: { offline: boolean; split: boolean }): Uint8Array {
  return concatBytes([PB_MAGIC, toBinary(RegionInfoSchema, regionInfoMessage(info, flags))]);
}

/** A RegionInfo from its protobuf message (names computed as HBase does). */
export function regionInfoFromMessage(pb: { regionId: bigint; tableName?: { namespace: Uint8Array; qualifier: Uint8Array }; startKey: Uint8Array; endKey: Uint8Array }): RegionInfo {
  if (pb.tableName === undefined) throw new CorruptStoreFileError("A RegionInfo lacks its table name");
  const table = { namespace: toUtf8(pb.tableName.namespace), qualifier: toUtf8(pb.tableName.qualifier) };
  return makeRegionInfo({ table, startKey: pb.startKey, endKey: pb.endKey, regionId: pb.regionId });
}

/** Parses PBUF + RegionInfo; with `row`, checks that the row key is that region's name. */
function decodeRegionInfo(row: Uint8Array | undefined, value: Uint8Array): { info: RegionInfo; split: boolean } {
  const where = row === undefined ? "hbase:meta" : `hbase:meta row ${toUtf8(row)}`;
  if (!startsWith(value, PB_MAGIC)) throw new CorruptStoreFileError(`${where}: a RegionInfo lacks the PBUF magic`);
  const pb = fromBinary(RegionInfoSchema, value.subarray(PB_MAGIC.length));
  if (pb.tableName === undefined) throw new CorruptStoreFileError(`${where}: a RegionInfo lacks its table name`);
  const info = regionInfoFromMessage(pb);
  if (row !== undefined && compareBytes(info.regionName, row) !== 0) {
    throw new CorruptStoreFileError(`${where} holds the RegionInfo of ${toUtf8(info.regionName)}`);
  }
  return { info, split: pb.split };
}

function encodeNamespace(ns: NamespaceDescriptor): Uint8Array {
  const configuration = Object.entries(ns.configuration).map(([name, value]) => create(NameStringPairSchema, { name, value }));
  return toBinary(NamespaceDescriptorSchema, create(NamespaceDescriptorSchema, { name: toBytes(ns.name), configuration }));
}

function decodeNamespace(value: Uint8Array): NamespaceDescriptor {
  const pb = fromBinary(NamespaceDescriptorSchema, value);
  return { name: toUtf8(pb.name), configuration: Object.fromEntries(pb.configuration.map((p) => [p.name, p.value])) };
}

function parseTableRow(row: Uint8Array): TableName {
  const text = toUtf8(row);
  const colon = text.indexOf(":");
  return colon < 0 ? { namespace: "default", qualifier: text } : { namespace: text.slice(0, colon), qualifier: text.slice(colon + 1) };
}
