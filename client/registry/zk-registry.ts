// The ZooKeeper registry (zookeeper-and-meta.md §2): one session, getData on
// <root>/meta-region-server, <root>/master and <root>/hbaseid, each unwrapped from HBase's 0xFF
// envelope + PBUF. The shared ZooKeeper client (server/zookeeper/zk-client.ts) has no watch
// support, so a moved meta or master is noticed the way the Java client does it: the caller
// invalidates after a connection or region error and the next lookup reads the znode again.

import { fromBinary } from "@bufbuild/protobuf";
import { MasterSchema, MetaRegionServerSchema } from "../../proto/gen/hbase/zookeeper_pb.ts";
import { ClusterIdSchema } from "../../proto/gen/hbase/cluster_id_pb.ts";
import { ZkClient } from "../../proto/zookeeper/zk-client.ts";
import { decodeZnodeData } from "../../proto/zookeeper/znode-data.ts";
import type { ServerAddress } from "../rpc/connection-pool.ts";
import type { ConnectionRegistry } from "./registry.ts";

export class ZkRegistry implements ConnectionRegistry {
  readonly #quorum: string;
  readonly #root: string;
  readonly #sessionTimeoutMs: number;
  #client: Promise<ZkClient> | undefined;
  #meta: Promise<ServerAddress> | undefined;
  #master: Promise<ServerAddress> | undefined;
  #clusterId: Promise<string> | undefined;

  constructor(options: { quorum: string; root: string; sessionTimeoutMs: number }) {
    this.#quorum = options.quorum;
    this.#root = options.root.endsWith("/") ? options.root.slice(0, -1) : options.root;
    this.#sessionTimeoutMs = options.sessionTimeoutMs;
  }

  metaLocation(): Promise<ServerAddress> {
    this.#meta ??= this.#readServer("meta-region-server", (m) => fromBinary(MetaRegionServerSchema, m).server);
    return this.#forgetOnFailure(this.#meta, () => (this.#meta = undefined));
  }

  activeMaster(): Promise<ServerAddress> {
    this.#master ??= this.#readServer("master", (m) => fromBinary(MasterSchema, m).master);
    return this.#forgetOnFailure(this.#master, () => (this.#master = undefined));
  }

  clusterId(): Promise<string> {
    this.#clusterId ??= this.#data("hbaseid").then((data) => {
      const { message } = decodeZnodeData(data);
      return fromBinary(ClusterIdSchema, message).clusterId;
    });
    return this.#forgetOnFailure(this.#clusterId, () => (this.#clusterId = undefined));
  }

  invalidate(): void {
    this.#meta = undefined;
    this.#master = undefined;
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (client !== undefined) await (await client.catch(() => undefined))?.close();
  }

  async #readServer(znode: string, decode: (message: Uint8Array) => { hostName: string; port: number } | undefined): Promise<ServerAddress> {
    const { message } = decodeZnodeData(await this.#data(znode));
    const server = decode(message);
    if (server === undefined || server.hostName === "") throw new Error(`Znode ${this.#root}/${znode} names no server`);
    return { host: server.hostName, port: server.port };
  }

  async #data(znode: string): Promise<Uint8Array> {
    this.#client ??= ZkClient.connect({ connectString: this.#quorum, sessionTimeoutMs: this.#sessionTimeoutMs });
    let client: ZkClient;
    try {
      client = await this.#client;
    } catch (error) {
      this.#client = undefined;
      throw error;
    }
    return (await client.getData(`${this.#root}/${znode}`)).data;
  }

  #forgetOnFailure<T>(p: Promise<T>, forget: () => void): Promise<T> {
    return p.catch((error) => {
      forget();
      throw error;
    });
  }
}

