// Starts a real Apache HBase 2.6 mini cluster (test/conformance/hbase/start-hbase.sh: Java 17 and
// Maven only, loopback, local filesystem) for the differential suite, and stops it with SIGTERM.

import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { makeTempDir } from "../helpers/temp-dir.ts";

export const HBASE_DIR = join(import.meta.dir, "..", "conformance", "hbase");
const READY = /HBASE_ZK_QUORUM=(127\.0\.0\.1:\d+)/;
const STARTUP_LIMIT_MS = 300_000;

export interface RealHBase {
  quorum: string;
  startupMs: number;
  stop(): Promise<void>;
}

export async function startRealHBase(): Promise<RealHBase> {
  const dir = await makeTempDir("shale-real-hbase-");
  const started = performance.now();
  const child = spawn("bash", [join(HBASE_DIR, "start-hbase.sh"), "--data-dir", dir.path], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const quorum = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`HBase not ready after ${STARTUP_LIMIT_MS} ms:\n${log.slice(-3000)}`)), STARTUP_LIMIT_MS);
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = READY.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`start-hbase.sh exited (${code}) before ready:\n${log.slice(-3000)}`));
    });
  });
  const startupMs = Math.round(performance.now() - started);
  return { quorum, startupMs, stop: () => stopChild(child).then(dir.cleanup) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  await exited;
  clearTimeout(timer);
}
