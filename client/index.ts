// The remote client's public edge: connect() to an HBase-protocol cluster (a Shale server or real
// HBase 2.x) by ZooKeeper quorum or by RPC bootstrap servers, and get the same Connection, Table
// and Admin interfaces the embedded engine implements (src/api/types.ts).

import { type ConnectOptions, resolveOptions } from "./client-options.ts";
import { RemoteConnection } from "./remote-connection.ts";

export { CLIENT_DEFAULTS, type ConnectOptions } from "./client-options.ts";
export { RemoteConnection } from "./remote-connection.ts";
export { BufferedMutator, BufferedMutationsFailedError } from "./operations/buffered-mutator.ts";
export {
  CallTimeoutError, ConnectionLostError, RemoteError, RetriesExhaustedError, ServerUnreachableError,
} from "./rpc/remote-error.ts";

/**
 * Connects to a cluster and returns a Connection; rejects when the cluster cannot be reached.
 *
 * @example
 * ```ts
 * import { connect } from "./client/index.ts";
 * import { Get, Put } from "./src/index.ts";
 * const conn = await connect({ zookeeperQuorum: "127.0.0.1:2181" });
 * const table = conn.table("t1");
 * await table.put(new Put("r1").addColumn("f", "q", "v"));
 * const value = (await table.get(new Get("r1"))).getValue("f", "q");
 * await conn.close();
 * ```
 */
export async function connect(options: ConnectOptions): Promise<RemoteConnection> {
  return RemoteConnection.open(resolveOptions(options));
}
