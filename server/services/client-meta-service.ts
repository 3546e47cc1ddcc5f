// ClientMetaService, the RPC connection registry (hbase-rpc.md §7.5): cluster id, active master,
// meta location, masters and bootstrap nodes, all naming this one server process.

import { create } from "@bufbuild/protobuf";
import * as R from "../../proto/gen/hbase/registry_pb.ts";
import { RegionLocationSchema } from "../../proto/gen/hbase/hbase_pb.ts";
import type { ServiceRegistry } from "../rpc/service-registry.ts";
import { regionInfoMessage } from "../../src/catalog/meta-rows.ts";
import { serverName } from "../master/master-service.ts";
import type { ServerContext } from "./server-context.ts";

const S = "ClientMetaService";

export function registerClientMetaService(registry: ServiceRegistry, server: ServerContext): void {
  const m = registry.method.bind(registry);
  m(S, "GetClusterId", R.GetClusterIdRequestSchema, R.GetClusterIdResponseSchema, async () =>
    create(R.GetClusterIdResponseSchema, { clusterId: server.clusterId }));
  m(S, "GetActiveMaster", R.GetActiveMasterRequestSchema, R.GetActiveMasterResponseSchema, async () =>
    create(R.GetActiveMasterResponseSchema, { serverName: serverName(server.master) }));
  m(S, "GetMasters", R.GetMastersRequestSchema, R.GetMastersResponseSchema, async () =>
    create(R.GetMastersResponseSchema, {
      masterServers: [create(R.GetMastersResponseEntrySchema, { serverName: serverName(server.master), isActive: true })],
    }));
  m(S, "GetMetaRegionLocations", R.GetMetaRegionLocationsRequestSchema, R.GetMetaRegionLocationsResponseSchema, async () =>
    create(R.GetMetaRegionLocationsResponseSchema, {
      metaLocations: [create(RegionLocationSchema, { regionInfo: regionInfoMessage(server.meta.info), serverName: serverName(server.regionServer), seqNum: 1n })],
    }));
  m(S, "GetBootstrapNodes", R.GetBootstrapNodesRequestSchema, R.GetBootstrapNodesResponseSchema, async () =>
    create(R.GetBootstrapNodesResponseSchema, { serverName: [serverName(server.master), serverName(server.regionServer)] }));
}
