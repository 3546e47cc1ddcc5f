// Registration in a real ZooKeeper ensemble (`--zookeeper host:port[,host:port]`): the same
// location znodes the embedded endpoint serves, written through ZkClient. master and rs/<server>
// are EPHEMERAL under this process's session, so they vanish when it dies; after a session
// expiry the last snapshot is published again (zookeeper-and-meta.md §1.17, §2.1).

import { KeeperError } from "../../src/api/errors.ts";
import { log } from "../../src/util/log.ts";
import { type LocationSnapshot, LocationZnodes } from "./location-znodes.ts";
import { ZkClient } from "../../proto/zookeeper/zk-client.ts";
import { CreateMode, ErrorCode } from "../../proto/zookeeper/zk-protocol.ts";
import type { ZnodeStore } from "./znode-store.ts";
import { equalBytes } from "../../src/util/bytes.ts";

export interface ExternalRegistrationOptions {
  connectString: string;
  /** zookeeper.znode.parent; use a dedicated one if the ensemble already hosts an HBase. */
  znodeParent?: string;
  sessionTimeoutMs?: number;
}

export interface ExternalRegistration {
  readonly locations: LocationZnodes;
  readonly client: ZkClient;
  /** Publishes a snapshot into the ensemble and keeps it there across session loss. */
  publish(snapshot: LocationSnapshot): Promise<void>;
  /** Closes the session; the ephemeral nodes go with it. */
  close(): Promise<void>;
}

function isCode(e: unknown, code: number): boolean {
  return e instanceof KeeperError && e.code === code;
}

/** ZnodeStore over a ZooKeeper client. */
class ClientZnodeStore implements ZnodeStore {
  readonly #client: () => ZkClient;

  constructor(client: () => ZkClient) {
    this.#client = client;
  }

  async ensureDir(path: string): Promise<void> {
    try {
      await this.#client().create(path, new Uint8Array(0), CreateMode.persistent);
    } catch (e) {
      if (!isCode(e, ErrorCode.nodeExists)) throw e;
    }
  }

  async put(path: string, data: Uint8Array, ephemeral: boolean): Promise<void> {
    const client = this.#client();
    const stat = await client.exists(path);
    const ownedHere = stat !== undefined && stat.ephemeralOwner === client.sessionId;
    if (stat !== undefined && (ephemeral ? !ownedHere : stat.ephemeralOwner !== 0n)) await this.remove(path);
    else if (stat !== undefined) {
      const current = await client.getData(path);
      if (!equalBytes(current.data, data)) await client.setData(path, data);
      return;
    }
    await client.create(path, data, ephemeral ? CreateMode.ephemeral : CreateMode.persistent);
  }

  async children(path: string): Promise<string[]> {
    try {
      return await this.#client().getChildren(path);
    } catch (e) {
      if (isCode(e, ErrorCode.noNode)) return [];
      throw e;
    }
  }

  async remove(path: string): Promise<void> {
    try {
      await this.#client().delete(path);
    } catch (e) {
      if (!isCode(e, ErrorCode.noNode)) throw e;
    }
  }
}

/** Connects to the ensemble; publish() writes the znodes. */
export async function registerInExternalZk(options: ExternalRegistrationOptions): Promise<ExternalRegistration> {
  let locations: LocationZnodes | undefined;
  const client = await ZkClient.connect({
    connectString: options.connectString,
    sessionTimeoutMs: options.sessionTimeoutMs,
    onSessionExpired: () => {
      const last = locations?.last;
      if (last === undefined) return;
      log.warn("zookeeper session expired; republishing location znodes", { connectString: options.connectString });
      locations!.publish(last).catch((e) => log.error("republishing location znodes failed", { error: String(e) }));
    },
  });
  locations = new LocationZnodes(new ClientZnodeStore(() => client), { root: options.znodeParent ?? "/hbase" });
  const bound = locations;
  return { locations: bound, client, publish: (s) => bound.publish(s), close: () => client.close() };
}
