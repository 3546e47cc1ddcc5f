// The RPC listener: accepts TCP connections on one address and hands each to an RpcConnection.
// One registry serves every service on every port (a connection names its service), so the
// master port and the region server port are two listeners over the same dispatch table.

import { createServer, type Server } from "node:net";
import type { RpcLimits } from "../../src/util/limits.ts";
import { log } from "../../src/util/log.ts";
import { RpcConnection, type RpcServerShared } from "./rpc-connection.ts";
import type { ServiceRegistry } from "./service-registry.ts";

export interface RpcListener {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** State every listener of one server shares: the registry, limits and the call queue count. */
export function newRpcShared(registry: ServiceRegistry, limits: RpcLimits, clusterId: string): RpcServerShared {
  return { registry, limits, clusterId, callsInFlight: 0, counters: { calls: 0, errors: 0, connections: 0 } };
}

/** Binds `host:port` (0 picks a port) and serves RPC connections until close(). */
export async function startRpcListener(shared: RpcServerShared, host: string, port: number): Promise<RpcListener> {
  const connections = new Set<RpcConnection>();
  const server: Server = createServer((socket) => {
    if (connections.size >= shared.limits.connectionsMax) {
      log.warn("rpc connection refused: over RPC_LIMITS.connectionsMax", { live: connections.size });
      socket.destroy();
      return;
    }
    shared.counters.connections++;
    connections.add(new RpcConnection(socket, shared, (c) => connections.delete(c)));
  });
  server.on("error", (e) => log.error("rpc listener error", { error: String(e) }));
  const bound = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
  return {
    host,
    port: bound,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const c of [...connections]) c.destroy();
      await closed;
    },
  };
}
