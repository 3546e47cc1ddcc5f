// Remote client throughput: puts and gets per second at 1, 16 and 128 concurrent callers against a
// Shale server running as a child process (server/main.ts) on loopback. Prints ops/s and p50/p99
// per call. Peers (Java client, gohbase) are not driven here: no bench harness for them exists yet
// in test/conformance, so only this client is measured. Run: bun bench/client-get-put.bench.ts

import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { connect } from "../client/index.ts";
import { Get, Put } from "../src/index.ts";

const CALLERS = [1, 16, 128];
const DURATION_MS = Number(process.env.BENCH_MS ?? 2_000);
const ROWS = 10_000;
const VALUE = new Uint8Array(100).fill(0x61);

async function startServerChild(dataDir: string) {
  const child = spawn(process.execPath, ["server/main.ts", "--data-dir", dataDir, "--zk-port", "0", "--master-port", "0", "--regionserver-port", "0", "--print-config", "--log-level", "error"], { stdio: ["ignore", "pipe", "inherit"] });
  let text = "";
  for await (const chunk of child.stdout!) {
    text += String(chunk);
    const line = text.split("\n").find((l) => l.startsWith("{"));
    if (line !== undefined) return { child, quorum: JSON.parse(line).quorum as string };
  }
  throw new Error("server exited");
}

async function run(callers: number, op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const end = performance.now() + DURATION_MS;
  let n = 0;
  await Promise.all(Array.from({ length: callers }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await op(n++ % ROWS);
      latencies.push(performance.now() - t);
    }
  }));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(2);
  const used = process.cpuUsage(cpu);
  const clientCpuUsPerOp = ((used.user + used.system) / latencies.length).toFixed(1);
  return { opsPerSec: Math.round(latencies.length / (DURATION_MS / 1000)), p50: pct(0.5), p99: pct(0.99), clientCpuUsPerOp };
}

const dir = await mkdtemp(join(tmpdir(), "shale-bench-client-"));
const { child, quorum } = await startServerChild(dir);
const flushIntervalMs = Number(process.env.FLUSH_MS ?? 0);
const conn = await connect({ zookeeperQuorum: quorum, flushIntervalMs });
try {
  await conn.admin.createTable({ name: "bench", families: ["f"] });
  const table = conn.table("bench");
  const key = (i: number) => `row-${String(i).padStart(6, "0")}`;
  for (let i = 0; i < ROWS; i += 500) {
    await table.put(Array.from({ length: 500 }, (_, k) => new Put(key(i + k)).addColumn("f", "q", VALUE)));
  }
  console.log(`client-get-put: Shale server child, 100-byte values, ${DURATION_MS} ms per run, flushIntervalMs=${flushIntervalMs}`);
  for (const callers of CALLERS) {
    const puts = await run(callers, (i) => table.put(new Put(key(i)).addColumn("f", "q", VALUE)));
    const gets = await run(callers, (i) => table.get(new Get(key(i))));
    const show = (r: typeof puts) => `${r.opsPerSec}/s p50 ${r.p50} ms p99 ${r.p99} ms client-cpu ${r.clientCpuUsPerOp} us/op`;
    console.log(`callers=${callers}\tput ${show(puts)}\tget ${show(gets)}`);
  }
} finally {
  await conn.close();
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await rm(dir, { recursive: true, force: true });
}
