// MasterService (hbase-rpc.md §7.3): table and namespace DDL as procedures over the catalog,
// descriptor and name listings with HMaster's filtering rules, cluster status, the switch RPCs
// answered truthfully for a single-server cluster, flush, schema changes (modify table, add/delete/
// modify family, modify namespace), splits and getProcedureResult. Methods the engine cannot do
// answer DoNotRetryIOException wrapping UnsupportedOperationException, as HBase does.

import { create, isFieldSet } from "@bufbuild/protobuf";
import { toBytes } from "../../src/util/bytes.ts";
import { ConstraintError, DoNotRetryIOError, TableNotFoundError, UnknownRegionError } from "../../src/api/errors.ts";
import { type TableName, tableNameString } from "../../src/api/table-name.ts";
import type { TableEntry } from "../../src/catalog/catalog-state.ts";
import * as M from "../../proto/gen/hbase/master_pb.ts";
import {
  ClusterStatusSchema, LiveServerInfoSchema, RegionLoadSchema, ServerLoadSchema,
} from "../../proto/gen/hbase/cluster_status_pb.ts";
import { ClusterIdSchema } from "../../proto/gen/hbase/cluster_id_pb.ts";
import { HBaseVersionFileContentSchema } from "../../proto/gen/hbase/fs_pb.ts";
import {
  RegionSpecifier_RegionSpecifierType, RegionSpecifierSchema, ServerNameSchema, TableState_State, TableStateSchema,
} from "../../proto/gen/hbase/hbase_pb.ts";
import { ForeignExceptionMessageSchema, GenericExceptionMessageSchema } from "../../proto/gen/hbase/error_handling_pb.ts";
import type { ServiceRegistry } from "../rpc/service-registry.ts";
import {
  fromPbFamily, fromPbNamespace, fromPbTableName, fromPbTableSchema, toPbNamespace, toPbTableName, toPbTableSchema,
} from "../../proto/wire/schema-codec.ts";
import { normalizeFamily, type TableDescriptor } from "../../src/api/descriptors.ts";
import { withFamilyAdded, withFamilyDeleted, withFamilyModified } from "../../src/catalog/schema-change.ts";
import { regionInfoFromMessage, type ServingServer } from "../../src/catalog/meta-rows.ts";
import { META_DESCRIPTOR } from "../../src/catalog/meta-table.ts";
import type { ServerContext } from "../services/server-context.ts";

export const HBASE_VERSION = "2.6.0";
const S = "MasterService";

function unsupported(method: string): never {
  throw new DoNotRetryIOError(`java.lang.UnsupportedOperationException: ${method} is not supported by this server yet`);
}

export function serverName(s: ServingServer) {
  return create(ServerNameSchema, { hostName: s.host, port: s.port, startCode: s.startCode });
}

