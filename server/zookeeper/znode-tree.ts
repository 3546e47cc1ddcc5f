// The in-memory znode tree: data, ACLs, children and full Stat bookkeeping (czxid, mzxid, pzxid,
// versions, times, ephemeral owner), with the watch triggers of ZooKeeper's DataTree
// (zookeeper-and-meta.md §1.7–§1.9). Mutations take the zxid the caller allotted to them and
// throw KeeperError with ZooKeeper's code; no method recurses on a path.

import { KeeperError } from "../../src/api/errors.ts";
import { assert } from "../../src/util/assert.ts";
import { childPath, nameOf, parentOf, validatePath } from "./znode-path.ts";
import { type Acl, OPEN_ACL_UNSAFE, type Stat } from "../../proto/zookeeper/zk-records.ts";
import { CreateMode, ErrorCode, EventType } from "../../proto/zookeeper/zk-protocol.ts";
import { WatchManager } from "./watch-manager.ts";

export interface Znode {
  data: Uint8Array;
  acl: Acl[];
  stat: Stat;
  children: Set<string>;
}

export interface CreateRequest {
  path: string;
  data: Uint8Array;
  acl: readonly Acl[];
  /** CreateMode flags: 0..3 (4 container and TTL modes are stored as persistent). */
  mode: number;
  /** Session that owns an ephemeral node; ignored for persistent ones. */
  owner: bigint;
  zxid: bigint;
  nowMs: bigint;
}

function emptyStat(): Stat {
  return {
    czxid: 0n, mzxid: 0n, ctime: 0n, mtime: 0n, version: 0, cversion: 0, aversion: 0,
    ephemeralOwner: 0n, dataLength: 0, numChildren: 0, pzxid: 0n,
  };
}

function fail(code: number, message: string): KeeperError {
  return new KeeperError(code, message);
}

export class ZnodeTree {
  readonly #nodes = new Map<string, Znode>();
  readonly #ephemerals = new Map<bigint, Set<string>>();
  readonly watches: WatchManager;
  #dataBytes = 0;

  /** Starts with "/", "/zookeeper", "/zookeeper/quota" and "/zookeeper/config", as ZooKeeper does. */
  constructor(watchesPerWatcherMax: number) {
    this.watches = new WatchManager(watchesPerWatcherMax);
    for (const path of ["/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"]) {
      this.#nodes.set(path, { data: new Uint8Array(0), acl: [...OPEN_ACL_UNSAFE], stat: emptyStat(), children: new Set() });
      if (path !== "/") this.#nodes.get(parentOf(path))!.children.add(nameOf(path));
    }
  }

  get count(): number {
    return this.#nodes.size;
  }

