// Runs Debian's zkCli.sh (the Java ZooKeeper client) as a subprocess, feeding commands on stdin,
// and returns its output without the log noise. Each run is bounded in time.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

export const ZK_CLI = "/usr/share/zookeeper/bin/zkCli.sh";

export function zkCliAvailable(): boolean {
  return existsSync(ZK_CLI);
}

/** Feeds `commands` (one per line) to zkCli connected to `server`; resolves with stdout+stderr. */
export function runZkCli(server: string, commands: readonly string[], timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(ZK_CLI, ["-server", server], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ZOO_LOG_DIR: "/tmp" } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("latin1")));
    child.stderr.on("data", (d: Buffer) => (out += d.toString("latin1")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`zkCli timed out; output so far:\n${out}`));
    }, timeoutMs);
    child.on("close", () => {
      clearTimeout(timer);
      resolve(out.split("\n").filter((l) => !/INFO|SLF4J|^\s+at /.test(l)).join("\n"));
    });
    child.stdin.end(commands.join("\n") + "\nquit\n");
  });
}
