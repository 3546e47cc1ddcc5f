// Configuration of the standalone server: defaults (127.0.0.1, ZooKeeper 2181, master 16000,
// region server 16020, ./data), command-line flags, and the client settings that point an
// unmodified HBase client at it (quorum string and hbase-site.xml snippet).

import { IllegalArgumentError } from "../src/api/errors.ts";

export interface ServerPorts {
  zookeeper: number;
  master: number;
  regionServer: number;
}

export interface ServerConfig {
  host: string;
  dataDir: string;
  ports: ServerPorts;
  /** Print the resolved configuration as JSON once bound, then keep serving. */
  printConfig: boolean;
  logLevel: "error" | "warn" | "info" | "debug";
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: "127.0.0.1",
  dataDir: "./data",
  ports: { zookeeper: 2181, master: 16000, regionServer: 16020 },
  printConfig: false,
  logLevel: "info",
};

export const USAGE = `Usage: bun server/main.ts [options]
  --host <addr>              address to bind and publish (default 127.0.0.1)
  --data-dir <dir>           data directory (default ./data)
  --zk-port <n>              ZooKeeper endpoint port (default 2181; 0 = any free port)
  --master-port <n>          master RPC port (default 16000; 0 = any)
  --regionserver-port <n>    region server RPC port (default 16020; 0 = any)
  --print-config             print quorum, ports and an hbase-site.xml snippet as JSON once started
  --log-level <level>        error | warn | info | debug (default info)
  --help                     this text`;

/** Parses command-line flags over the defaults; IllegalArgumentError on a bad flag. */
export function parseArgs(argv: readonly string[]): ServerConfig | "help" {
  const c: ServerConfig = { ...DEFAULT_CONFIG, ports: { ...DEFAULT_CONFIG.ports } };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new IllegalArgumentError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--help":
      case "-h":
        return "help";
      case "--host":
        c.host = value();
        break;
      case "--data-dir":
        c.dataDir = value();
        break;
      case "--zk-port":
        c.ports.zookeeper = port(flag, value());
        break;
      case "--master-port":
        c.ports.master = port(flag, value());
        break;
      case "--regionserver-port":
        c.ports.regionServer = port(flag, value());
        break;
      case "--print-config":
        c.printConfig = true;
        break;
      case "--log-level": {
        const level = value();
        if (!["error", "warn", "info", "debug"].includes(level)) throw new IllegalArgumentError(`Bad --log-level ${level}`);
        c.logLevel = level as ServerConfig["logLevel"];
        break;
      }
      default:
        throw new IllegalArgumentError(`Unknown flag ${flag}\n${USAGE}`);
    }
  }
  return c;
}

function port(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new IllegalArgumentError(`Bad ${flag} ${text}`);
  return n;
}

/** The hbase-site.xml properties a client needs (ZooKeeper registry, and the RPC registry for 2.6+/3.x). */
export function hbaseSiteXml(host: string, ports: ServerPorts): string {
  const prop = (name: string, value: string) => `  <property><name>${name}</name><value>${value}</value></property>`;
  return [
    "<configuration>",
    prop("hbase.zookeeper.quorum", host),
    prop("hbase.zookeeper.property.clientPort", String(ports.zookeeper)),
    prop("zookeeper.znode.parent", "/hbase"),
    prop("hbase.client.bootstrap.servers", `${host}:${ports.master}`),
    "</configuration>",
  ].join("\n");
}
