// Debian's zkCli.sh (Java ZooKeeper 3.8 client) against the embedded endpoint: ls, get, stat,
// create, set, delete, deleteall (multi) and a data watch, plus the HBase location znodes.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Fixture, SNAPSHOT, startFixture } from "../../server/zookeeper/zk-fixture.ts";
import { runZkCli, zkCliAvailable } from "./zk-cli.ts";

describe("embedded ZooKeeper endpoint with zkCli.sh", () => {
  let fx: Fixture;
  beforeAll(async () => {
    if (!zkCliAvailable()) throw new Error("zkCli.sh missing: run .ci/setup.sh (Debian package zookeeper)");
    fx = await startFixture();
  });
  afterAll(() => fx?.close());

  test("lists /hbase and reads the location znodes with their envelope", async () => {
    const out = await runZkCli(fx.zk.quorum, ["ls /hbase", "get /hbase/master", "stat /hbase/meta-region-server", "get /hbase/hbaseid"]);
    expect(out).toContain("[backup-masters, draining, hbaseid, master, meta-region-server, rs, running, table]");
    expect(out).toMatch(/PBUF[\s\S]*localhost/);
    expect(out).toContain(SNAPSHOT.clusterId);
    const metaLength = fx.zk.tree.get("/hbase/meta-region-server")!.data.length;
    expect(out).toContain(`dataLength = ${metaLength}`);
    expect(out).toContain("ephemeralOwner = 0x0");
  }, 40_000);

  test("creates, updates, watches and deletes nodes as against a real ZooKeeper", async () => {
    const out = await runZkCli(fx.zk.quorum, [
      "create /cli v1", "create /cli v1", "create -e /cli/e x", "create -s /cli/s y", "ls /cli",
      "get -w /cli", "set /cli v2", "get -s /cli", "delete /cli", "deleteall /cli", "ls /cli",
    ]);
    expect(out).toContain("Created /cli");
    expect(out).toContain("Node already exists: /cli");
    expect(out).toContain("Created /cli/s0000000001");
    expect(out).toContain("[e, s0000000001]");
    expect(out).toContain("WatchedEvent state:SyncConnected type:NodeDataChanged path:/cli");
    expect(out).toMatch(/v2\s+cZxid = 0x[0-9a-f]+[\s\S]*dataVersion = 1/);
    expect(out).toContain("Node not empty: /cli");
    expect(out).toContain("Node does not exist: /cli");
    expect(fx.zk.tree.get("/cli")).toBeUndefined();
  }, 40_000);
});
