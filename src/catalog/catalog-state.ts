// The catalog's in-memory model: namespaces and, per table, its descriptor, state, regions and the
// split parents daughters still read. hbase:meta (meta-table.ts) and each table's `.tabledesc`
// hold it durably.

import type { NamespaceDescriptor, TableDescriptor } from "../api/descriptors.ts";
import type { RegionInfo } from "../api/types.ts";
import type { SplitParent } from "./meta-rows.ts";

export interface TableEntry {
  readonly descriptor: TableDescriptor;
  readonly enabled: boolean;
  /** Sorted by start key, contiguous from "" to "". */
  readonly regions: readonly RegionInfo[];
  /** Split parents whose files daughters still read through references. */
  readonly retired: readonly SplitParent[];
}

export interface CatalogState {
  readonly namespaces: readonly NamespaceDescriptor[];
  readonly tables: readonly TableEntry[];
}
