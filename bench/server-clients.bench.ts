// Server benchmark with real clients (issue 5): spawns `bun server/main.ts` on free ports with a
// fresh data dir, times spawn → first answered Get (on hbase:meta, over RPC), then runs puts and
// gets through the HBase Java 2.6 client (test/conformance/java, shale.Bench) and, when its source
// is available (SHALE_GOHBASE_SRC, see test/conformance/gohbase/README.md), through gohbase, at 1
// and 16 concurrent callers; prints the server's RSS after the run.
// Run: `bun bench/server-clients.bench.ts [ops]` (needs java + mvn; go for gohbase).

import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RegionSpecifier_RegionSpecifierType } from "../proto/gen/hbase/hbase_pb.ts";
import * as C from "../proto/gen/hbase/client_pb.ts";
import { toBytes } from "../src/util/bytes.ts";
import { makeTempDir } from "../test/helpers/temp-dir.ts";
import { RpcTestClient } from "../test/server/helpers/rpc-test-client.ts";

const ops = Number(process.argv[2] ?? 20_000);
const javaDir = join(import.meta.dir, "../test/conformance/java");
const goDir = join(import.meta.dir, "../test/conformance/gohbase");
execFileSync("mvn", ["-B", "-q", "package", "-DskipTests"], { cwd: javaDir, stdio: "inherit" });
const dir = await makeTempDir("shale-bench-clients-");
const goSrc = process.env.SHALE_GOHBASE_SRC;
let goBench: string | undefined;
if (goSrc !== undefined && existsSync(join(goSrc, "go.mod"))) {
  writeFileSync(join(dir.path, "go.work"), `go 1.25.0\n\nuse (\n\t${goDir}\n\t${goSrc}\n)\n`);
  goBench = join(dir.path, "gobench");
  execFileSync("go", ["build", "-o", goBench, "./bench"], { cwd: goDir, env: { ...process.env, GOWORK: join(dir.path, "go.work") }, stdio: "inherit" });
}

const t0 = performance.now();
const child = spawn(process.execPath, ["server/main.ts", "--data-dir", join(dir.path, "data"), "--zk-port", "0", "--master-port", "0", "--regionserver-port", "0", "--print-config", "--log-level", "error"], { cwd: join(import.meta.dir, "..") });
const config = await new Promise<{ quorum: string; host: string; ports: { zookeeper: number; regionServer: number } }>((resolve) => {
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
    if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]));
  });
});
const client = await RpcTestClient.open(config.ports.regionServer, "ClientService");
await client.call("Get", C.GetRequestSchema, { region: { type: RegionSpecifier_RegionSpecifierType.REGION_NAME, value: toBytes("hbase:meta,,1") }, get: { row: toBytes("x") } }, C.GetResponseSchema);
console.log(`startup: spawn to first answered Get ${(performance.now() - t0).toFixed(0)} ms`);
client.close();

for (const callers of [1, 16]) {
  const out = execFileSync("java", ["-cp", "target/conformance.jar:target/lib/*", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "shale.Bench", config.host, String(config.ports.zookeeper), String(callers), String(ops)], { cwd: javaDir, encoding: "utf8" });
  const r = JSON.parse(out.trim().split("\n").pop()!);
  console.log(`java 2.6 client, ${callers} caller(s), ${ops} ops: ${r.putsPerSec} puts/s, ${r.getsPerSec} gets/s`);
}
if (goBench !== undefined) {
  for (const callers of [1, 16]) {
    const out = execFileSync(goBench, [config.quorum, String(callers), String(ops)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const r = JSON.parse(out.trim().split("\n").pop()!);
    console.log(`gohbase, ${callers} caller(s), ${ops} ops: ${r.putsPerSec} puts/s, ${r.getsPerSec} gets/s`);
  }
} else {
  console.log("gohbase: skipped (set SHALE_GOHBASE_SRC to a gohbase checkout)");
}
const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
console.log(`server RSS after the run: ${rss ? (Number(rss[1]) / 1024).toFixed(0) : "?"} MiB`);
child.kill("SIGTERM");
await new Promise((r) => child.on("exit", r));
await dir.cleanup();
