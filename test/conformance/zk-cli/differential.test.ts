// The same scenario, through node-zookeeper-client and raw four-letter words, against Debian's
// real ZooKeeper 3.8 and against the embedded endpoint: the transcripts must be identical.
// Absolute zxids, times and session ids differ by nature, so Stats are compared by their
// versions, lengths, counts and whether they are ephemeral.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
// @ts-types="npm:node-zookeeper-client"
import zookeeper from "node-zookeeper-client";
import { type Fixture, startFixture } from "../../server/zookeeper/zk-fixture.ts";
import { fourLetterWord, type RealZooKeeper, startRealZooKeeper } from "./real-zookeeper.ts";
import { type Client, connected } from "../npm-zk/connect.ts";

function stat(s: any) {
  return s === null || s === undefined ? null : {
    version: s.version, cversion: s.cversion, aversion: s.aversion, dataLength: s.dataLength,
    numChildren: s.numChildren, ephemeral: s.ephemeralOwner.toString("hex") !== "0000000000000000",
  };
}

/** Runs one step; records either its normalized result or the error code name. */
function step(log: unknown[], name: string, fn: (cb: (err: any, ...rest: any[]) => void) => void, map: (r: any[]) => unknown): Promise<void> {
  return new Promise((resolve) => fn((err, ...rest) => {
    log.push([name, err ? `error ${err.getCode?.() ?? err.message}` : map(rest)]);
    resolve();
  }));
}

async function scenario(connectString: string): Promise<unknown[]> {
  const log: unknown[] = [];
  const a = await connected(connectString);
  const b = await connected(connectString);
  const events: string[] = [];
  const watcher = (e: any) => events.push(`${e.getName()} ${e.getPath()}`);
  try {
    await step(log, "create /d", (cb) => a.create("/d", Buffer.from("x"), cb), ([p]) => p);
    await step(log, "create /d again", (cb) => a.create("/d", Buffer.from("x"), cb), ([p]) => p);
    await step(log, "create missing parent", (cb) => a.create("/nope/c", cb), ([p]) => p);
    await step(log, "exists watch absent", (cb) => a.exists("/d/w", watcher, cb), ([s]) => stat(s));
    await step(log, "getChildren watch", (cb) => a.getChildren("/d", watcher, cb), ([c, s]) => [c, stat(s)]);
    await step(log, "getData watch", (cb) => a.getData("/d", watcher, cb), ([d, s]) => [d.toString(), stat(s)]);
    await step(log, "create ephemeral by b", (cb) => b.create("/d/w", Buffer.from("e"), zookeeper.CreateMode.EPHEMERAL, cb), ([p]) => p);
    await step(log, "create seq", (cb) => a.create("/d/s-", Buffer.alloc(0), zookeeper.CreateMode.PERSISTENT_SEQUENTIAL, cb), ([p]) => p);
    await step(log, "child of ephemeral", (cb) => a.create("/d/w/x", cb), ([p]) => p);
    await step(log, "setData bad version", (cb) => a.setData("/d", Buffer.from("y"), 5, cb), ([s]) => stat(s));
    await step(log, "setData", (cb) => b.setData("/d", Buffer.from("yy"), 0, cb), ([s]) => stat(s));
    await step(log, "delete not empty", (cb) => a.remove("/d", -1, cb), () => "ok");
    await step(log, "stat /d", (cb) => a.exists("/d", cb), ([s]) => stat(s));
    await step(log, "ephemeral stat", (cb) => a.exists("/d/w", cb), ([s]) => stat(s));
    await step(log, "getACL", (cb) => a.getACL("/d", cb), ([acl, s]) => [acl.map((x: any) => `${x.permission} ${x.id.scheme}:${x.id.id}`), stat(s)]);
    await new Promise<void>((r) => b.once("disconnected", () => r()) && b.close());
    await step(log, "after b closed", (cb) => a.getChildren("/d", cb), ([c, s]) => [[...c].sort(), stat(s)]);
    await step(log, "delete bad version", (cb) => a.remove("/d/s-0000000001", 3, cb), () => "ok");
    await step(log, "delete seq", (cb) => a.remove("/d/s-0000000001", 0, cb), () => "ok");
    await step(log, "delete /d", (cb) => a.remove("/d", 1, cb), () => "ok");
    await step(log, "getData missing", (cb) => a.getData("/d", cb), () => "ok");
    await step(log, "root children", (cb) => a.getChildren("/", cb), ([c]) => [...c].sort());
    await step(log, "zookeeper children", (cb) => a.getChildren("/zookeeper", cb), ([c]) => [...c].sort());
    log.push(["events", events]);
  } finally {
    a.close();
  }
  return log;
}

async function words(port: number): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const w of ["ruok", "isro", "dump", "abcd", "GET "]) out.push([w, await fourLetterWord(port, w)]);
  const srvr = await fourLetterWord(port, "srvr");
  out.push(["srvr keys", srvr.split("\n").map((l) => l.split(":")[0])]);
  const mntr = await fourLetterWord(port, "mntr");
  out.push(["mntr has", ["zk_version", "zk_server_state", "zk_znode_count", "zk_num_alive_connections"].map((k) => mntr.includes(`${k}\t`))]);
  return out;
}

describe("embedded ZooKeeper endpoint against Debian's ZooKeeper 3.8", () => {
  let real: RealZooKeeper;
  let fx: Fixture;
  beforeAll(async () => {
    real = await startRealZooKeeper();
    fx = await startFixture({ znodeParent: "/hbase" });
  }, 40_000);
  afterAll(async () => {
    await real?.stop();
    await fx?.close();
  });

  test("a client scenario gives identical answers and watch events", async () => {
    const expected = await scenario(real.quorum);
    const actual = await scenario(fx.zk.quorum);
    if (process.env.SHALE_ZK_DIFF_PRINT) console.log(JSON.stringify(expected));
    expect(expected[0]).toEqual(["create /d", "/d"]);
    expect((expected.at(-1) as [string, string[]])[1].length).toBeGreaterThanOrEqual(3);
    const rootFix = (log: unknown[]) => log.map((e: any) => e[0] === "root children" ? [e[0], e[1].filter((c: string) => c !== "hbase")] : e);
    expect(rootFix(actual)).toEqual(expected);
  }, 30_000);

  test("four-letter words answer the same way", async () => {
    expect(await words(fx.zk.port)).toEqual(await words(real.port));
  }, 30_000);
});
