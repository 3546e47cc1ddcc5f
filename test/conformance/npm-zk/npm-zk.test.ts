// node-zookeeper-client 1.1.3 (the ZooKeeper layer of the npm hbase-rpc-client) against the
// embedded endpoint: chroot /hbase as hbase-rpc-client uses it, a data watch on
// meta-region-server that fires when the location moves, and the envelope decoded.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
// @ts-types="npm:node-zookeeper-client"
import zookeeper from "node-zookeeper-client";
import { decodeClusterId, decodeMetaRegionServer, type Fixture, SNAPSHOT, startFixture } from "../../server/zookeeper/zk-fixture.ts";
import { type Client, connected } from "./connect.ts";

function call<T>(fn: (cb: (err: Error | null, ...rest: any[]) => void) => void): Promise<any[]> {
  return new Promise((resolve, reject) => fn((err, ...rest) => (err ? reject(err) : resolve(rest))));
}

describe("embedded ZooKeeper endpoint with node-zookeeper-client", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(() => fx?.close());

  test("reads the location znodes under a /hbase chroot and sees the meta location move", async () => {
    const client = await connected(`${fx.zk.quorum}/hbase`);
    try {
      const [children] = await call((cb) => client.getChildren("/", cb));
      expect([...children].sort()).toContain("meta-region-server");
      const [idData] = await call((cb) => client.getData("/hbaseid", cb));
      expect(decodeClusterId(new Uint8Array(idData))).toBe(SNAPSHOT.clusterId);
      let fired: (e: { getType(): number; getPath(): string }) => void = () => {};
      const event = new Promise<{ getType(): number; getPath(): string }>((r) => (fired = r));
      const [metaData] = await call((cb) => client.getData("/meta-region-server", (e: any) => fired(e), cb));
      expect(decodeMetaRegionServer(new Uint8Array(metaData)).server?.port).toBe(SNAPSHOT.metaRegionServer.port);
      await fx.zk.locations.publish({ ...SNAPSHOT, metaRegionServer: { host: "localhost", port: 16021, startCode: 5n } });
      const e = await event;
      expect(e.getType()).toBe(3); // NODE_DATA_CHANGED
      expect(e.getPath()).toBe("/meta-region-server");
      const [moved] = await call((cb) => client.getData("/meta-region-server", cb));
      expect(decodeMetaRegionServer(new Uint8Array(moved)).server?.port).toBe(16021);
      await expect(call((cb) => client.getData("/nope", cb))).rejects.toThrow(/NO_NODE/);
    } finally {
      client.close();
    }
  }, 30_000);

  test("creates, sets with versions and deletes, with ZooKeeper's error codes", async () => {
    const client = await connected(fx.zk.quorum);
    try {
      const [path] = await call((cb) => client.create("/npm", Buffer.from("a"), zookeeper.CreateMode.PERSISTENT, cb));
      expect(path).toBe("/npm");
      await expect(call((cb) => client.create("/npm", Buffer.from("a"), cb))).rejects.toThrow(/NODE_EXISTS/);
      const [stat] = await call((cb) => client.setData("/npm", Buffer.from("b"), 0, cb));
      expect(stat.version).toBe(1);
      await expect(call((cb) => client.setData("/npm", Buffer.from("c"), 0, cb))).rejects.toThrow(/BAD_VERSION/);
      await expect(call((cb) => client.create("/missing/child", cb))).rejects.toThrow(/NO_NODE/);
      await call((cb) => client.remove("/npm", 1, cb));
      const [exists] = await call((cb) => client.exists("/npm", cb));
      expect(exists).toBeNull();
    } finally {
      client.close();
    }
  }, 30_000);
});
