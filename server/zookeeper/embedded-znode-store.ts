// ZnodeStore over the endpoint's own tree. Writes take zxids from the endpoint's clock and fire
// watches like client writes; ephemeral nodes belong to the server's own session id, which is
// never handed to a client and never expires while the endpoint runs.

import { equalBytes } from "../../src/util/bytes.ts";
import { CreateMode } from "../../proto/zookeeper/zk-protocol.ts";
import { OPEN_ACL_UNSAFE } from "../../proto/zookeeper/zk-records.ts";
import type { ZkServerState } from "./zk-server-state.ts";
import type { ZnodeStore } from "./znode-store.ts";

export class EmbeddedZnodeStore implements ZnodeStore {
  readonly #state: ZkServerState;
  readonly #owner: bigint;

  constructor(state: ZkServerState, ownerSession: bigint) {
    this.#state = state;
    this.#owner = ownerSession;
  }

  ensureDir(path: string): Promise<void> {
    if (this.#state.tree.get(path) === undefined) this.#create(path, new Uint8Array(0), false);
    return Promise.resolve();
  }

  put(path: string, data: Uint8Array, ephemeral: boolean): Promise<void> {
    const { tree, zxid } = this.#state;
    const node = tree.get(path);
    if (node !== undefined && (node.stat.ephemeralOwner !== 0n) !== ephemeral) tree.delete(path, -1, zxid.next());
    const current = tree.get(path);
    if (current === undefined) this.#create(path, data, ephemeral);
    else if (!equalBytes(current.data, data)) tree.setData(path, data, -1, zxid.next(), BigInt(Date.now()));
    return Promise.resolve();
  }

  children(path: string): Promise<string[]> {
    return Promise.resolve([...(this.#state.tree.get(path)?.children ?? [])]);
  }

  remove(path: string): Promise<void> {
    if (this.#state.tree.get(path) !== undefined) this.#state.tree.delete(path, -1, this.#state.zxid.next());
    return Promise.resolve();
  }

  #create(path: string, data: Uint8Array, ephemeral: boolean): void {
    this.#state.tree.create({
      path, data, acl: OPEN_ACL_UNSAFE, mode: ephemeral ? CreateMode.ephemeral : CreateMode.persistent,
      owner: this.#owner, zxid: this.#state.zxid.next(), nowMs: BigInt(Date.now()),
    });
  }
}
