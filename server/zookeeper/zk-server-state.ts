// What every connection of one embedded ZooKeeper endpoint shares: the znode tree, the session
// table, the zxid clock, the limits and the counters the four-letter words report.

import type { ZkLimits } from "../../src/util/limits.ts";
import type { SessionTable } from "./session.ts";
import type { ZnodeTree } from "./znode-tree.ts";
import type { ZxidClock } from "./zxid-clock.ts";

export interface ZkCounters {
  packetsReceived: number;
  packetsSent: number;
  latencyMinMs: number;
  latencyMaxMs: number;
  latencyTotalMs: number;
  requests: number;
}

/** A connection as the four-letter words list it. */
export interface ZkConnectionInfo {
  readonly remote: string;
  readonly received: number;
  readonly sent: number;
}

export interface ZkServerState {
  readonly tree: ZnodeTree;
  readonly sessions: SessionTable;
  readonly zxid: ZxidClock;
  readonly limits: ZkLimits;
  readonly counters: ZkCounters;
  readonly connections: Set<ZkConnectionInfo>;
  readonly startedAtMs: number;
  /** Ends a session: removes it, deletes its ephemerals (firing watches), closes its connection. */
  endSession(id: bigint, reason: string): void;
}

export function newCounters(): ZkCounters {
  return { packetsReceived: 0, packetsSent: 0, latencyMinMs: 0, latencyMaxMs: 0, latencyTotalMs: 0, requests: 0 };
}
