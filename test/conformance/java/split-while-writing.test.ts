// A table split while the unmodified HBase Java 2.6 client writes and scans (issue 5): runs
// shale.SplitWhileWriting (this folder) against a server whose engine flushes at 256 KiB and splits
// regions past 1 MiB, so automatic splits happen beside the explicit Admin.split calls. Requires
// every check to pass: no errors, nothing acknowledged lost, each scan in order with no repeats.
// Run: `npm run test:conformance` (needs java 17+ and mvn; .ci/setup.sh installs them).

import { afterAll, beforeAll, expect, test } from "bun:test";
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../../server/start-server.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";

const here = import.meta.dir;
let server: RunningServer;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  execFileSync("mvn", ["-B", "-q", "package", "-DskipTests"], { cwd: here, stdio: "inherit" });
  const dir = await makeTempDir("shale-java-split-");
  cleanup = dir.cleanup;
  server = await startServer({
    dataDir: join(dir.path, "data"),
    ports: { zookeeper: 0, master: 0, regionServer: 0 },
    engineLimits: { memstoreFlushSizeBytes: 256 * 1024, regionSplitSizeBytes: 1024 * 1024 },
  });
}, 600_000);

afterAll(async () => {
  await server?.close();
  await cleanup?.();
});

test("a table splits (Admin.split with and without a point, and by size) while Java writers and scanners run, losing nothing", async () => {
  const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn("java", ["-cp", "target/conformance.jar:target/lib/*", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "shale.SplitWhileWriting", server.host, String(server.ports.zookeeper), "20"], { cwd: here });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("close", (c) => resolve({ code: c ?? -1, out: text }));
  });
  const lines = out.split("\n");
  console.log(`java split: ${lines.find((l) => l.startsWith("regions ")) ?? "no figures"}`);
  const failed = lines.filter((l) => l.startsWith("FAIL "));
  if (failed.length > 0) console.log(failed.join("\n"));
  expect(failed).toEqual([]);
  expect(lines).toContain("4 passed, 0 failed");
  expect(code).toBe(0);
}, 300_000);
