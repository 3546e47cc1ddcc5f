// Shared by the ZooKeeper tests: an embedded endpoint with the HBase location znodes published,
// a fixed snapshot to compare against, helpers to decode znode data, and a free loopback port.

import { fromBinary } from "@bufbuild/protobuf";
import { createServer } from "node:net";
import { MasterSchema, MetaRegionServerSchema } from "../../../proto/gen/hbase/zookeeper_pb.ts";
import { ClusterIdSchema } from "../../../proto/gen/hbase/cluster_id_pb.ts";
import type { LocationSnapshot } from "../../../server/zookeeper/location-znodes.ts";
import { startZkEndpoint, type ZkEndpoint, type ZkEndpointOptions } from "../../../server/zookeeper/zk-endpoint.ts";
import { decodeZnodeData } from "../../../proto/zookeeper/znode-data.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";

export const SNAPSHOT: LocationSnapshot = {
  clusterId: "2f1e3d4c-5b6a-7980-a1b2-c3d4e5f60718",
  master: { host: "localhost", port: 16000, startCode: 1700000000000n, infoPort: 16010 },
  metaRegionServer: { host: "localhost", port: 16020, startCode: 1700000000001n },
  regionServers: [{ host: "localhost", port: 16020, startCode: 1700000000001n, infoPort: 16030 }],
};

export interface Fixture {
  zk: ZkEndpoint;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts an endpoint on a free port and publishes SNAPSHOT. */
export async function startFixture(options: ZkEndpointOptions = {}): Promise<Fixture> {
  const dir = options.dataDir === undefined ? await makeTempDir("shale-zk-") : undefined;
  const dataDir = options.dataDir ?? dir!.path;
  const zk = await startZkEndpoint({ ...options, dataDir });
  await zk.locations.publish(SNAPSHOT);
  return {
    zk, dataDir,
    close: async () => {
      await zk.close();
      await dir?.cleanup();
    },
  };
}

/** Decodes the location znodes a client read, the way clients do. */
export function decodeMaster(data: Uint8Array) {
  return fromBinary(MasterSchema, decodeZnodeData(data).message);
}

export function decodeMetaRegionServer(data: Uint8Array) {
  return fromBinary(MetaRegionServerSchema, decodeZnodeData(data).message);
}

export function decodeClusterId(data: Uint8Array) {
  return fromBinary(ClusterIdSchema, decodeZnodeData(data).message).clusterId;
}

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}
