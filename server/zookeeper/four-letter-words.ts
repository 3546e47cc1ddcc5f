// Four-letter words on the client port (zookeeper-and-meta.md §1.14). A new connection whose first
// four bytes spell a known word gets a text reply and is closed. Like ZooKeeper 3.5+, only an
// allowlist runs (ruok, srvr, stat, mntr, isro); other known words get the "not in the whitelist"
// line; an unknown word is just an oversized frame length, and the caller closes the connection.

import type { ZkServerState } from "./zk-server-state.ts";

/** The version we report; go-zookeeper's FLWSrvr parses only this shape (no spaces, old date). */
export const REPORTED_VERSION = "3.8.4-shale, built on 01/01/2025 00:00 GMT";

const KNOWN = [
  "ruok", "srvr", "stat", "mntr", "isro", "conf", "cons", "crst", "dump", "envi", "gtmk", "stmk",
  "srst", "wchc", "wchp", "wchs", "dirs", "hash", "reqs", "kill",
] as const;
const ALLOWED = new Set(["ruok", "srvr", "stat", "mntr", "isro"]);

const BY_INT = new Map<number, string>(KNOWN.map((w) => [wordToInt(w), w]));

function wordToInt(word: string): number {
  return ((word.charCodeAt(0) << 24) | (word.charCodeAt(1) << 16) | (word.charCodeAt(2) << 8) | word.charCodeAt(3)) | 0;
}

/** The word a new connection's first int32 spells, if ZooKeeper knows it. */
export function fourLetterWordOf(firstInt: number): string | undefined {
  return BY_INT.get(firstInt);
}

/** The text reply to a known word. */
export function answerFourLetterWord(word: string, state: ZkServerState): string {
  if (!ALLOWED.has(word)) return `${word} is not executed because it is not in the whitelist.\n`;
  if (word === "ruok") return "imok";
  if (word === "isro") return "rw";
  if (word === "mntr") return monitor(state);
  return serverStats(state, word === "stat");
}

function latency(state: ZkServerState): string {
  const c = state.counters;
  const avg = c.requests === 0 ? 0 : c.latencyTotalMs / c.requests;
  return `${c.latencyMinMs}/${avg.toFixed(4)}/${c.latencyMaxMs}`;
}

function serverStats(state: ZkServerState, withClients: boolean): string {
  const lines = [`Zookeeper version: ${REPORTED_VERSION}`];
  if (withClients) {
    lines.push("Clients:");
    for (const c of state.connections) lines.push(` /${c.remote}[1](queued=0,recved=${c.received},sent=${c.sent})`);
    lines.push("");
  }
  lines.push(
    `Latency min/avg/max: ${latency(state)}`,
    `Received: ${state.counters.packetsReceived}`,
    `Sent: ${state.counters.packetsSent}`,
    `Connections: ${state.connections.size}`,
    "Outstanding: 0",
    `Zxid: 0x${state.zxid.last.toString(16)}`,
    "Mode: standalone",
    `Node count: ${state.tree.count}`,
  );
  return lines.join("\n") + "\n";
}

function monitor(state: ZkServerState): string {
  const c = state.counters;
  const rows: [string, string | number][] = [
    ["zk_version", REPORTED_VERSION],
    ["zk_server_state", "standalone"],
    ["zk_avg_latency", c.requests === 0 ? 0 : c.latencyTotalMs / c.requests],
    ["zk_max_latency", c.latencyMaxMs],
    ["zk_min_latency", c.latencyMinMs],
    ["zk_packets_received", c.packetsReceived],
    ["zk_packets_sent", c.packetsSent],
    ["zk_num_alive_connections", state.connections.size],
    ["zk_outstanding_requests", 0],
    ["zk_znode_count", state.tree.count],
    ["zk_watch_count", state.tree.watches.count],
    ["zk_ephemerals_count", state.tree.ephemeralCount],
    ["zk_approximate_data_size", state.tree.approximateDataBytes],
    ["zk_uptime", Date.now() - state.startedAtMs],
    ["zk_global_sessions", state.sessions.size],
  ];
  return rows.map(([k, v]) => `zk_${k.slice(3)}\t${v}`).join("\n") + "\n";
}
