// Admin over the wire: table and namespace DDL through MasterService with procedure waits, table
// state and regions read from hbase:meta (as the Java client reads them), flush by the FlushTable
// procedure, compaction by AdminService.CompactRegion per region, and splits by
// MasterService.SplitRegion for the region holding the split point (or every region).

import { create, type DescMessage } from "@bufbuild/protobuf";
import * as M from "../../proto/gen/hbase/master_pb.ts";
import * as A from "../../proto/gen/hbase/admin_pb.ts";
import { RegionInfoSchema } from "../../proto/gen/hbase/hbase_pb.ts";
import {
  type ColumnFamilyDescriptorInput, type NamespaceDescriptor, normalizeFamily, normalizeTable, type TableDescriptor,
  type TableDescriptorInput,
} from "../../src/api/descriptors.ts";
import { type BytesLike, toBytes } from "../../src/util/bytes.ts";
import { NamespaceNotFoundError, TableNotFoundError } from "../../src/api/errors.ts";
import { type TableName, type TableNameLike, tableName, tableNameString, validateNamespaceName } from "../../src/api/table-name.ts";
import type { Admin, RegionInfo } from "../../src/api/types.ts";
import {
  fromPbNamespace, fromPbTableName, fromPbTableSchema, toPbFamily, toPbNamespace, toPbTableName, toPbTableSchema,
} from "../../proto/wire/schema-codec.ts";
import type { ClientContext } from "../client-context.ts";
import { containsRow, type RegionLocation } from "../locator/region-location.ts";
import { regionSpecifier } from "../locator/meta-lookup.ts";
import { masterCall, regionServerCall, waitForProcedure } from "./master-call.ts";

export class RemoteAdmin implements Admin {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  async createTable(input: TableDescriptorInput, splitKeys: Uint8Array[] = []): Promise<void> {
    const d = normalizeTable(input);
    const r = await this.#master("CreateTable", M.CreateTableRequestSchema, M.CreateTableResponseSchema, { tableSchema: toPbTableSchema(d), splitKeys, ...this.#nonce() });
    await waitForProcedure(this.#ctx, r.procId, `createTable ${tableNameString(d.name)}`);
  }

  async deleteTable(name: TableNameLike): Promise<void> {
    const t = tableName(name);
    await this.#tableProcedure("DeleteTable", M.DeleteTableRequestSchema, M.DeleteTableResponseSchema, t, {});
  }

