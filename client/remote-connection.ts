// The remote Connection: one connection pool, one registry (ZooKeeper or RPC bootstrap), one
// region locator and one nonce group shared by every Table and the Admin it hands out. close()
// ends every socket and the ZooKeeper session; calls after it fail with ConnectionClosedError.

import { randomBytes } from "node:crypto";
import { ConnectionClosedError, type ShaleError } from "../src/api/errors.ts";
import type { Admin, Connection, Table } from "../src/api/types.ts";
import { type TableNameLike, tableName } from "../src/api/table-name.ts";
import { log } from "../src/util/log.ts";
import type { ResolvedOptions } from "./client-options.ts";
import type { ClientContext } from "./client-context.ts";
import { RemoteAdmin } from "./admin/remote-admin.ts";
import { RegionLocator } from "./locator/region-locator.ts";
import { BufferedMutator } from "./operations/buffered-mutator.ts";
import { RemoteTable } from "./operations/remote-table.ts";
import { ResponseCache } from "./operations/response-cache.ts";
import { parseAddresses, type ConnectionRegistry } from "./registry/registry.ts";
import { RpcRegistry } from "./registry/rpc-registry.ts";
import { ZkRegistry } from "./registry/zk-registry.ts";
import { ConnectionPool } from "./rpc/connection-pool.ts";

/** ZooKeeper session timeout the registry asks for (zookeeper.session.timeout is 90 s in HBase). */
const ZK_SESSION_TIMEOUT_MS = 30_000;

export class RemoteConnection implements Connection {
  readonly admin: Admin;
  readonly #ctx: ClientContext;
  #closed = false;

  private constructor(ctx: ClientContext) {
    this.#ctx = ctx;
    this.admin = new RemoteAdmin(ctx);
  }

  /** Builds the connection and checks the cluster answers (reads the meta location once). */
  static async open(options: ResolvedOptions): Promise<RemoteConnection> {
    let locator: RegionLocator | undefined;
    const pool = new ConnectionPool(options, (address: string, error: ShaleError) => {
      log.debug("region server connection lost; its regions will be looked up again", { address, error: error.message });
      locator?.forgetServer(address);
    });
    const registry: ConnectionRegistry = options.zookeeperQuorum !== undefined
      ? new ZkRegistry({ quorum: options.zookeeperQuorum, root: options.zookeeperRoot, sessionTimeoutMs: ZK_SESSION_TIMEOUT_MS })
      : new RpcRegistry(parseAddresses(options.bootstrapServers ?? "", 16000), pool);
    locator = new RegionLocator(pool, registry, options);
    const group = randomBytes(8);
    const responseCache = options.responseCacheEntriesMax > 0
      ? new ResponseCache({ entriesMax: options.responseCacheEntriesMax, ttlMs: options.responseCacheTtlMs })
      : undefined;
    let nonce = BigInt.asUintN(63, new DataView(randomBytes(8).buffer).getBigUint64(0));
    const ctx: ClientContext = {
      options, pool, locator, registry, responseCache,
      nonceGroup: BigInt.asUintN(63, new DataView(group.buffer, group.byteOffset, 8).getBigUint64(0)),
      newNonce: () => (nonce = BigInt.asUintN(63, nonce + 1n)),
    };
    try {
      await registry.metaLocation();
    } catch (error) {
      await pool.close();
      await registry.close();
      throw error;
    }
    return new RemoteConnection(ctx);
  }

  table(name: TableNameLike): Table {
    this.#checkOpen();
    return new RemoteTable(this.#ctx, tableName(name));
  }

  /** A BufferedMutator for `name` with a byte budget (default writeBufferBytes). */
  bufferedMutator(name: TableNameLike, budgetBytes = this.#ctx.options.writeBufferBytes): BufferedMutator {
    this.#checkOpen();
    return new BufferedMutator(this.#ctx, tableName(name), budgetBytes);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#ctx.pool.close();
    await this.#ctx.registry.close();
  }

  #checkOpen(): void {
    if (this.#closed) throw new ConnectionClosedError("The connection is closed");
  }
}
