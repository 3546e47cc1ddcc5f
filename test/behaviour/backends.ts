// The stores the behaviour suite runs against. Every test file loops over `backends`, so one body of
// tests checks the embedded engine now and, later, a remote Shale server and a real HBase 2.x.
// A backend hands out a fresh, empty store; reopen() closes and reopens the same data so tests can
// show durability and behaviour after a restart.

import { makeTempDir } from "../helpers/temp-dir.ts";
import { type Connection, open } from "../../src/index.ts";

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

/** Every backend the suite runs against. Remote Shale and real HBase are added here when they exist. */
export const backends: BehaviourBackend[] = [embeddedBackend];
