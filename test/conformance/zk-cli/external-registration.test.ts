// Registration in a real ZooKeeper (Debian's 3.8 server): the same location znodes land in the
// ensemble, master and rs/<server> are ephemeral under the registration's session, an update
// replaces the data, and closing the registration removes the ephemeral nodes.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { registerInExternalZk } from "../../../server/zookeeper/external-registration.ts";
import { serverNameString } from "../../../server/zookeeper/location-znodes.ts";
import { ZkClient } from "../../../proto/zookeeper/zk-client.ts";
import { type RealZooKeeper, startRealZooKeeper } from "./real-zookeeper.ts";
import { decodeClusterId, decodeMaster, decodeMetaRegionServer, SNAPSHOT } from "../../server/zookeeper/zk-fixture.ts";

describe("registerInExternalZk", () => {
  let real: RealZooKeeper;
  beforeAll(async () => {
    real = await startRealZooKeeper();
  }, 40_000);
  afterAll(() => real?.stop());

  test("writes the location znodes into a real ZooKeeper and removes the ephemeral ones on close", async () => {
    const registration = await registerInExternalZk({ connectString: real.quorum, znodeParent: "/shale" });
    const reader = await ZkClient.connect({ connectString: real.quorum });
    try {
      await registration.publish(SNAPSHOT);
      expect((await reader.getChildren("/shale")).sort()).toEqual(["backup-masters", "draining", "hbaseid", "master", "meta-region-server", "rs", "running", "table"]);
      expect(decodeClusterId((await reader.getData("/shale/hbaseid")).data)).toBe(SNAPSHOT.clusterId);
      const master = await reader.getData("/shale/master");
      expect(decodeMaster(master.data).master?.port).toBe(16000);
      expect(master.stat.ephemeralOwner).toBe(registration.client.sessionId);
      const rs = `/shale/rs/${serverNameString(SNAPSHOT.regionServers[0])}`;
      expect((await reader.exists(rs))?.ephemeralOwner).toBe(registration.client.sessionId);
      await registration.publish({ ...SNAPSHOT, metaRegionServer: { host: "localhost", port: 16099, startCode: 9n }, regionServers: [] });
      const meta = await reader.getData("/shale/meta-region-server");
      expect(decodeMetaRegionServer(meta.data).server?.port).toBe(16099);
      expect(meta.stat.version).toBe(1);
      expect(await reader.exists(rs)).toBeUndefined();
      await registration.close();
      expect(await reader.exists("/shale/master")).toBeUndefined();
      expect(await reader.exists("/shale/meta-region-server")).toBeDefined();
    } finally {
      await registration.close();
      await reader.close();
    }
  }, 30_000);
});
