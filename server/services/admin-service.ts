// AdminService (hbase-rpc.md §7.2): region info, online regions, server info, flush and compact
// of one region. Compaction is accepted and returns at once (the engine compacts on its own
// schedule); the compaction state reported is NONE.

import { create } from "@bufbuild/protobuf";
import * as A from "../../proto/gen/hbase/admin_pb.ts";
import type { ServiceRegistry } from "../rpc/service-registry.ts";
import { regionInfoMessage } from "../meta/meta-rows.ts";
import { serverName } from "../master/master-service.ts";
import type { ServerContext } from "./server-context.ts";

const S = "AdminService";

export function registerAdminService(registry: ServiceRegistry, server: ServerContext): void {
  const m = registry.method.bind(registry);
  m(S, "GetRegionInfo", A.GetRegionInfoRequestSchema, A.GetRegionInfoResponseSchema, async (req) => {
    const served = server.regions.resolve(req.region);
    const response = create(A.GetRegionInfoResponseSchema, {
      regionInfo: regionInfoMessage(served.region.info),
      splittable: false,
      mergeable: false,
    });
    if (req.compactionState === true) response.compactionState = A.GetRegionInfoResponse_CompactionState.NONE;
    return response;
  });
  m(S, "GetOnlineRegion", A.GetOnlineRegionRequestSchema, A.GetOnlineRegionResponseSchema, async () =>
    create(A.GetOnlineRegionResponseSchema, {
      regionInfo: [server.meta.info, ...server.regions.openRegions().map((r) => r.info)].map(regionInfoMessage),
    }));
  m(S, "GetServerInfo", A.GetServerInfoRequestSchema, A.GetServerInfoResponseSchema, async () =>
    create(A.GetServerInfoResponseSchema, {
      serverInfo: create(A.ServerInfoSchema, { serverName: serverName(server.regionServer), webuiPort: server.infoPort }),
    }));
  m(S, "FlushRegion", A.FlushRegionRequestSchema, A.FlushRegionResponseSchema, async (req) => {
    const served = server.regions.resolve(req.region);
    if (served.kind === "user") await served.region.flush();
    return create(A.FlushRegionResponseSchema, { lastFlushTime: BigInt.asUintN(64, server.engine.clock()), flushed: served.kind === "user" });
  });
  m(S, "CompactRegion", A.CompactRegionRequestSchema, A.CompactRegionResponseSchema, async (req) => {
    server.regions.resolve(req.region);
    return create(A.CompactRegionResponseSchema, {});
  });
}