export function registerMasterService(registry: ServiceRegistry, server: ServerContext): void {
  const catalog = server.engine.catalog;
  const procs = server.procedures;
  const m = registry.method.bind(registry);
  const table = (name: TableName) => ({ table: tableNameString(name) });
  const notMeta = (name: TableName, op: string) => {
    if (name.namespace === "hbase") throw new ConstraintError(`Cannot ${op} a system table ${tableNameString(name)}`);
  };

  m(S, "IsMasterRunning", M.IsMasterRunningRequestSchema, M.IsMasterRunningResponseSchema, async () =>
    create(M.IsMasterRunningResponseSchema, { isMasterRunning: true }));

  // ---- table procedures ----
  m(S, "CreateTable", M.CreateTableRequestSchema, M.CreateTableResponseSchema, async (req) => {
    if (req.tableSchema === undefined) throw new DoNotRetryIOError("CreateTable without a table schema");
    const d = fromPbTableSchema(req.tableSchema);
    const procId = await procs.run("CreateTable", table(d.name), () => notMeta(d.name, "create"), () => catalog.createTable(d, req.splitKeys));
    return create(M.CreateTableResponseSchema, { procId });
  });
  m(S, "DeleteTable", M.DeleteTableRequestSchema, M.DeleteTableResponseSchema, async (req) => {
    const name = fromPbTableName(req.tableName);
    const procId = await procs.run("DeleteTable", table(name), () => notMeta(name, "delete"), () => catalog.deleteTable(name));
    return create(M.DeleteTableResponseSchema, { procId });
  });
  m(S, "EnableTable", M.EnableTableRequestSchema, M.EnableTableResponseSchema, async (req) => {
    const name = fromPbTableName(req.tableName);
    const procId = await procs.run("EnableTable", table(name), () => notMeta(name, "enable"), () => catalog.enableTable(name));
    return create(M.EnableTableResponseSchema, { procId });
  });
  m(S, "DisableTable", M.DisableTableRequestSchema, M.DisableTableResponseSchema, async (req) => {
    const name = fromPbTableName(req.tableName);
    const procId = await procs.run("DisableTable", table(name), () => notMeta(name, "disable"), async () => {
      await catalog.disableTable(name);
      server.scanners.closeAll();
    });
    return create(M.DisableTableResponseSchema, { procId });
  });
  m(S, "truncateTable", M.TruncateTableRequestSchema, M.TruncateTableResponseSchema, async (req) => {
    const name = fromPbTableName(req.tableName);
    const procId = await procs.run("TruncateTable", table(name), () => notMeta(name, "truncate"), () => catalog.truncateTable(name, req.preserveSplits ?? false));
    return create(M.TruncateTableResponseSchema, { procId });
  });
  // Schema changes: the new descriptor is computed and checked in the RPC (errors reach the
  // caller), then installed by one procedure that reopens the regions (Catalog.modifyTable).
  const schemaChange = async (type: string, name: TableName, next: () => TableDescriptor) => {
    let descriptor: TableDescriptor | undefined;
    return procs.run(type, table(name), () => {
      notMeta(name, "modify");
      descriptor = next();
    }, () => catalog.modifyTable(descriptor!));
  };
  m(S, "ModifyTable", M.ModifyTableRequestSchema, M.ModifyTableResponseSchema, async (req) => {
    if (req.tableSchema === undefined) throw new DoNotRetryIOError("ModifyTable without a table schema");
    const name = fromPbTableName(req.tableName);
    const d = fromPbTableSchema(req.tableSchema);
    const procId = await schemaChange("ModifyTable", name, () => {
      catalog.entry(name);
      if (tableNameString(d.name) !== tableNameString(name)) throw new DoNotRetryIOError(`ModifyTable of ${tableNameString(name)} with a schema for ${tableNameString(d.name)}`);
      return d;
    });
    return create(M.ModifyTableResponseSchema, { procId });
  });
  m(S, "AddColumn", M.AddColumnRequestSchema, M.AddColumnResponseSchema, async (req) => {
    const name = fromPbTableName(req.tableName);
    if (req.columnFamilies === undefined) throw new DoNotRetryIOError("AddColumn without a column family");
    const family = normalizeFamily(fromPbFamily(req.columnFamilies));
    const procId = await schemaChange("AddColumnFamily", name, () => withFamilyAdded(catalog.entry(name).descriptor, family));
    return create(M.AddColumnResponseSchema, { procId });
  });
  m(S, "DeleteColumn", M.DeleteColumnRequestSchema, M.DeleteColumnResponseSchema, async (req) => {
    const name = fromPbTableName(req.tableName);
    const procId = await schemaChange("DeleteColumnFamily", name, () => withFamilyDeleted(catalog.entry(name).descriptor, req.columnName));
    return create(M.DeleteColumnResponseSchema, { procId });
  });
  m(S, "ModifyColumn", M.ModifyColumnRequestSchema, M.ModifyColumnResponseSchema, async (req) => {
    const name = fromPbTableName(req.tableName);
    if (req.columnFamilies === undefined) throw new DoNotRetryIOError("ModifyColumn without a column family");
    const family = normalizeFamily(fromPbFamily(req.columnFamilies));
    const procId = await schemaChange("ModifyColumnFamily", name, () => withFamilyModified(catalog.entry(name).descriptor, family));
    return create(M.ModifyColumnResponseSchema, { procId });
  });
  m(S, "SplitRegion", M.SplitTableRegionRequestSchema, M.SplitTableRegionResponseSchema, async (req) => {
    if (req.regionInfo === undefined) throw new DoNotRetryIOError("SplitRegion without a region");
    const info = regionInfoFromMessage(req.regionInfo);
    notMeta(info.table, "split");
    const parent = catalog.regionsOf(info.table).find((r) => r.info.encodedName === info.encodedName);
    if (parent === undefined) {
      // A split parent keeps its region state in HBase until the janitor removes it.
      if (catalog.entry(info.table).retired.some((r) => r.parent.encodedName === info.encodedName)) {
        throw new DoNotRetryIOError(`${info.encodedName} is not OPEN; state=SPLIT`);
      }
      throw new UnknownRegionError(`Region ${info.encodedName} of ${tableNameString(info.table)} is not online`);
    }
    const row = req.splitRow !== undefined && req.splitRow.length > 0 ? req.splitRow : undefined;
    const procId = await procs.run("SplitTableRegion", table(info.table), () => {}, async () => {
      if (!(await catalog.splitRegion(info.table, { parent, row }))) {
        if (parent.closed) throw new DoNotRetryIOError(`${info.encodedName} is not OPEN; it was split or closed meanwhile`);
        throw new DoNotRetryIOError(`${info.encodedName} NOT splittable: no split point (one block, or references from an earlier split)`);
      }
    });
    return create(M.SplitTableRegionResponseSchema, { procId });
  });
  m(S, "FlushTable", M.FlushTableRequestSchema, M.FlushTableResponseSchema, async (req) => {
    const name = fromPbTableName(req.tableName);
    const procId = await procs.run("FlushTable", table(name), () => catalog.entry(name), () => flushTable(server, name));
    return create(M.FlushTableResponseSchema, { procId });
  });
  m(S, "ExecProcedure", M.ExecProcedureRequestSchema, M.ExecProcedureResponseSchema, async (req) => {
    await execProcedure(server, req.procedure);
    return create(M.ExecProcedureResponseSchema, { expectedTimeout: 60_000n });
  });
  m(S, "ExecProcedureWithRet", M.ExecProcedureRequestSchema, M.ExecProcedureResponseSchema, async (req) => {
    await execProcedure(server, req.procedure);
    return create(M.ExecProcedureResponseSchema, { expectedTimeout: 60_000n, returnData: new Uint8Array(0) });
  });
  m(S, "IsProcedureDone", M.IsProcedureDoneRequestSchema, M.IsProcedureDoneResponseSchema, async (req) =>
    create(M.IsProcedureDoneResponseSchema, { done: true, snapshot: req.procedure }));
  m(S, "getProcedureResult", M.GetProcedureResultRequestSchema, M.GetProcedureResultResponseSchema, async (req) => {
    const r = procs.get(req.procId);
    const response = create(M.GetProcedureResultResponseSchema, {
      state: r.state === "FINISHED" ? M.GetProcedureResultResponse_State.FINISHED : M.GetProcedureResultResponse_State.RUNNING,
      submittedTime: BigInt.asUintN(64, r.submittedMs),
      lastUpdate: BigInt.asUintN(64, r.lastUpdateMs),
    });
    if (r.error !== undefined) {
      response.exception = create(ForeignExceptionMessageSchema, {
        source: server.master.host,
        genericException: create(GenericExceptionMessageSchema, { className: r.error.className, message: r.error.message }),
      });
    }
    return response;
  });
  m(S, "AbortProcedure", M.AbortProcedureRequestSchema, M.AbortProcedureResponseSchema, async () =>
    create(M.AbortProcedureResponseSchema, { isProcedureAborted: false }));

  // ---- descriptors and names ----
  m(S, "GetTableDescriptors", M.GetTableDescriptorsRequestSchema, M.GetTableDescriptorsResponseSchema, async (req) => {
    let entries: TableEntry[];
    if (req.tableNames.length > 0) {
      entries = [];
      for (const pb of req.tableNames) {
        try {
          entries.push(catalog.entry(fromPbTableName(pb)));
        } catch (error) {
          if (!(error instanceof TableNotFoundError)) throw error;
        }
      }
    } else {
      const regex = isFieldSet(req, M.GetTableDescriptorsRequestSchema.field.regex) ? req.regex : undefined;
      entries = listTables(server, regex, req.namespace, req.includeSysTables);
    }
    return create(M.GetTableDescriptorsResponseSchema, { tableSchema: entries.map((e) => toPbTableSchema(e.descriptor)) });
  });
  m(S, "GetTableNames", M.GetTableNamesRequestSchema, M.GetTableNamesResponseSchema, async (req) =>
    create(M.GetTableNamesResponseSchema, {
      tableNames: listTables(server, isFieldSet(req, M.GetTableNamesRequestSchema.field.regex) ? req.regex : undefined, req.namespace, req.includeSysTables).map((e) => toPbTableName(e.descriptor.name)),
    }));
  m(S, "ListTableDescriptorsByNamespace", M.ListTableDescriptorsByNamespaceRequestSchema, M.ListTableDescriptorsByNamespaceResponseSchema, async (req) =>
    create(M.ListTableDescriptorsByNamespaceResponseSchema, {
      tableSchema: listTables(server, undefined, req.namespaceName, true).map((e) => toPbTableSchema(e.descriptor)),
    }));
  m(S, "ListTableNamesByNamespace", M.ListTableNamesByNamespaceRequestSchema, M.ListTableNamesByNamespaceResponseSchema, async (req) =>
    create(M.ListTableNamesByNamespaceResponseSchema, {
      tableName: listTables(server, undefined, req.namespaceName, true).map((e) => toPbTableName(e.descriptor.name)),
    }));
  m(S, "ListTableDescriptorsByState", M.ListTableDescriptorsByStateRequestSchema, M.ListTableDescriptorsByStateResponseSchema, async (req) =>
    create(M.ListTableDescriptorsByStateResponseSchema, {
      tableSchema: catalog.state.tables.filter((e) => e.enabled === req.isEnabled).map((e) => toPbTableSchema(e.descriptor)),
    }));
  m(S, "ListTableNamesByState", M.ListTableNamesByStateRequestSchema, M.ListTableNamesByStateResponseSchema, async (req) =>
    create(M.ListTableNamesByStateResponseSchema, {
      tableNames: catalog.state.tables.filter((e) => e.enabled === req.isEnabled).map((e) => toPbTableName(e.descriptor.name)),
    }));
  m(S, "GetTableState", M.GetTableStateRequestSchema, M.GetTableStateResponseSchema, async (req) => {
    const name = fromPbTableName(req.tableName);
    const enabled = name.namespace === "hbase" && name.qualifier === "meta" ? true : catalog.entry(name).enabled;
    return create(M.GetTableStateResponseSchema, {
      tableState: create(TableStateSchema, { state: enabled ? TableState_State.ENABLED : TableState_State.DISABLED }),
    });
  });
  m(S, "GetSchemaAlterStatus", M.GetSchemaAlterStatusRequestSchema, M.GetSchemaAlterStatusResponseSchema, async (req) => {
    const entry = catalog.entry(fromPbTableName(req.tableName));
    return create(M.GetSchemaAlterStatusResponseSchema, { yetToUpdateRegions: 0, totalRegions: entry.regions.length });
  });

  // ---- namespaces ----
  m(S, "CreateNamespace", M.CreateNamespaceRequestSchema, M.CreateNamespaceResponseSchema, async (req) => {
    const d = fromPbNamespace(req.namespaceDescriptor);
    const procId = await procs.run("CreateNamespace", { namespace: d.name }, () => {}, () => catalog.createNamespace(d));
    return create(M.CreateNamespaceResponseSchema, { procId });
  });
  m(S, "DeleteNamespace", M.DeleteNamespaceRequestSchema, M.DeleteNamespaceResponseSchema, async (req) => {
    const procId = await procs.run("DeleteNamespace", { namespace: req.namespaceName }, () => {}, () => catalog.deleteNamespace(req.namespaceName));
    return create(M.DeleteNamespaceResponseSchema, { procId });
  });
  m(S, "ModifyNamespace", M.ModifyNamespaceRequestSchema, M.ModifyNamespaceResponseSchema, async (req) => {
    const d = fromPbNamespace(req.namespaceDescriptor);
    const procId = await procs.run("ModifyNamespace", { namespace: d.name }, () => catalog.namespace(d.name), () => catalog.modifyNamespace(d));
    return create(M.ModifyNamespaceResponseSchema, { procId });
  });
  m(S, "GetNamespaceDescriptor", M.GetNamespaceDescriptorRequestSchema, M.GetNamespaceDescriptorResponseSchema, async (req) =>
    create(M.GetNamespaceDescriptorResponseSchema, { namespaceDescriptor: toPbNamespace(catalog.namespace(req.namespaceName)) }));
  m(S, "ListNamespaceDescriptors", M.ListNamespaceDescriptorsRequestSchema, M.ListNamespaceDescriptorsResponseSchema, async () =>
    create(M.ListNamespaceDescriptorsResponseSchema, { namespaceDescriptor: catalog.state.namespaces.map(toPbNamespace) }));
  m(S, "ListNamespaces", M.ListNamespacesRequestSchema, M.ListNamespacesResponseSchema, async () =>
    create(M.ListNamespacesResponseSchema, { namespaceName: catalog.state.namespaces.map((n) => n.name) }));

  // ---- cluster ----
  m(S, "GetClusterStatus", M.GetClusterStatusRequestSchema, M.GetClusterStatusResponseSchema, async () =>
    create(M.GetClusterStatusResponseSchema, { clusterStatus: clusterStatus(server) }));
  m(S, "MoveRegion", M.MoveRegionRequestSchema, M.MoveRegionResponseSchema, async (req) => {
    server.regions.resolve(req.region);
    return create(M.MoveRegionResponseSchema, {});
  });
  registerSwitches(registry, server);
}

