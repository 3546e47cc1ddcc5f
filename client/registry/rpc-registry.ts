// The RPC registry (zookeeper-and-meta.md §3): ClientMetaService on bootstrap servers, HBase 3
// style. Each question goes to the bootstrap servers in turn until one answers with a valid
// response (at least one meta location; a master name); answers are cached until invalidate().

import { create } from "@bufbuild/protobuf";
import {
  GetActiveMasterRequestSchema, GetActiveMasterResponseSchema, GetClusterIdRequestSchema, GetClusterIdResponseSchema,
  GetMetaRegionLocationsRequestSchema, GetMetaRegionLocationsResponseSchema,
} from "../../proto/gen/hbase/registry_pb.ts";
import type { ShaleError } from "../../src/api/errors.ts";
import { type ConnectionPool, type ServerAddress, addressKey } from "../rpc/connection-pool.ts";
import { RemoteError } from "../rpc/remote-error.ts";
import type { ConnectionRegistry } from "./registry.ts";

const SERVICE = "ClientMetaService";

export class RpcRegistry implements ConnectionRegistry {
  readonly #bootstrap: ServerAddress[];
  readonly #pool: ConnectionPool;
  #meta: Promise<ServerAddress> | undefined;
  #master: Promise<ServerAddress> | undefined;
  #clusterId: Promise<string> | undefined;

  constructor(bootstrap: ServerAddress[], pool: ConnectionPool) {
    this.#bootstrap = bootstrap;
    this.#pool = pool;
  }

  metaLocation(): Promise<ServerAddress> {
    this.#meta ??= this.#ask("GetMetaRegionLocations", async (address) => {
      const { response } = await this.#pool.call({ address, service: SERVICE }, "GetMetaRegionLocations",
        { schema: GetMetaRegionLocationsRequestSchema, message: create(GetMetaRegionLocationsRequestSchema) }, GetMetaRegionLocationsResponseSchema);
      const server = response.metaLocations[0]?.serverName;
      return server === undefined ? undefined : { host: server.hostName, port: server.port };
    }).catch((e) => {
      this.#meta = undefined;
      throw e;
    });
    return this.#meta;
  }

  activeMaster(): Promise<ServerAddress> {
    this.#master ??= this.#ask("GetActiveMaster", async (address) => {
      const { response } = await this.#pool.call({ address, service: SERVICE }, "GetActiveMaster",
        { schema: GetActiveMasterRequestSchema, message: create(GetActiveMasterRequestSchema) }, GetActiveMasterResponseSchema);
      const server = response.serverName;
      return server === undefined ? undefined : { host: server.hostName, port: server.port };
    }).catch((e) => {
      this.#master = undefined;
      throw e;
    });
    return this.#master;
  }

  clusterId(): Promise<string> {
    this.#clusterId ??= this.#ask("GetClusterId", async (address) => {
      const { response } = await this.#pool.call({ address, service: SERVICE }, "GetClusterId",
        { schema: GetClusterIdRequestSchema, message: create(GetClusterIdRequestSchema) }, GetClusterIdResponseSchema);
      return response.clusterId === "" ? undefined : response.clusterId;
    }).catch((e) => {
      this.#clusterId = undefined;
      throw e;
    });
    return this.#clusterId;
  }

  invalidate(): void {
    this.#meta = undefined;
    this.#master = undefined;
  }

  async close(): Promise<void> {}

  async #ask<T>(what: string, ask: (address: ServerAddress) => Promise<T | undefined>): Promise<T> {
    let last: unknown;
    for (const address of this.#bootstrap) {
      try {
        const answer = await ask(address);
        if (answer !== undefined) return answer;
        last = new Error(`Invalid ${what} answer from ${addressKey(address)}`);
      } catch (error) {
        last = error;
      }
    }
    if (last instanceof RemoteError || (last as ShaleError)?.javaClass !== undefined) throw last;
    throw new Error(`No bootstrap server answered ${what}: ${(last as Error)?.message ?? "none configured"}`);
  }
}
