// AdminService (hbase-rpc.md §7.2): region info, online regions, server info, flush and compact
// of one region. A compaction request starts the compaction and returns at once, as HBase does;
// GetRegionInfo reports MINOR or MAJOR while it runs, NONE after.

import { create } from "@bufbuild/protobuf";
import * as A from "../../proto/gen/hbase/admin_pb.ts";
import type { ServiceRegistry } from "../rpc/service-registry.ts";
import { regionInfoMessage } from "../../src/catalog/meta-rows.ts";
import { serverName } from "../master/master-service.ts";
import type { ServerContext } from "./server-context.ts";
import { log } from "../../src/util/log.ts";

const S = "AdminService";

export function registerAdminService(registry: ServiceRegistry, server: ServerContext): void {
  const m = registry.method.bind(registry);
  m(S, "GetRegionInfo", A.GetRegionInfoRequestSchema, A.GetRegionInfoResponseSchema, async (req) => {
    const served = server.regions.resolve(req.region);
    const user = served.kind === "user" ? served.region : undefined;
    const response = create(A.GetRegionInfoResponseSchema, {
      regionInfo: regionInfoMessage(served.region.info),
      splittable: user !== undefined && !user.hasReferences,
      mergeable: false,
    });
    if (req.compactionState === true) {
      const running = user?.compacting;
      const states = A.GetRegionInfoResponse_CompactionState;
      response.compactionState = running === undefined ? states.NONE : running.major ? states.MAJOR : states.MINOR;
    }
    return response;
  });
  m(S, "GetOnlineRegion", A.GetOnlineRegionRequestSchema, A.GetOnlineRegionResponseSchema, async () =>
    create(A.GetOnlineRegionResponseSchema, {
      regionInfo: [server.meta.info, ...server.regions.openRegions().map((r) => r.info)].map((info) => regionInfoMessage(info)),
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
    const served = server.regions.resolve(req.region);
    if (served.kind === "user") {
      const region = served.region;
      const catalog = server.engine.catalog;
      region.compact({ major: req.major ?? false })
        .then(() => catalog.cleanSplitParents())
        .catch((error) => log.warn("Requested compaction failed", { region: region.info.encodedName, error: String(error) }));
    }
    return create(A.CompactRegionResponseSchema, {});
  });
}