/** Flushes every region of the table. */
async function flushTable(server: ServerContext, name: TableName): Promise<void> {
  for (const region of server.engine.catalog.regionsOf(name)) await region.flush();
}

async function execProcedure(server: ServerContext, procedure: { signature: string; instance?: string } | undefined): Promise<void> {
  if (procedure?.signature !== "flush-table-proc" || procedure.instance === undefined || procedure.instance === "") {
    throw new DoNotRetryIOError(`java.lang.UnsupportedOperationException: procedure ${procedure?.signature ?? "?"} is not supported`);
  }
  await flushTable(server, fromPbTableName({ $typeName: "hbase.pb.TableName", ...splitName(procedure.instance) }));
}

function splitName(text: string): { namespace: Uint8Array; qualifier: Uint8Array } {
  const colon = text.indexOf(":");
  return colon < 0
    ? { namespace: toBytes("default"), qualifier: toBytes(text) }
    : { namespace: toBytes(text.slice(0, colon)), qualifier: toBytes(text.slice(colon + 1)) };
}

/** HMaster's listing rules: namespace must exist when given; system tables only when asked; regex full match. */
function listTables(server: ServerContext, regex: string | undefined, namespace: string | undefined, includeSys: boolean): TableEntry[] {
  const catalog = server.engine.catalog;
  if (namespace !== undefined && namespace !== "") catalog.namespace(namespace);
  let pattern: RegExp | undefined;
  if (regex !== undefined) {
    try {
      pattern = new RegExp(`^(?:${regex})$`);
    } catch (error) {
      throw new DoNotRetryIOError(`java.util.regex.PatternSyntaxException: ${(error as Error).message}`);
    }
  }
  // hbase:meta is a table of the engine but not a catalog entry: system listings name it too.
  const meta: TableEntry = { descriptor: META_DESCRIPTOR, enabled: true, regions: [], retired: [] };
  const candidates = includeSys ? [meta, ...catalog.state.tables] : catalog.state.tables;
  return candidates.filter((e) => {
    const n = e.descriptor.name;
    if (namespace !== undefined && namespace !== "" && n.namespace !== namespace) return false;
    if (!includeSys && n.namespace === "hbase") return false;
    if (pattern === undefined) return true;
    return pattern.test(tableNameString(n)) || (n.namespace === "default" && pattern.test(`default:${n.qualifier}`));
  });
}

