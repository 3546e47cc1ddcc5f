// The embedded ZooKeeper-protocol endpoint: a TCP listener (127.0.0.1 by default) serving the
// znode tree to unmodified ZooKeeper clients, with sessions, expiry, per-IP connection limits and
// the HBase location znodes (docs/zookeeper.md). startZkEndpoint() is the programmatic entry the
// standalone server calls; it resolves once the port is bound and the zxid epoch is persisted.

import { createServer, type Server, type Socket } from "node:net";
import { type ZkLimits, ZK_LIMITS } from "../../src/util/limits.ts";
import { log } from "../../src/util/log.ts";
import { EmbeddedZnodeStore } from "./embedded-znode-store.ts";
import { LocationZnodes } from "./location-znodes.ts";
import { SessionTable } from "./session.ts";
import { ZkConnection } from "./zk-connection.ts";
import { newCounters, type ZkServerState } from "./zk-server-state.ts";
import { ZnodeTree } from "./znode-tree.ts";
import { openZxidState, ZxidClock } from "./zxid-clock.ts";

export interface ZkEndpointOptions {
  /** Address to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port to bind; 0 picks a free one (read it back from the result). */
  port?: number;
  /** Where the zxid epoch and session secret persist; without it zxids still rise (clock-based epoch). */
  dataDir?: string;
  /** Base znode for HBase's nodes (zookeeper.znode.parent). */
  znodeParent?: string;
  limits?: Partial<ZkLimits>;
}

export interface ZkEndpoint {
  readonly host: string;
  readonly port: number;
  /** "host:port", what hbase.zookeeper.quorum / gohbase / zkCli -server take. */
  readonly quorum: string;
  readonly tree: ZnodeTree;
  readonly state: ZkServerState;
  /** Publishes the HBase location znodes into this endpoint's tree. */
  readonly locations: LocationZnodes;
  close(): Promise<void>;
}

/** Starts the endpoint. Example: `const zk = await startZkEndpoint({ port: 0, dataDir })`. */
export async function startZkEndpoint(options: ZkEndpointOptions = {}): Promise<ZkEndpoint> {
  const limits: ZkLimits = { ...ZK_LIMITS, ...options.limits };
  const { epoch, secret } = await openZxidState(options.dataDir);
  const connections = new Set<ZkConnection>();
  const state: ZkServerState = {
    tree: new ZnodeTree(limits.watchesPerSessionMax),
    sessions: new SessionTable({ epoch, secret, limits, now: () => performance.now() }),
    zxid: new ZxidClock(epoch, limits.zxidCounterMax),
    limits,
    counters: newCounters(),
    connections,
    startedAtMs: Date.now(),
    endSession: (id, reason) => endSession(state, id, reason),
  };
  const server = createServer((socket) => accept(state, connections, socket));
  server.on("error", (e) => log.error("zookeeper listener error", { error: String(e) }));
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, host, options.port ?? 0);
  const expiry = setInterval(() => expireSessions(state), Math.min(limits.tickTimeMs / 2, 500));
  expiry.unref?.();
  const serverSession = BigInt(epoch) << 32n; // counter 0: never handed to a client
  const locations = new LocationZnodes(new EmbeddedZnodeStore(state, serverSession), { root: options.znodeParent ?? "/hbase" });
  log.info("zookeeper endpoint listening", { host, port, epoch });
  return {
    host, port, quorum: `${host}:${port}`, tree: state.tree, state, locations,
    close: () => shutdown(server, connections, expiry),
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

function accept(state: ZkServerState, connections: Set<ZkConnection>, socket: Socket): void {
  const ip = socket.remoteAddress ?? "?";
  let fromIp = 0;
  for (const c of connections) if (c.remote.startsWith(`${ip}:`)) fromIp++;
  if (fromIp >= state.limits.connectionsPerIpMax) {
    log.warn("zookeeper connection refused: connections per IP over ZK_LIMITS.connectionsPerIpMax", { ip, live: fromIp });
    socket.destroy();
    return;
  }
  const connection = new ZkConnection(socket, state, (c) => connections.delete(c));
  connections.add(connection);
}

function endSession(state: ZkServerState, id: bigint, reason: string): void {
  const session = state.sessions.remove(id);
  state.tree.removeSession(id, state.zxid.next());
  session?.connection?.close(reason, "info");
}

function expireSessions(state: ZkServerState): void {
  for (const session of state.sessions.expired()) {
    endSession(state, session.id, `session 0x${session.id.toString(16)} expired after ${session.timeoutMs} ms`);
  }
}

async function shutdown(server: Server, connections: Set<ZkConnection>, expiry: ReturnType<typeof setInterval>): Promise<void> {
  clearInterval(expiry);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const c of [...connections]) {
    c.close("endpoint shutting down", "debug");
    c.destroy();
  }
  await closed;
}
