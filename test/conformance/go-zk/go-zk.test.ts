// go-zookeeper (github.com/go-zookeeper/zk v1.0.4, the library gohbase uses) against the embedded
// endpoint: the test builds the small program beside it with `go build` and compares what it
// decodes from /hbase/meta-region-server and /hbase/master with the published snapshot.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { join } from "node:path";
import { type Fixture, SNAPSHOT, startFixture } from "../../server/zookeeper/zk-fixture.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";

describe("embedded ZooKeeper endpoint with go-zookeeper", () => {
  let fx: Fixture;
  let binDir: { path: string; cleanup: () => Promise<void> };
  let binary: string;
  beforeAll(async () => {
    binDir = await makeTempDir("shale-go-zk-");
    binary = join(binDir.path, "go-zk");
    execFileSync("go", ["build", "-o", binary, "."], { cwd: import.meta.dir, stdio: "inherit", timeout: 240_000 });
    fx = await startFixture();
  }, 250_000);
  afterAll(async () => {
    await fx?.close();
    await binDir?.cleanup();
  });

  test("reads and decodes the location znodes, then writes and watches", async () => {
    // Asynchronous: the endpoint runs in this process and must keep answering.
    const { stdout: out } = await promisify(execFile)(binary, [fx.zk.quorum, "/hbase"], { timeout: 30_000 });
    const steps = Object.fromEntries(out.trim().split("\n").map((l) => JSON.parse(l)).map((s) => [s.step, s]));
    expect(steps.children.children).toBe("backup-masters,draining,hbaseid,master,meta-region-server,rs,running,table");
    expect(steps.children.numChildren).toBe(8);
    const meta = SNAPSHOT.metaRegionServer;
    expect(steps["meta-region-server"].server).toEqual({ host: meta.host, port: meta.port, startCode: Number(meta.startCode) });
    expect(steps["meta-region-server"].field3).toBe(3); // RegionState.State.OPEN
    expect(steps.master.server.port).toBe(SNAPSHOT.master.port);
    expect(steps.master.field3).toBe(SNAPSHOT.master.infoPort);
    expect(steps.missing).toEqual({ step: "missing", exists: false, noNode: true });
    expect(steps.write).toEqual({ step: "write", path: "/go-zk", event: "EventNodeDataChanged", badVersion: true });
    expect(fx.zk.tree.get("/go-zk")).toBeUndefined(); // ephemeral, gone with the closed session
  }, 40_000);
});
