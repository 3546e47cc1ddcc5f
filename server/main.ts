// Entry of `npm start`: parses flags, starts the server (ZooKeeper, master, region server on
// 127.0.0.1 with data in ./data unless told), prints the client configuration on request, and
// shuts down cleanly on SIGINT/SIGTERM.

import process from "node:process";
import { setLogLevel, log } from "../src/util/log.ts";
import { parseArgs, USAGE } from "./config.ts";
import { startServer } from "./start-server.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (config === "help") {
    console.log(USAGE);
    return;
  }
  setLogLevel(config.logLevel);
  const server = await startServer({ dataDir: config.dataDir, host: config.host, ports: config.ports });
  if (config.printConfig) {
    console.log(JSON.stringify({ quorum: server.quorum, host: server.host, ports: server.ports, clusterId: server.clusterId, hbaseSiteXml: server.hbaseSiteXml }));
  }
  log.info("ready", { quorum: server.quorum, master: server.ports.master, regionServer: server.ports.regionServer });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    server.close().then(() => process.exit(0), (error) => {
      log.error("shutdown failed", { error: String(error) });
      process.exit(1);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error) => {
  log.error("server failed to start", { error: String(error) });
  process.exit(1);
});
