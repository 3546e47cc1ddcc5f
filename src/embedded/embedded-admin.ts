// The embedded Admin: DDL and table maintenance against the in-process catalog.

import type { ColumnFamilyDescriptorInput, NamespaceDescriptor, TableDescriptor, TableDescriptorInput } from "../api/descriptors.ts";
import { normalizeFamily, normalizeTable } from "../api/descriptors.ts";
import { type BytesLike, toBytes } from "../util/bytes.ts";
import { withFamilyAdded, withFamilyDeleted, withFamilyModified } from "../catalog/schema-change.ts";
import { type TableName, type TableNameLike, tableName } from "../api/table-name.ts";
import type { Admin, RegionInfo } from "../api/types.ts";
import { tableNameString } from "../api/table-name.ts";
import type { Catalog } from "../catalog/catalog.ts";

export class EmbeddedAdmin implements Admin {
  readonly #catalog: Catalog;
  readonly #checkOpen: () => void;

  constructor(catalog: Catalog, checkOpen: () => void) {
    this.#catalog = catalog;
    this.#checkOpen = checkOpen;
  }

  async createTable(descriptor: TableDescriptorInput, splitKeys: Uint8Array[] = []): Promise<void> {
    this.#checkOpen();
    await this.#catalog.createTable(normalizeTable(descriptor), splitKeys);
  }

  async deleteTable(name: TableNameLike): Promise<void> {
    this.#checkOpen();
    await this.#catalog.deleteTable(tableName(name));
  }

  async truncateTable(name: TableNameLike, preserveSplits: boolean): Promise<void> {
    this.#checkOpen();
    await this.#catalog.truncateTable(tableName(name), preserveSplits);
  }

  async enableTable(name: TableNameLike): Promise<void> {
    this.#checkOpen();
    await this.#catalog.enableTable(tableName(name));
  }

  async disableTable(name: TableNameLike): Promise<void> {
    this.#checkOpen();
    await this.#catalog.disableTable(tableName(name));
  }

  async isTableEnabled(name: TableNameLike): Promise<boolean> {
    this.#checkOpen();
    return this.#catalog.entry(tableName(name)).enabled;
  }

  async isTableDisabled(name: TableNameLike): Promise<boolean> {
    return !(await this.isTableEnabled(name));
  }

  async tableExists(name: TableNameLike): Promise<boolean> {
    this.#checkOpen();
    const wanted = tableName(name);
    return this.#catalog.state.tables.some((t) => tableNameString(t.descriptor.name) === tableNameString(wanted));
  }

  async listTableNames(): Promise<TableName[]> {
    return (await this.listTableDescriptors()).map((d) => d.name);
  }

  async listTableDescriptors(): Promise<TableDescriptor[]> {
    this.#checkOpen();
    return this.#catalog.state.tables.map((t) => t.descriptor).filter((d) => d.name.namespace !== "hbase");
  }

  async getDescriptor(name: TableNameLike): Promise<TableDescriptor> {
    this.#checkOpen();
    return this.#catalog.entry(tableName(name)).descriptor;
  }

  async getRegions(name: TableNameLike): Promise<RegionInfo[]> {
    this.#checkOpen();
    return [...this.#catalog.entry(tableName(name)).regions];
  }

  async flush(name: TableNameLike): Promise<void> {
    this.#checkOpen();
    const table = tableName(name);
    const entry = this.#catalog.entry(table);
    if (!entry.enabled) return;
    for (const region of this.#catalog.regionsOf(table)) await region.flush();
  }

  async compact(name: TableNameLike): Promise<void> {
    await this.#compact(name, false);
  }

  async majorCompact(name: TableNameLike): Promise<void> {
    await this.#compact(name, true);
  }

  async #compact(name: TableNameLike, major: boolean): Promise<void> {
    this.#checkOpen();
    const table = tableName(name);
    if (!this.#catalog.entry(table).enabled) return;
    for (const region of this.#catalog.regionsOf(table)) await region.compact({ major });
    await this.#catalog.cleanSplitParents();
  }

  async split(name: TableNameLike, splitPoint?: Uint8Array): Promise<void> {
    this.#checkOpen();
    const table = tableName(name);
    if (splitPoint !== undefined) {
      await this.#catalog.splitRegion(table, { parent: this.#catalog.regionFor(table, splitPoint), row: splitPoint });
      return;
    }
    for (const parent of [...this.#catalog.regionsOf(table)]) {
      await parent.flush();
      await this.#catalog.splitRegion(table, { parent });
    }
  }

  async modifyTable(descriptor: TableDescriptorInput): Promise<void> {
    this.#checkOpen();
    const next = normalizeTable(descriptor);
    this.#catalog.entry(next.name);
    await this.#catalog.modifyTable(next);
  }

  async addColumnFamily(name: TableNameLike, family: ColumnFamilyDescriptorInput | BytesLike): Promise<void> {
    this.#checkOpen();
    await this.#catalog.modifyTable(withFamilyAdded(this.#catalog.entry(tableName(name)).descriptor, normalizeFamily(family)));
  }

  async deleteColumnFamily(name: TableNameLike, family: BytesLike): Promise<void> {
    this.#checkOpen();
    await this.#catalog.modifyTable(withFamilyDeleted(this.#catalog.entry(tableName(name)).descriptor, toBytes(family)));
  }

  async modifyColumnFamily(name: TableNameLike, family: ColumnFamilyDescriptorInput): Promise<void> {
    this.#checkOpen();
    await this.#catalog.modifyTable(withFamilyModified(this.#catalog.entry(tableName(name)).descriptor, normalizeFamily(family)));
  }

  async modifyNamespace(descriptor: NamespaceDescriptor): Promise<void> {
    this.#checkOpen();
    await this.#catalog.modifyNamespace(descriptor);
  }

  async createNamespace(descriptor: NamespaceDescriptor): Promise<void> {
    this.#checkOpen();
    await this.#catalog.createNamespace(descriptor);
  }

  async deleteNamespace(name: string): Promise<void> {
    this.#checkOpen();
    await this.#catalog.deleteNamespace(name);
  }

  async getNamespaceDescriptor(name: string): Promise<NamespaceDescriptor> {
    this.#checkOpen();
    return this.#catalog.namespace(name);
  }

  async listNamespaceDescriptors(): Promise<NamespaceDescriptor[]> {
    this.#checkOpen();
    return [...this.#catalog.state.namespaces];
  }
}

