// The stores the behaviour suite runs against. Every test file loops over `backends`, so one body of
// tests checks the embedded engine now and, later, a remote Shale server and a real HBase 2.x.
// A backend hands out a fresh, empty store; reopen() closes and reopens the same data so tests can
// show durability and behaviour after a restart.

import process from "node:process";
import { makeTempDir } from "../helpers/temp-dir.ts";
import { type Connection, open } from "../../src/index.ts";
import { connect } from "../../client/index.ts";
import { type RunningServer, startServer } from "../../server/start-server.ts";

/** A store opened for one test. */
export interface OpenedStore {
  /** The connection a test starts with. */
  conn: Connection;
  /** Closes the current connection and opens the same store again; returns the new connection. */
  reopen(): Promise<Connection>;
  /** Closes the current connection and removes everything the store left behind. */
  cleanup(): Promise<void>;
}

export interface BehaviourBackend {
  name: string;
  /** Fresh, empty store. */
  open(): Promise<OpenedStore>;
}

async function closeQuietly(conn: Connection | undefined): Promise<void> {
  if (conn === undefined) return;
  try {
    await conn.close();
  } catch {
    // Already closed by the test (e.g. a test of close() itself); cleanup goes on.
  }
}

/** The in-process engine on a temporary directory. */
export const embeddedBackend: BehaviourBackend = {
  name: "embedded",
  async open(): Promise<OpenedStore> {
    const dir = await makeTempDir("shale-behaviour-");
    let current: Connection | undefined;
    try {
      current = await open(dir.path);
    } catch (error) {
      await dir.cleanup();
      throw error;
    }
    return {
      conn: current,
      async reopen(): Promise<Connection> {
        await closeQuietly(current);
        current = undefined;
        current = await open(dir.path);
        return current;
      },
      async cleanup(): Promise<void> {
        await closeQuietly(current);
        current = undefined;
        await dir.cleanup();
      },
    };
  },
};

/** Client options for test backends: short pauses so retries stay within test timeouts. */
const REMOTE_CLIENT_OPTIONS = { retriesMax: 10, pauseMs: 20, operationTimeoutMs: 20_000, rpcTimeoutMs: 20_000 } as const;

/**
 * A Shale server (server/start-server.ts) on ephemeral loopback ports in a temporary directory,
 * reached through the remote client over ZooKeeper. A fresh server per store (it starts in tens of
 * milliseconds); reopen() stops it and starts it again on the same data and ports.
 */
export const remoteBackend: BehaviourBackend = {
  name: "remote",
  async open(): Promise<OpenedStore> {
    const dir = await makeTempDir("shale-remote-");
    let server: RunningServer | undefined;
    let current: Connection | undefined;
    const stop = async () => {
      await closeQuietly(current);
      current = undefined;
      await server?.close();
      server = undefined;
    };
    try {
      server = await startServer({ dataDir: dir.path, ports: { zookeeper: 0, master: 0, regionServer: 0 } });
      current = await connect({ zookeeperQuorum: server.quorum, ...REMOTE_CLIENT_OPTIONS });
    } catch (error) {
      await stop();
      await dir.cleanup();
      throw error;
    }
    const ports = server.ports;
    return {
      conn: current,
      async reopen(): Promise<Connection> {
        await stop();
        server = await startServer({ dataDir: dir.path, ports });
        current = await connect({ zookeeperQuorum: server.quorum, ...REMOTE_CLIENT_OPTIONS });
        return current;
      },
      async cleanup(): Promise<void> {
        await stop();
        await dir.cleanup();
      },
    };
  },
};

/** A real HBase 2.x cluster named by its ZooKeeper quorum (SHALE_TEST_HBASE=host:port); tables are left behind. */
function hbaseBackend(quorum: string): BehaviourBackend {
  return {
    name: "hbase",
    async open(): Promise<OpenedStore> {
      let current: Connection | undefined = await connect({ zookeeperQuorum: quorum, ...REMOTE_CLIENT_OPTIONS });
      return {
        conn: current,
        async reopen(): Promise<Connection> {
          await closeQuietly(current);
          current = await connect({ zookeeperQuorum: quorum, ...REMOTE_CLIENT_OPTIONS });
          return current;
        },
        async cleanup(): Promise<void> {
          await closeQuietly(current);
          current = undefined;
        },
      };
    },
  };
}

function selectBackends(): BehaviourBackend[] {
  const env = typeof process === "undefined" ? {} : process.env;
  const list = [embeddedBackend];
  // The remote backend (a Shale server on loopback and the typed client) always runs;
  // SHALE_TEST_REMOTE=0 leaves it out for a quick embedded-only run.
  if (env.SHALE_TEST_REMOTE !== "0") list.push(remoteBackend);
  if (env.SHALE_TEST_HBASE !== undefined && env.SHALE_TEST_HBASE !== "") list.push(hbaseBackend(env.SHALE_TEST_HBASE));
  return list;
}

/**
 * Every backend the suite runs against: embedded, remote Shale (unless SHALE_TEST_REMOTE=0)
 * and, when SHALE_TEST_HBASE names a ZooKeeper quorum, a real HBase.
 */
export const backends: BehaviourBackend[] = selectBackends();
