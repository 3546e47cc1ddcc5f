// TableSchema / ColumnFamilySchema / NamespaceDescriptor ↔ the engine's descriptors (hbase-rpc.md
// §7.3). Attributes travel as upper-case string keys and string values (VERSIONS, TTL in seconds,
// MIN_VERSIONS, KEEP_DELETED_CELLS, BLOOMFILTER, BLOCKSIZE; table DURABILITY, MEMSTORE_FLUSHSIZE).

import { create } from "@bufbuild/protobuf";
import { toBytes, toUtf8 } from "../../src/util/bytes.ts";
import { DoNotRetryIOError, IllegalArgumentError } from "../../src/api/errors.ts";
import {
  type BloomType, type ColumnFamilyDescriptor, type ColumnFamilyDescriptorInput, type KeepDeletedCells,
  type NamespaceDescriptor, normalizeTable, type TableDescriptor,
} from "../../src/api/descriptors.ts";
import { Durability } from "../../src/api/operations.ts";
import { type TableName, tableName } from "../../src/api/table-name.ts";
import {
  BytesBytesPairSchema, ColumnFamilySchemaSchema, type ColumnFamilySchema, type NamespaceDescriptor as PbNamespace,
  NamespaceDescriptorSchema, NameStringPairSchema, type TableName as PbTableName, TableNameSchema, type TableSchema,
  TableSchemaSchema,
} from "../gen/hbase/hbase_pb.ts";

const DURABILITY_NAMES = ["USE_DEFAULT", "SKIP_WAL", "ASYNC_WAL", "SYNC_WAL", "FSYNC_WAL"];

export function fromPbTableName(pb: PbTableName | undefined): TableName {
  if (pb === undefined) throw new DoNotRetryIOError("Missing table name");
  try {
    return tableName({ namespace: toUtf8(pb.namespace), qualifier: toUtf8(pb.qualifier) });
  } catch (error) {
    if (error instanceof IllegalArgumentError) throw new DoNotRetryIOError(error.message);
    throw error;
  }
}

export function toPbTableName(name: TableName): PbTableName {
  return create(TableNameSchema, { namespace: toBytes(name.namespace), qualifier: toBytes(name.qualifier) });
}

function attributes(pairs: { first: Uint8Array; second: Uint8Array }[]): Map<string, string> {
  return new Map(pairs.map((p) => [toUtf8(p.first).toUpperCase(), toUtf8(p.second)]));
}

function intAttr(map: Map<string, string>, key: string): number | undefined {
  const v = map.get(key);
  if (v === undefined) return undefined;
  const n = Number(v.trim().split(/\s/)[0]);
  if (!Number.isFinite(n)) throw new DoNotRetryIOError(`Bad ${key} value "${v}"`);
  return n;
}

export function fromPbFamily(pb: ColumnFamilySchema): ColumnFamilyDescriptorInput {
  const a = attributes(pb.attributes);
  const kdc = a.get("KEEP_DELETED_CELLS")?.toUpperCase();
  const bloom = a.get("BLOOMFILTER")?.toUpperCase();
  return {
    name: pb.name,
    maxVersions: intAttr(a, "VERSIONS"),
    minVersions: intAttr(a, "MIN_VERSIONS"),
    ttlSeconds: intAttr(a, "TTL"),
    keepDeletedCells: kdc === "TRUE" || kdc === "TTL" ? (kdc as KeepDeletedCells) : kdc === undefined ? undefined : "FALSE",
    bloomFilterType: bloom === "NONE" || bloom === "ROWCOL" ? (bloom as BloomType) : bloom === undefined ? undefined : "ROW",
    blockSizeBytes: intAttr(a, "BLOCKSIZE"),
  };
}

/** The engine descriptor for a TableSchema (defaults filled, validated). */
export function fromPbTableSchema(pb: TableSchema): TableDescriptor {
  const name = fromPbTableName(pb.tableName);
  const a = attributes(pb.attributes);
  const durability = a.get("DURABILITY")?.toUpperCase();
  const durabilityIndex = durability === undefined ? 0 : Math.max(0, DURABILITY_NAMES.indexOf(durability));
  try {
    return normalizeTable({
      name,
      families: pb.columnFamilies.map(fromPbFamily),
      durability: durabilityIndex as Durability,
      memstoreFlushSizeBytes: intAttr(a, "MEMSTORE_FLUSHSIZE"),
    });
  } catch (error) {
    if (error instanceof IllegalArgumentError) throw new DoNotRetryIOError(error.message);
    throw error;
  }
}

function pair(key: string, value: string) {
  return create(BytesBytesPairSchema, { first: toBytes(key), second: toBytes(value) });
}

export function toPbFamily(f: ColumnFamilyDescriptor): ColumnFamilySchema {
  return create(ColumnFamilySchemaSchema, {
    name: f.name,
    attributes: [
      pair("BLOCKSIZE", String(f.blockSizeBytes)),
      pair("BLOOMFILTER", f.bloomFilterType),
      pair("KEEP_DELETED_CELLS", f.keepDeletedCells),
      pair("MIN_VERSIONS", String(f.minVersions)),
      pair("TTL", String(f.ttlSeconds)),
      pair("VERSIONS", String(f.maxVersions)),
    ],
  });
}

export function toPbTableSchema(d: TableDescriptor): TableSchema {
  const attrs = [pair("DURABILITY", DURABILITY_NAMES[d.durability] ?? "USE_DEFAULT")];
  if (d.memstoreFlushSizeBytes > 0) attrs.push(pair("MEMSTORE_FLUSHSIZE", String(d.memstoreFlushSizeBytes)));
  return create(TableSchemaSchema, { tableName: toPbTableName(d.name), attributes: attrs, columnFamilies: d.families.map(toPbFamily) });
}

export function fromPbNamespace(pb: PbNamespace | undefined): NamespaceDescriptor {
  if (pb === undefined) throw new DoNotRetryIOError("Missing namespace descriptor");
  return { name: toUtf8(pb.name), configuration: Object.fromEntries(pb.configuration.map((p) => [p.name, p.value])) };
}

export function toPbNamespace(d: NamespaceDescriptor): PbNamespace {
  return create(NamespaceDescriptorSchema, {
    name: toBytes(d.name),
    configuration: Object.entries(d.configuration).map(([name, value]) => create(NameStringPairSchema, { name, value })),
  });
}

