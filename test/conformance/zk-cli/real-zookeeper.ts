// Starts Debian's ZooKeeper 3.8 server (standalone, 127.0.0.1, a free port, a temp data dir,
// admin server off) for differential and registration tests, and stops it.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { join } from "node:path";
import { freePort } from "../../server/zookeeper/zk-fixture.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";

const JARS = ["/usr/share/java/zookeeper.jar", "/usr/share/java/slf4j-nop.jar"];

export function realZooKeeperAvailable(): boolean {
  return JARS.every((j) => existsSync(j));
}

export interface RealZooKeeper {
  quorum: string;
  port: number;
  stop(): Promise<void>;
}

/** Sends a four-letter word and resolves with the full reply ("" when closed unanswered). */
export function fourLetterWord(port: number, word: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let out = "";
    socket.on("connect", () => socket.write(word));
    socket.on("data", (d: Buffer) => (out += d.toString()));
    socket.on("error", () => resolve(out));
    socket.on("close", () => resolve(out));
    setTimeout(() => socket.destroy(), 5_000).unref();
  });
}

export async function startRealZooKeeper(): Promise<RealZooKeeper> {
  if (!realZooKeeperAvailable()) throw new Error("Debian zookeeper package missing: run .ci/setup.sh");
  const dir = await makeTempDir("shale-real-zk-");
  const port = await freePort();
  const cfg = join(dir.path, "zoo.cfg");
  await writeFile(cfg, [
    "tickTime=2000", `dataDir=${dir.path}`, `clientPort=${port}`, "clientPortAddress=127.0.0.1",
    "admin.enableServer=false", "4lw.commands.whitelist=ruok,srvr,stat,mntr,isro", "maxClientCnxns=60", "",
  ].join("\n"));
  const child: ChildProcess = spawn("java", ["-cp", JARS.join(":"), "org.apache.zookeeper.server.ZooKeeperServerMain", cfg], { stdio: "ignore" });
  const deadline = Date.now() + 30_000;
  while (!(await fourLetterWord(port, "ruok")).startsWith("imok")) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error("real ZooKeeper did not start within 30 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    quorum: `127.0.0.1:${port}`, port,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      await dir.cleanup();
    },
  };
}
