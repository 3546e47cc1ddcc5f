// Startup benchmark: spawn `bun server/main.ts` on free ports with a fresh data dir, then time until
// the first Get on hbase:meta is answered over RPC; then 2,000 sequential Gets for a rough
// per-call latency, and the server's RSS. Run: `bun bench/server-startup.bench.ts`.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { RegionSpecifier_RegionSpecifierType } from "../proto/gen/hbase/hbase_pb.ts";
import * as C from "../proto/gen/hbase/client_pb.ts";
import { toBytes } from "../src/util/bytes.ts";
import { makeTempDir } from "../test/helpers/temp-dir.ts";
import { RpcTestClient } from "../test/server/helpers/rpc-test-client.ts";

const dir = await makeTempDir("shale-bench-");
const t0 = performance.now();
const child = spawn(process.execPath, ["server/main.ts", "--data-dir", dir.path, "--zk-port", "0", "--master-port", "0", "--regionserver-port", "0", "--print-config", "--log-level", "error"]);
const config = await new Promise<{ ports: { regionServer: number } }>((resolve) => {
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
    if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]));
  });
});
const meta = { region: { type: RegionSpecifier_RegionSpecifierType.REGION_NAME, value: toBytes("hbase:meta,,1") }, get: { row: toBytes("x") } };
const client = await RpcTestClient.open(config.ports.regionServer, "ClientService");
await client.call("Get", C.GetRequestSchema, meta, C.GetResponseSchema);
const startupMs = performance.now() - t0;
const n = 2_000;
const t1 = performance.now();
for (let i = 0; i < n; i++) await client.call("Get", C.GetRequestSchema, meta, C.GetResponseSchema);
const perGetUs = ((performance.now() - t1) * 1000) / n;
const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
console.log(JSON.stringify({ startupToFirstGetMs: Math.round(startupMs), sequentialGetUs: Math.round(perGetUs), serverRssMb: Math.round(rssKb / 1024) }));
client.close();
child.kill("SIGTERM");
await new Promise((resolve) => child.on("exit", resolve));
await dir.cleanup();