  async truncateTable(name: TableNameLike, preserveSplits: boolean): Promise<void> {
    const t = tableName(name);
    const r = await this.#master("truncateTable", M.TruncateTableRequestSchema, M.TruncateTableResponseSchema, { tableName: toPbTableName(t), preserveSplits, ...this.#nonce() });
    this.#ctx.locator.clearTable(t);
    await waitForProcedure(this.#ctx, r.procId, `truncateTable ${tableNameString(t)}`);
    this.#ctx.locator.clearTable(t);
  }

  async enableTable(name: TableNameLike): Promise<void> {
    await this.#tableProcedure("EnableTable", M.EnableTableRequestSchema, M.EnableTableResponseSchema, tableName(name), {});
  }

  async disableTable(name: TableNameLike): Promise<void> {
    await this.#tableProcedure("DisableTable", M.DisableTableRequestSchema, M.DisableTableResponseSchema, tableName(name), {});
  }

  async isTableEnabled(name: TableNameLike): Promise<boolean> {
    return (await this.#state(tableName(name))) === "ENABLED";
  }

  async isTableDisabled(name: TableNameLike): Promise<boolean> {
    return (await this.#state(tableName(name))) === "DISABLED";
  }

  async tableExists(name: TableNameLike): Promise<boolean> {
    return (await this.#ctx.locator.tableState(tableName(name))) !== undefined;
  }

  async listTableNames(): Promise<TableName[]> {
    const r = await this.#master("GetTableNames", M.GetTableNamesRequestSchema, M.GetTableNamesResponseSchema, {});
    return r.tableNames.map(fromPbTableName);
  }

  async listTableDescriptors(): Promise<TableDescriptor[]> {
    const r = await this.#master("GetTableDescriptors", M.GetTableDescriptorsRequestSchema, M.GetTableDescriptorsResponseSchema, {});
    return r.tableSchema.map(fromPbTableSchema);
  }

  async getDescriptor(name: TableNameLike): Promise<TableDescriptor> {
    const t = tableName(name);
    const r = await this.#master("GetTableDescriptors", M.GetTableDescriptorsRequestSchema, M.GetTableDescriptorsResponseSchema, { tableNames: [toPbTableName(t)] });
    const schema = r.tableSchema[0];
    if (schema === undefined) throw new TableNotFoundError(tableNameString(t));
    return fromPbTableSchema(schema);
  }

  async getRegions(name: TableNameLike): Promise<RegionInfo[]> {
    return (await this.#regions(tableName(name))).map((l) => l.region);
  }

  async flush(name: TableNameLike): Promise<void> {
    await this.#tableProcedure("FlushTable", M.FlushTableRequestSchema, M.FlushTableResponseSchema, tableName(name), {});
  }

  async compact(name: TableNameLike): Promise<void> {
    await this.#compact(tableName(name), false);
  }

  async majorCompact(name: TableNameLike): Promise<void> {
    await this.#compact(tableName(name), true);
  }

  async split(name: TableNameLike, splitPoint?: Uint8Array): Promise<void> {
    const t = tableName(name);
    const regions = await this.#regions(t);
    const targets = splitPoint === undefined ? regions : regions.filter((l) => containsRow(l.region, splitPoint));
    for (const l of targets) {
      const regionInfo = create(RegionInfoSchema, {
        regionId: l.region.regionId, tableName: toPbTableName(t), startKey: l.region.startKey, endKey: l.region.endKey,
        offline: false, split: false, replicaId: 0,
      });
      const init: { regionInfo: typeof regionInfo; splitRow?: Uint8Array } = { regionInfo };
      if (splitPoint !== undefined) init.splitRow = splitPoint;
      const r = await this.#master("SplitRegion", M.SplitTableRegionRequestSchema, M.SplitTableRegionResponseSchema, { ...init, ...this.#nonce() });
      await waitForProcedure(this.#ctx, r.procId, `split ${l.region.encodedName}`);
    }
    this.#ctx.locator.clearTable(t);
  }

  async modifyTable(input: TableDescriptorInput): Promise<void> {
    const d = normalizeTable(input);
    await this.#tableProcedure("ModifyTable", M.ModifyTableRequestSchema, M.ModifyTableResponseSchema, d.name, { tableSchema: toPbTableSchema(d) });
  }

  async addColumnFamily(name: TableNameLike, family: ColumnFamilyDescriptorInput | BytesLike): Promise<void> {
    const columnFamilies = toPbFamily(normalizeFamily(family));
    await this.#tableProcedure("AddColumn", M.AddColumnRequestSchema, M.AddColumnResponseSchema, tableName(name), { columnFamilies });
  }

  async deleteColumnFamily(name: TableNameLike, family: BytesLike): Promise<void> {
    await this.#tableProcedure("DeleteColumn", M.DeleteColumnRequestSchema, M.DeleteColumnResponseSchema, tableName(name), { columnName: toBytes(family) });
  }

  async modifyColumnFamily(name: TableNameLike, family: ColumnFamilyDescriptorInput): Promise<void> {
    const columnFamilies = toPbFamily(normalizeFamily(family));
    await this.#tableProcedure("ModifyColumn", M.ModifyColumnRequestSchema, M.ModifyColumnResponseSchema, tableName(name), { columnFamilies });
  }

  async modifyNamespace(descriptor: NamespaceDescriptor): Promise<void> {
    const r = await this.#master("ModifyNamespace", M.ModifyNamespaceRequestSchema, M.ModifyNamespaceResponseSchema, { namespaceDescriptor: toPbNamespace(descriptor), ...this.#nonce() });
    await waitForProcedure(this.#ctx, r.procId, `modifyNamespace ${descriptor.name}`);
  }

  async createNamespace(descriptor: NamespaceDescriptor): Promise<void> {
    validateNamespaceName(descriptor.name);
    const r = await this.#master("CreateNamespace", M.CreateNamespaceRequestSchema, M.CreateNamespaceResponseSchema, { namespaceDescriptor: toPbNamespace(descriptor), ...this.#nonce() });
    await waitForProcedure(this.#ctx, r.procId, `createNamespace ${descriptor.name}`);
  }

  async deleteNamespace(name: string): Promise<void> {
    const r = await this.#master("DeleteNamespace", M.DeleteNamespaceRequestSchema, M.DeleteNamespaceResponseSchema, { namespaceName: name, ...this.#nonce() });
    await waitForProcedure(this.#ctx, r.procId, `deleteNamespace ${name}`);
  }

  async getNamespaceDescriptor(name: string): Promise<NamespaceDescriptor> {
    const r = await this.#master("GetNamespaceDescriptor", M.GetNamespaceDescriptorRequestSchema, M.GetNamespaceDescriptorResponseSchema, { namespaceName: name });
    if (r.namespaceDescriptor === undefined) throw new NamespaceNotFoundError(name);
    return fromPbNamespace(r.namespaceDescriptor);
  }

  async listNamespaceDescriptors(): Promise<NamespaceDescriptor[]> {
    const r = await this.#master("ListNamespaceDescriptors", M.ListNamespaceDescriptorsRequestSchema, M.ListNamespaceDescriptorsResponseSchema, {});
    return r.namespaceDescriptor.map(fromPbNamespace);
  }

  async #regions(t: TableName): Promise<RegionLocation[]> {
    const regions = await this.#ctx.locator.listRegions(t);
    if (regions.length === 0 && (await this.#ctx.locator.tableState(t)) === undefined) throw new TableNotFoundError(tableNameString(t));
    return regions;
  }

  /** Asks every region to compact, then waits until each reports no compaction running (as the embedded call returns). */
  async #compact(t: TableName, major: boolean): Promise<void> {
    const regions = (await this.#regions(t)).filter((l) => l.server !== undefined);
    for (const l of regions) {
      const message = create(A.CompactRegionRequestSchema, { region: regionSpecifier(l.region.regionName), major });
      await regionServerCall(this.#ctx, l.server!, "CompactRegion", { schema: A.CompactRegionRequestSchema, message }, A.CompactRegionResponseSchema);
    }
    for (const l of regions) await this.#waitCompacted(l);
  }

  async #waitCompacted(l: RegionLocation): Promise<void> {
    const deadline = Date.now() + this.#ctx.options.operationTimeoutMs;
    const message = create(A.GetRegionInfoRequestSchema, { region: regionSpecifier(l.region.regionName), compactionState: true });
    // HBase queues the compaction and may report NONE before it starts: wait for two quiet answers.
    let quiet = 0;
    for (let pause = 5; ; pause = Math.min(pause * 2, 500)) {
      const r = await regionServerCall(this.#ctx, l.server!, "GetRegionInfo", { schema: A.GetRegionInfoRequestSchema, message }, A.GetRegionInfoResponseSchema);
      quiet = r.compactionState === A.GetRegionInfoResponse_CompactionState.NONE ? quiet + 1 : 0;
      if (quiet === 2 || Date.now() + pause > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, quiet === 1 ? Math.max(pause, 50) : pause));
    }
  }

  async #state(t: TableName): Promise<string> {
    const state = await this.#ctx.locator.tableState(t);
    if (state === undefined) throw new TableNotFoundError(tableNameString(t));
    return state;
  }

  /** A DDL call on one table, its procedure wait, and a cache reset for that table. */
  async #tableProcedure<I extends DescMessage, O extends DescMessage>(
    method: string, schema: I, responseSchema: O, t: TableName, extra: object,
  ): Promise<void> {
    const r = await this.#master(method, schema, responseSchema, { tableName: toPbTableName(t), ...this.#nonce(), ...extra }) as unknown as { procId: bigint };
    this.#ctx.locator.clearTable(t);
    await waitForProcedure(this.#ctx, r.procId, `${method} ${tableNameString(t)}`);
    this.#ctx.locator.clearTable(t);
  }

  #master<I extends DescMessage, O extends DescMessage>(
    method: string, schema: I, responseSchema: O, init: Record<string, unknown>,
  ) {
    return masterCall(this.#ctx, method, { schema, message: create(schema, init as never) }, responseSchema);
  }

  #nonce(): { nonceGroup: bigint; nonce: bigint } {
    return { nonceGroup: this.#ctx.nonceGroup, nonce: this.#ctx.newNonce() };
  }
}
