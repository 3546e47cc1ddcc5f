// An already-connected zkCli survives a restart of the endpoint on the same data dir and port:
// zxids keep rising (persisted epoch), so the Java client is not refused for having seen a larger
// zxid, and its session is resumed rather than expired.

import { afterAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { startZkEndpoint, type ZkEndpoint } from "../../../server/zookeeper/zk-endpoint.ts";
import { freePort, SNAPSHOT } from "../../server/zookeeper/zk-fixture.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";
import { ZK_CLI } from "./zk-cli.ts";

async function waitFor(read: () => string, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes(text)) {
    if (Date.now() > deadline) throw new Error(`zkCli never printed "${text}"; output:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("embedded ZooKeeper endpoint restart", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  test("a connected zkCli reconnects to the restarted endpoint without being refused", async () => {
    const dir = await makeTempDir("shale-zk-restart-");
    cleanups.push(dir.cleanup);
    const port = await freePort();
    let zk: ZkEndpoint = await startZkEndpoint({ port, dataDir: dir.path });
    cleanups.push(() => zk.close());
    await zk.locations.publish(SNAPSHOT);
    const firstZxid = zk.state.zxid.last;
    const child = spawn(ZK_CLI, ["-server", zk.quorum], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ZOO_LOG_DIR: "/tmp" } });
    cleanups.push(async () => void child.kill("SIGKILL"));
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("latin1")));
    child.stderr.on("data", (d: Buffer) => (out += d.toString("latin1")));
    child.stdin.write("create /before x\n");
    await waitFor(() => out, "Created /before", 20_000);

    await zk.close();
    await waitFor(() => out, "type:None path:null", 20_000); // the Disconnected event
    zk = await startZkEndpoint({ port, dataDir: dir.path });
    await zk.locations.publish(SNAPSHOT);
    expect(zk.state.zxid.last > firstZxid).toBe(true);
    const reconnects = out.split("state:SyncConnected").length;
    await waitFor(() => out.split("state:SyncConnected").length > reconnects ? "yes" : "", "yes", 30_000);
    child.stdin.write("ls /hbase\n");
    await waitFor(() => out, "meta-region-server, rs, running, table]", 20_000);
    child.stdin.end("quit\n");
    await new Promise((r) => child.once("close", r));
    expect(out).not.toContain("Expired");
    expect(out).not.toContain("refused");
    expect(out).toContain("WatchedEvent state:Disconnected type:None path:null");
  }, 90_000);
});