function clusterStatus(server: ServerContext) {
  const regionLoads = server.regions.openRegions().map((r) =>
    create(RegionLoadSchema, {
      regionSpecifier: create(RegionSpecifierSchema, { type: RegionSpecifier_RegionSpecifierType.REGION_NAME, value: r.info.regionName }),
      stores: r.table.families.length,
      memStoreSizeMB: Math.floor(r.memstoreSizeBytes / (1024 * 1024)),
    })
  );
  const now = BigInt(Date.now());
  return create(ClusterStatusSchema, {
    hbaseVersion: create(HBaseVersionFileContentSchema, { version: HBASE_VERSION }),
    liveServers: [
      create(LiveServerInfoSchema, {
        server: serverName(server.regionServer),
        serverLoad: create(ServerLoadSchema, { regionLoads, reportStartTime: server.regionServer.startCode, reportEndTime: now, infoServerPort: server.infoPort }),
      }),
    ],
    clusterId: create(ClusterIdSchema, { clusterId: server.clusterId }),
    master: serverName(server.master),
    balancerOn: server.switches.balancer,
    masterInfoPort: server.infoPort,
    serversName: [serverName(server.regionServer)],
  });
}

function registerSwitches(registry: ServiceRegistry, server: ServerContext): void {
  const m = registry.method.bind(registry);
  const sw = server.switches;
  /** Sets a switch and answers its previous value, as each switch-setting method does. */
  const flip = (key: keyof typeof sw, on: boolean): boolean => {
    const prev = sw[key];
    sw[key] = on;
    return prev;
  };
  m(S, "SetBalancerRunning", M.SetBalancerRunningRequestSchema, M.SetBalancerRunningResponseSchema, async (req) =>
    create(M.SetBalancerRunningResponseSchema, { prevBalanceValue: flip("balancer", req.on) }));
  m(S, "IsBalancerEnabled", M.IsBalancerEnabledRequestSchema, M.IsBalancerEnabledResponseSchema, async () =>
    create(M.IsBalancerEnabledResponseSchema, { enabled: sw.balancer }));
  m(S, "Balance", M.BalanceRequestSchema, M.BalanceResponseSchema, async () =>
    create(M.BalanceResponseSchema, { balancerRan: sw.balancer, movesCalculated: 0, movesExecuted: 0 }));
  m(S, "IsMasterInMaintenanceMode", M.IsInMaintenanceModeRequestSchema, M.IsInMaintenanceModeResponseSchema, async () =>
    create(M.IsInMaintenanceModeResponseSchema, { inMaintenanceMode: false }));
  m(S, "getSecurityCapabilities", M.SecurityCapabilitiesRequestSchema, M.SecurityCapabilitiesResponseSchema, async () =>
    create(M.SecurityCapabilitiesResponseSchema, { capabilities: [M.SecurityCapabilitiesResponse_Capability.SIMPLE_AUTHENTICATION] }));
  m(S, "SetSplitOrMergeEnabled", M.SetSplitOrMergeEnabledRequestSchema, M.SetSplitOrMergeEnabledResponseSchema, async (req) => {
    const prev: boolean[] = [];
    for (const t of req.switchTypes) {
      const key = t === M.MasterSwitchType.SPLIT ? "split" : "merge";
      prev.push(sw[key]);
      sw[key] = req.enabled;
    }
    return create(M.SetSplitOrMergeEnabledResponseSchema, { prevValue: prev });
  });
  m(S, "IsSplitOrMergeEnabled", M.IsSplitOrMergeEnabledRequestSchema, M.IsSplitOrMergeEnabledResponseSchema, async (req) =>
    create(M.IsSplitOrMergeEnabledResponseSchema, { enabled: req.switchType === M.MasterSwitchType.SPLIT ? sw.split : sw.merge }));
  m(S, "Normalize", M.NormalizeRequestSchema, M.NormalizeResponseSchema, async () => create(M.NormalizeResponseSchema, { normalizerRan: false }));
  m(S, "SetNormalizerRunning", M.SetNormalizerRunningRequestSchema, M.SetNormalizerRunningResponseSchema, async (req) =>
    create(M.SetNormalizerRunningResponseSchema, { prevNormalizerValue: flip("normalizer", req.on) }));
  m(S, "IsNormalizerEnabled", M.IsNormalizerEnabledRequestSchema, M.IsNormalizerEnabledResponseSchema, async () =>
    create(M.IsNormalizerEnabledResponseSchema, { enabled: sw.normalizer }));
  m(S, "RunCatalogScan", M.RunCatalogScanRequestSchema, M.RunCatalogScanResponseSchema, async () => create(M.RunCatalogScanResponseSchema, { scanResult: 0 }));
  m(S, "EnableCatalogJanitor", M.EnableCatalogJanitorRequestSchema, M.EnableCatalogJanitorResponseSchema, async (req) =>
    create(M.EnableCatalogJanitorResponseSchema, { prevValue: flip("catalogJanitor", req.enable) }));
  m(S, "IsCatalogJanitorEnabled", M.IsCatalogJanitorEnabledRequestSchema, M.IsCatalogJanitorEnabledResponseSchema, async () =>
    create(M.IsCatalogJanitorEnabledResponseSchema, { value: sw.catalogJanitor }));
  m(S, "RunCleanerChore", M.RunCleanerChoreRequestSchema, M.RunCleanerChoreResponseSchema, async () => create(M.RunCleanerChoreResponseSchema, { cleanerChoreRan: true }));
  m(S, "SetCleanerChoreRunning", M.SetCleanerChoreRunningRequestSchema, M.SetCleanerChoreRunningResponseSchema, async (req) =>
    create(M.SetCleanerChoreRunningResponseSchema, { prevValue: flip("cleanerChore", req.on) }));
  m(S, "IsCleanerChoreEnabled", M.IsCleanerChoreEnabledRequestSchema, M.IsCleanerChoreEnabledResponseSchema, async () =>
    create(M.IsCleanerChoreEnabledResponseSchema, { value: sw.cleanerChore }));
  m(S, "SwitchSnapshotCleanup", M.SetSnapshotCleanupRequestSchema, M.SetSnapshotCleanupResponseSchema, async (req) =>
    create(M.SetSnapshotCleanupResponseSchema, { prevSnapshotCleanup: flip("snapshotCleanup", req.enabled) }));
  m(S, "IsSnapshotCleanupEnabled", M.IsSnapshotCleanupEnabledRequestSchema, M.IsSnapshotCleanupEnabledResponseSchema, async () =>
    create(M.IsSnapshotCleanupEnabledResponseSchema, { enabled: sw.snapshotCleanup }));
  m(S, "SwitchRpcThrottle", M.SwitchRpcThrottleRequestSchema, M.SwitchRpcThrottleResponseSchema, async (req) =>
    create(M.SwitchRpcThrottleResponseSchema, { previousRpcThrottleEnabled: flip("rpcThrottle", req.rpcThrottleEnabled) }));
  m(S, "IsRpcThrottleEnabled", M.IsRpcThrottleEnabledRequestSchema, M.IsRpcThrottleEnabledResponseSchema, async () =>
    create(M.IsRpcThrottleEnabledResponseSchema, { rpcThrottleEnabled: sw.rpcThrottle }));
  m(S, "getLastMajorCompactionTimestamp", M.MajorCompactionTimestampRequestSchema, M.MajorCompactionTimestampResponseSchema, async () =>
    create(M.MajorCompactionTimestampResponseSchema, { compactionTimestamp: 0n }));
  m(S, "ListDecommissionedRegionServers", M.ListDecommissionedRegionServersRequestSchema, M.ListDecommissionedRegionServersResponseSchema, async () =>
    create(M.ListDecommissionedRegionServersResponseSchema, {}));
  m(S, "ClearDeadServers", M.ClearDeadServersRequestSchema, M.ClearDeadServersResponseSchema, async () => create(M.ClearDeadServersResponseSchema, {}));
}