  get ephemeralCount(): number {
    let n = 0;
    for (const s of this.#ephemerals.values()) n += s.size;
    return n;
  }

  /** Bytes of data and paths held, like ZooKeeper's approximate data size. */
  get approximateDataBytes(): number {
    return this.#dataBytes;
  }

  /** The node at `path`, or undefined; the returned object is live (do not mutate). */
  get(path: string): Znode | undefined {
    return this.#nodes.get(path);
  }

  /** The node at `path` or KeeperError(NoNode). */
  require(path: string): Znode {
    const node = this.#nodes.get(path);
    if (node === undefined) throw fail(ErrorCode.noNode, `No node "${path}"`);
    return node;
  }

  /** A copy of the node's Stat with numChildren filled in. */
  statOf(node: Znode): Stat {
    return { ...node.stat, numChildren: node.children.size, dataLength: node.data.length };
  }

  /** Paths of the ephemeral nodes `session` owns. */
  ephemeralsOf(session: bigint): string[] {
    return [...(this.#ephemerals.get(session) ?? [])];
  }

  /** Creates a node; returns the actual path (sequential nodes get a 10-digit suffix). */
  create(req: CreateRequest): string {
    validatePath(req.path);
    if (req.path === "/") throw fail(ErrorCode.nodeExists, `Node "/" exists`);
    const parentPath = parentOf(req.path);
    const parent = this.require(parentPath);
    const sequential = req.mode === CreateMode.persistentSequential || req.mode === CreateMode.ephemeralSequential;
    const path = sequential ? req.path + String(parent.stat.cversion).padStart(10, "0") : req.path;
    if (sequential) validatePath(path);
    if (this.#nodes.has(path)) throw fail(ErrorCode.nodeExists, `Node "${path}" exists`);
    if (parent.stat.ephemeralOwner !== 0n) throw fail(ErrorCode.noChildrenForEphemerals, `Parent of "${path}" is ephemeral`);
    if (req.acl.length === 0) throw fail(ErrorCode.invalidAcl, `Empty ACL for "${path}"`);
    const ephemeral = req.mode === CreateMode.ephemeral || req.mode === CreateMode.ephemeralSequential;
    const stat: Stat = {
      ...emptyStat(), czxid: req.zxid, mzxid: req.zxid, pzxid: req.zxid, ctime: req.nowMs, mtime: req.nowMs,
      ephemeralOwner: ephemeral ? req.owner : 0n, dataLength: req.data.length,
    };
    assert(!ephemeral || req.owner !== 0n, "ephemeral node without an owner session");
    this.#nodes.set(path, { data: req.data, acl: [...req.acl], stat, children: new Set() });
    this.#dataBytes += path.length + req.data.length;
    parent.children.add(nameOf(path));
    parent.stat.cversion++;
    parent.stat.pzxid = req.zxid;
    if (ephemeral) this.#ownedBy(req.owner).add(path);
    this.watches.triggerData(path, EventType.nodeCreated);
    this.watches.triggerChild(parentPath, EventType.nodeChildrenChanged);
    return path;
  }

  #ownedBy(session: bigint): Set<string> {
    let set = this.#ephemerals.get(session);
    if (set === undefined) this.#ephemerals.set(session, (set = new Set()));
    return set;
  }

  /** Deletes a childless node whose version matches (-1 matches any). */
  delete(path: string, version: number, zxid: bigint): void {
    validatePath(path);
    if (path === "/" || path === "/zookeeper" || path.startsWith("/zookeeper/")) {
      throw fail(ErrorCode.badArguments, `Cannot delete reserved node "${path}"`);
    }
    const node = this.require(path);
    if (version !== -1 && version !== node.stat.version) throw fail(ErrorCode.badVersion, `Version ${version} does not match "${path}"`);
    if (node.children.size > 0) throw fail(ErrorCode.notEmpty, `Node "${path}" has children`);
    const parentPath = parentOf(path);
    const parent = this.require(parentPath);
    this.#nodes.delete(path);
    this.#dataBytes -= path.length + node.data.length;
    parent.children.delete(nameOf(path));
    parent.stat.cversion++;
    parent.stat.pzxid = zxid;
    if (node.stat.ephemeralOwner !== 0n) this.#ephemerals.get(node.stat.ephemeralOwner)?.delete(path);
    const fired = this.watches.triggerData(path, EventType.nodeDeleted);
    this.watches.triggerChild(path, EventType.nodeDeleted, fired);
    this.watches.triggerChild(parentPath, EventType.nodeChildrenChanged);
  }

  /** Replaces a node's data when the version matches (-1 matches any); returns the new Stat. */
  setData(path: string, data: Uint8Array, version: number, zxid: bigint, nowMs: bigint): Stat {
    validatePath(path);
    const node = this.require(path);
    if (version !== -1 && version !== node.stat.version) throw fail(ErrorCode.badVersion, `Version ${version} does not match "${path}"`);
    this.#dataBytes += data.length - node.data.length;
    node.data = data;
    node.stat.version++;
    node.stat.mzxid = zxid;
    node.stat.mtime = nowMs;
    this.watches.triggerData(path, EventType.nodeDataChanged);
    return this.statOf(node);
  }

  /** Replaces a node's ACL when the ACL version matches (-1 matches any). */
  setAcl(path: string, acl: readonly Acl[], version: number): Stat {
    validatePath(path);
    const node = this.require(path);
    if (version !== -1 && version !== node.stat.aversion) throw fail(ErrorCode.badVersion, `ACL version ${version} does not match "${path}"`);
    if (acl.length === 0) throw fail(ErrorCode.invalidAcl, `Empty ACL for "${path}"`);
    node.acl = [...acl];
    node.stat.aversion++;
    return this.statOf(node);
  }

  /** Deletes every ephemeral node of `session` (session closed or expired). */
  removeSession(session: bigint, zxid: bigint): void {
    for (const path of this.ephemeralsOf(session)) {
      if (this.#nodes.has(path)) this.delete(path, -1, zxid);
    }
    this.#ephemerals.delete(session);
  }

  /** A deep copy with no watches and no limit on them, for trial runs (multi). */
  copyWithoutWatches(): ZnodeTree {
    const copy = new ZnodeTree(Number.MAX_SAFE_INTEGER);
    copy.#nodes.clear();
    for (const [path, n] of this.#nodes) {
      copy.#nodes.set(path, { data: n.data, acl: n.acl, stat: { ...n.stat }, children: new Set(n.children) });
    }
    for (const [owner, paths] of this.#ephemerals) copy.#ephemerals.set(owner, new Set(paths));
    return copy;
  }

  /** Number of nodes below `path` (not counting it), by an explicit stack. */
  descendantCount(path: string): number {
    const stack = [path];
    let n = 0;
    while (stack.length > 0) {
      const p = stack.pop()!;
      for (const name of this.require(p).children) {
        n++;
        stack.push(childPath(p, name));
      }
    }
    return n;
  }
}
