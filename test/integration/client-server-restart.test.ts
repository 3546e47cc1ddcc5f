// The remote client across a server crash: a Shale server runs as a child process (server/main.ts),
// writers put rows through the client, the server is killed with SIGKILL and started again on the
// same data directory and ports. The client reconnects and relocates by itself: every caller's put
// completes (bounded retries, no error surfaces) and every acknowledged row is there afterwards.

import { afterAll, expect, test } from "bun:test";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import process from "node:process";
import { connect, type RemoteConnection } from "../../client/index.ts";
import { Durability, Put, Scan, toUtf8 } from "../../src/index.ts";
import { makeTempDir } from "../helpers/temp-dir.ts";

const WRITERS = 16;
const TABLE = "restarted";

interface Ports {
  zookeeper: number;
  master: number;
  regionServer: number;
}

/** Starts server/main.ts; resolves with its child process and bound ports once it printed them. */
async function startChild(dataDir: string, ports: Ports): Promise<{ child: ChildProcess; ports: Ports }> {
  const args = ["server/main.ts", "--data-dir", dataDir, "--zk-port", String(ports.zookeeper), "--master-port", String(ports.master),
    "--regionserver-port", String(ports.regionServer), "--print-config", "--log-level", "error"];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let text = "";
  for await (const chunk of child.stdout!) {
    text += String(chunk);
    const line = text.split("\n").find((l) => l.startsWith("{"));
    if (line !== undefined) return { child, ports: JSON.parse(line).ports as Ports };
  }
  throw new Error("The server child exited before printing its config");
}

const children: ChildProcess[] = [];
let conn: RemoteConnection | undefined;
let dir: { path: string; cleanup: () => Promise<void> } | undefined;

afterAll(async () => {
  await conn?.close();
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await dir?.cleanup();
});

test("after SIGKILL and a restart on the same ports, writers finish and no acknowledged put is lost", async () => {
  dir = await makeTempDir("shale-client-restart-");
  const first = await startChild(dir.path, { zookeeper: 0, master: 0, regionServer: 0 });
  children.push(first.child);
  conn = await connect({
    zookeeperQuorum: `127.0.0.1:${first.ports.zookeeper}`, pauseMs: 20, retriesMax: 40, operationTimeoutMs: 30_000,
    rpcTimeoutMs: 5_000, connectTimeoutMs: 1_000,
  });
  await conn.admin.createTable({ name: TABLE, families: ["f"] }, [new TextEncoder().encode("w08")]);
  const table = conn.table(TABLE);
  const acked: string[] = [];
  const errors: unknown[] = [];
  let stop = false;
  const writer = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const row = `w${String(w).padStart(2, "0")}-${String(i).padStart(6, "0")}`;
      try {
        await table.put(new Put(row).addColumn("f", "q", row).setDurability(Durability.SYNC_WAL));
        acked.push(row);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  const running = Array.from({ length: WRITERS }, (_, w) => writer(w));
  await new Promise((r) => setTimeout(r, 300));
  const ackedBeforeKill = acked.length;
  first.child.kill("SIGKILL");
  await once(first.child, "exit");
  const second = await startChild(dir.path, first.ports);
  children.push(second.child);
  const ackedAtRestart = acked.length;
  await new Promise((r) => setTimeout(r, 500));
  stop = true;
  await Promise.all(running);
  expect(errors).toEqual([]);
  expect(ackedBeforeKill).toBeGreaterThan(0);
  expect(acked.length).toBeGreaterThan(ackedAtRestart); // writes resumed after the restart
  const rows = new Set<string>();
  for await (const r of table.scan(new Scan())) rows.add(toUtf8(r.row!));
  const lost = acked.filter((row) => !rows.has(row));
  expect(lost).toEqual([]);
  second.child.kill("SIGTERM");
  await once(second.child, "exit");
}, 60_000);
