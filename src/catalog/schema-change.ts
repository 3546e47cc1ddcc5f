// Schema changes as new table descriptors (HBase's ModifyTable/AddColumn/DeleteColumn/
// ModifyColumn procedures): each returns the descriptor to install with Catalog.modifyTable, after
// HBase's checks (a family added twice, a missing family, the last family deleted).

import { compareBytes, toUtf8 } from "../util/bytes.ts";
import { InvalidFamilyOperationError } from "../api/errors.ts";
import type { ColumnFamilyDescriptor, TableDescriptor } from "../api/descriptors.ts";
import { tableNameString } from "../api/table-name.ts";

function has(descriptor: TableDescriptor, family: Uint8Array): boolean {
  return descriptor.families.some((f) => compareBytes(f.name, family) === 0);
}

export function withFamilyAdded(descriptor: TableDescriptor, family: ColumnFamilyDescriptor): TableDescriptor {
  if (has(descriptor, family.name)) {
    throw new InvalidFamilyOperationError(`Column family '${toUtf8(family.name)}' in table '${tableNameString(descriptor.name)}' already exists so cannot be added`);
  }
  return { ...descriptor, families: [...descriptor.families, family] };
}

export function withFamilyModified(descriptor: TableDescriptor, family: ColumnFamilyDescriptor): TableDescriptor {
  if (!has(descriptor, family.name)) {
    throw new InvalidFamilyOperationError(`Family '${toUtf8(family.name)}' does not exist, so it cannot be modified`);
  }
  return { ...descriptor, families: descriptor.families.map((f) => (compareBytes(f.name, family.name) === 0 ? family : f)) };
}

export function withFamilyDeleted(descriptor: TableDescriptor, family: Uint8Array): TableDescriptor {
  if (!has(descriptor, family)) {
    throw new InvalidFamilyOperationError(`Family '${toUtf8(family)}' does not exist, so it cannot be deleted`);
  }
  if (descriptor.families.length === 1) {
    throw new InvalidFamilyOperationError(`Family '${toUtf8(family)}' is the only column family in the table, so it cannot be deleted`);
  }
  return { ...descriptor, families: descriptor.families.filter((f) => compareBytes(f.name, family) !== 0) };
}
