// Conformance with the unmodified HBase Java client 2.6 (hbase-shaded-client from Maven): builds
// the scenario program in this folder with Maven (offline when the artifacts are cached), starts
// Shale on free ports, runs the scenario through the ZooKeeper registry and through the RPC
// registry ("Regist" preamble + ClientMetaService), and requires every check to pass.
// Run: `npm run test:conformance` (needs java 17+ and mvn; .ci/setup.sh installs them).

import { afterAll, beforeAll, expect, test } from "bun:test";
import { execFileSync, spawn } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, type RunningServer } from "../../../server/start-server.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";

const here = dirname(fileURLToPath(import.meta.url));

let server: RunningServer;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  execFileSync("mvn", ["-B", "-q", "package", "-DskipTests"], { cwd: here, stdio: "inherit" });
  const dir = await makeTempDir("shale-java-");
  cleanup = dir.cleanup;
  server = await startServer({ dataDir: dir.path, ports: { zookeeper: 0, master: 0, regionServer: 0 } });
}, 600_000);

afterAll(async () => {
  await server?.close();
  await cleanup?.();
});

function runScenario(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("java", ["-cp", "target/conformance.jar:target/lib/*", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "shale.Conformance", ...args], { cwd: here });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

for (const registry of ["zookeeper", "rpc"] as const) {
  test(`the Java client 2.6 passes every check of the scenario (${registry} registry)`, async () => {
    const args = [server.host, String(server.ports.zookeeper)];
    if (registry === "rpc") args.push(`${server.host}:${server.ports.master}`);
    const { code, out } = await runScenario(args);
    const summary = out.split("\n").find((l) => /^\d+ passed, \d+ failed$/.test(l)) ?? "no summary";
    console.log(`java ${registry}: ${summary}`);
    const failed = out.split("\n").filter((l) => l.startsWith("FAIL "));
    if (failed.length > 0) console.log(`java ${registry}: failing checks:\n${failed.join("\n")}`);
    expect(summary).toMatch(/^\d+ passed, 0 failed$/);
    expect(failed).toEqual([]);
    expect(code).toBe(0);
  }, 300_000);
}
