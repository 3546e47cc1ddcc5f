// A table's descriptor, kept as `.tabledesc` in the table directory (HBase keeps a
// `.tabledesc/.tableinfo.N` file there too): one checksummed msgpack record replaced atomically.
// Written before the table's rows reach hbase:meta, so meta never names a table without one.
// Layout: docs/format/data-dir.md.

import { pack, unpack } from "msgpackr";
import { crc32c } from "../util/crc32c.ts";
import { CorruptStoreFileError } from "../api/errors.ts";
import type { ColumnFamilyDescriptor, TableDescriptor } from "../api/descriptors.ts";
import type { Durability } from "../api/operations.ts";
import type { TableName } from "../api/table-name.ts";
import { type Fs, joinPath, writeFileAtomic } from "../platform/fs.ts";

export const TABLE_DESCRIPTOR_FILE = ".tabledesc";
const VERSION = 1;

interface StoredDescriptor {
  v: number;
  durability: number;
  flush: number;
  families: ColumnFamilyDescriptor[];
}

/** Durably writes the descriptor into `tableDir` (created if missing). */
export async function writeTableDescriptor(fs: Fs, tableDir: string, descriptor: TableDescriptor): Promise<void> {
  await fs.mkdirs(tableDir);
  const record: StoredDescriptor = {
    v: VERSION,
    durability: descriptor.durability,
    flush: descriptor.memstoreFlushSizeBytes,
    families: [...descriptor.families],
  };
  const body = pack(record);
  const bytes = new Uint8Array(4 + body.length);
  new DataView(bytes.buffer).setUint32(0, crc32c(body));
  bytes.set(body, 4);
  await writeFileAtomic(fs, joinPath(tableDir, TABLE_DESCRIPTOR_FILE), bytes);
}

/** Reads the descriptor of table `name` from `tableDir`. */
export async function readTableDescriptor(fs: Fs, tableDir: string, name: TableName): Promise<TableDescriptor> {
  const path = joinPath(tableDir, TABLE_DESCRIPTOR_FILE);
  const bytes = await fs.readFile(path);
  const fail = (why: string) => new CorruptStoreFileError(`Cannot read table descriptor "${path}": ${why}`);
  if (bytes.length < 4) throw fail("truncated");
  const body = bytes.subarray(4);
  if (crc32c(body) !== new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)) throw fail("checksum mismatch");
  const record = unpack(body) as StoredDescriptor;
  if (record.v !== VERSION) throw fail(`unknown version ${record.v}`);
  const families = record.families.map((f) => ({ ...f, name: new Uint8Array(f.name) }));
  return { name, families, durability: record.durability as Durability, memstoreFlushSizeBytes: record.flush };
}
