// Differential conformance with a real Apache HBase 2.6 through the unmodified Java client: fixed
// seeds of random operation sequences plus the named edge-case corpus, Shale against HBase, failing
// on any mismatch not listed in test/conformance/hbase/known-differences.md. HBase is started once.
// `npm run test:differential` (SHALE_DIFFERENTIAL=1; the last step of .ci/run): needs a JVM, takes minutes.
// SHALE_DIFFERENTIAL_SEEDS (default 1,2,3) and SHALE_DIFFERENTIAL_OPS (default 300) widen the run.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { HBASE_DIR, type RealHBase, startRealHBase } from "./real-hbase.ts";

const ENABLED = process.env.SHALE_DIFFERENTIAL === "1";
const SEEDS = process.env.SHALE_DIFFERENTIAL_SEEDS ?? "1,2,3";
const OPS = process.env.SHALE_DIFFERENTIAL_OPS ?? "300";
const SUMMARY = /^(\d+) passed, (\d+) failed$/m;

interface RunResult {
  code: number;
  output: string;
  passed: number;
  failed: number;
}

function runDifferential(quorum: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn("bash", [join(HBASE_DIR, "run-differential.sh"), ...args], {
      env: { ...process.env, HBASE_ZK_QUORUM: quorum },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
      process.stderr.write(d);
    });
    child.on("exit", (code) => {
      const m = SUMMARY.exec(output);
      resolve({ code: code ?? -1, output, passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? -1) });
    });
  });
}

describe.skipIf(!ENABLED)("differential conformance with Apache HBase 2.6", () => {
  let hbase: RealHBase;

  beforeAll(async () => {
    hbase = await startRealHBase();
    console.log(`real HBase ready at ${hbase.quorum} in ${hbase.startupMs} ms`);
  }, 330_000);

  afterAll(async () => {
    await hbase?.stop();
  }, 90_000);

  test("the runner agrees with itself: HBase against HBase on separate tables", async () => {
    const r = await runDifferential(hbase.quorum, ["--self", "--seeds", "101", "--ops", "150", "--minimize", "1", "--budget", "8"]);
    expect(r.failed).toBe(0);
    expect(r.passed).toBeGreaterThan(100);
    expect(r.code).toBe(0);
  }, 300_000);

  test(`Shale answers like HBase: seeds ${SEEDS} x ${OPS} ops and the edge-case corpus`, async () => {
    const r = await runDifferential(hbase.quorum, ["--seeds", SEEDS, "--ops", OPS, "--corpus", "--minimize", "3", "--budget", "20"]);
    expect(r.failed).toBe(0);
    expect(r.passed).toBeGreaterThan(200);
    expect(r.code).toBe(0);
  }, 900_000);
});
