// The catalog file: namespaces, table descriptors, table states and region boundaries of the
// embedded store, in one checksummed msgpack record replaced atomically (docs/format/data-dir.md).
// Until hbase:meta is a real table (a later issue), this file is the store's source of truth.

import { pack, unpack } from "msgpackr";
import { crc32c } from "../util/crc32c.ts";
import { CorruptStoreFileError } from "../api/errors.ts";
import type { ColumnFamilyDescriptor, NamespaceDescriptor, TableDescriptor } from "../api/descriptors.ts";
import type { Durability } from "../api/operations.ts";
import type { RegionInfo } from "../api/types.ts";
import { type Fs, joinPath, writeFileAtomic } from "../platform/fs.ts";
import { makeRegionInfo } from "./region-info.ts";

export const CATALOG_FILE_NAME = "catalog";
const CATALOG_VERSION = 1;

export interface TableEntry {
  readonly descriptor: TableDescriptor;
  readonly enabled: boolean;
  /** Sorted by start key, contiguous from "" to "". */
  readonly regions: readonly RegionInfo[];
  /** Split parents whose files daughters still read through references. */
  readonly retired: readonly RegionInfo[];
}

export interface CatalogState {
  readonly namespaces: readonly NamespaceDescriptor[];
  readonly tables: readonly TableEntry[];
}

interface StoredRegion { s: Uint8Array; e: Uint8Array; id: string }
interface StoredTable {
  ns: string;
  q: string;
  durability: number;
  flush: number;
  families: ColumnFamilyDescriptor[];
  enabled: boolean;
  regions: StoredRegion[];
  retired?: StoredRegion[];
}

/** Reads the catalog, or undefined when the store is new. */
export async function readCatalogFile(fs: Fs, root: string): Promise<CatalogState | undefined> {
  const path = joinPath(root, CATALOG_FILE_NAME);
  if (!(await fs.exists(path))) return undefined;
  const bytes = await fs.readFile(path);
  const fail = (why: string) => new CorruptStoreFileError(`Cannot read catalog "${path}": ${why}`);
  if (bytes.length < 4) throw fail("truncated");
  const body = bytes.subarray(4);
  if (crc32c(body) !== new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)) throw fail("checksum mismatch");
  const record = unpack(body) as { v: number; namespaces: NamespaceDescriptor[]; tables: StoredTable[] };
  if (record.v !== CATALOG_VERSION) throw fail(`unknown version ${record.v}`);
  return { namespaces: record.namespaces, tables: record.tables.map(fromStored) };
}

/** Durably replaces the catalog. */
export async function writeCatalogFile(fs: Fs, root: string, state: CatalogState): Promise<void> {
  const body = pack({ v: CATALOG_VERSION, namespaces: state.namespaces, tables: state.tables.map(toStored) });
  const bytes = new Uint8Array(4 + body.length);
  new DataView(bytes.buffer).setUint32(0, crc32c(body));
  bytes.set(body, 4);
  await writeFileAtomic(fs, joinPath(root, CATALOG_FILE_NAME), bytes);
}

function toStored(entry: TableEntry): StoredTable {
  const d = entry.descriptor;
  return {
    ns: d.name.namespace,
    q: d.name.qualifier,
    durability: d.durability,
    flush: d.memstoreFlushSizeBytes,
    families: [...d.families],
    enabled: entry.enabled,
    regions: entry.regions.map(toStoredRegion),
    retired: entry.retired.map(toStoredRegion),
  };
}

function fromStored(t: StoredTable): TableEntry {
  const name = { namespace: t.ns, qualifier: t.q };
  const families = t.families.map((f) => ({ ...f, name: new Uint8Array(f.name) }));
  const region = (r: StoredRegion) =>
    makeRegionInfo({ table: name, startKey: new Uint8Array(r.s), endKey: new Uint8Array(r.e), regionId: BigInt(r.id) });
  return {
    descriptor: { name, families, durability: t.durability as Durability, memstoreFlushSizeBytes: t.flush },
    enabled: t.enabled,
    regions: t.regions.map(region),
    retired: (t.retired ?? []).map(region),
  };
}

function toStoredRegion(r: RegionInfo): StoredRegion {
  return { s: r.startKey, e: r.endKey, id: r.regionId.toString() };
}
