// Answers one request frame of an established session (zookeeper-and-meta.md §1.5–§1.9): decodes
// the RequestHeader and record, applies it to the tree and builds the reply frame with the
// request's xid. Synchronous, so replies leave in arrival order and a mutation's notifications
// leave before its reply. Writes consume a zxid even when they fail, as ZooKeeper's error txns do.

import { KeeperError } from "../../src/api/errors.ts";
import { JuteReader, type JuteWriter } from "../../proto/zookeeper/jute.ts";
import { type Acl, readAcls, replyWriter, writeAcls, writeStat } from "../../proto/zookeeper/zk-records.ts";
import { CreateMode, ErrorCode, EventType, OpCode } from "../../proto/zookeeper/zk-protocol.ts";
import { readMultiOps, runMulti } from "./multi-op.ts";
import type { Session } from "./session.ts";
import type { Watcher } from "./watch-manager.ts";
import type { ZkServerState } from "./zk-server-state.ts";

/** What the connection does after sending `reply`. */
export interface Outcome {
  reply: Uint8Array;
  /** Close the connection after the reply; the reason is logged. */
  closeReason?: string;
  /** The request was closeSession. */
  sessionClosed?: boolean;
}

export interface RequestContext {
  state: ZkServerState;
  session: Session;
  watcher: Watcher;
}

type Body = (ctx: RequestContext, r: JuteReader, w: JuteWriter, zxid: bigint) => void;

class WatchLimitReached extends Error {}
class ZnodeLimitReached extends Error {}

const READS = new Map<number, Body>([
  [OpCode.getData, getData],
  [OpCode.exists, exists],
  [OpCode.getChildren, (ctx, r, w) => getChildren(ctx, r, w, false)],
  [OpCode.getChildren2, (ctx, r, w) => getChildren(ctx, r, w, true)],
  [OpCode.sync, (_ctx, r, w) => void w.writeUstring(r.readPath())],
  [OpCode.getACL, getAcl],
  [OpCode.auth, (_ctx, r) => void (r.readInt(), r.readPath(), r.readBuffer())],
  [OpCode.setWatches, (ctx, r) => setWatches(ctx, r, false)],
  [OpCode.setWatches2, (ctx, r) => setWatches(ctx, r, true)],
  [OpCode.getEphemerals, getEphemerals],
  [OpCode.getAllChildrenNumber, (ctx, r, w) => void w.writeInt(ctx.state.tree.descendantCount(r.readPath()))],
]);

const WRITES = new Map<number, Body>([
  [OpCode.create, (ctx, r, w, zxid) => create(ctx, r, w, zxid, { stat: false, ttl: false })],
  [OpCode.create2, (ctx, r, w, zxid) => create(ctx, r, w, zxid, { stat: true, ttl: false })],
  [OpCode.createContainer, (ctx, r, w, zxid) => create(ctx, r, w, zxid, { stat: true, ttl: false })],
  [OpCode.createTTL, (ctx, r, w, zxid) => create(ctx, r, w, zxid, { stat: true, ttl: true })],
  [OpCode.delete, (ctx, r, _w, zxid) => ctx.state.tree.delete(r.readPath(), r.readInt(), zxid)],
  [OpCode.setData, setData],
  [OpCode.setACL, setAcl],
  [OpCode.multi, multi],
]);

/** Handles one request frame body; throws only on a broken invariant. */
export function processRequest(ctx: RequestContext, body: Uint8Array): Outcome {
  const r = new JuteReader(body);
  if (body.length < 8) return { reply: new Uint8Array(0), closeReason: `request of ${body.length} bytes has no header` };
  const xid = r.readInt();
  const type = r.readInt();
  const { state } = ctx;
  if (type === OpCode.ping) return { reply: replyWriter({ xid, zxid: state.zxid.last, err: 0 }).toFrame() };
  if (type === OpCode.closeSession) return closeSession(ctx, xid);
  const read = READS.get(type);
  const write = read === undefined ? WRITES.get(type) : undefined;
  if (read === undefined && write === undefined) {
    return { reply: replyWriter({ xid, zxid: state.zxid.last, err: ErrorCode.unimplemented }).toFrame(), closeReason: `unsupported opcode ${type}` };
  }
  const zxid = write !== undefined ? state.zxid.next() : state.zxid.last;
  const replyZxid = type === OpCode.auth ? 0n : zxid;
  return run(ctx, (read ?? write)!, r, { xid, zxid, replyZxid });
}

function run(ctx: RequestContext, body: Body, r: JuteReader, h: { xid: number; zxid: bigint; replyZxid: bigint }): Outcome {
  const w = replyWriter({ xid: h.xid, zxid: h.replyZxid, err: 0 });
  try {
    body(ctx, r, w, h.zxid);
    return { reply: w.toFrame() };
  } catch (e) {
    if (e instanceof WatchLimitReached) return { reply: new Uint8Array(0), closeReason: "watches per session over ZK_LIMITS.watchesPerSessionMax" };
    if (e instanceof ZnodeLimitReached) return { reply: new Uint8Array(0), closeReason: "znodes over ZK_LIMITS.znodeCountMax" };
    if (!(e instanceof KeeperError)) throw e;
    const reply = replyWriter({ xid: h.xid, zxid: h.replyZxid, err: e.code }).toFrame();
    return e.code === ErrorCode.marshallingError ? { reply, closeReason: e.message } : { reply };
  }
}

function closeSession(ctx: RequestContext, xid: number): Outcome {
  const zxid = ctx.state.zxid.next();
  ctx.state.tree.removeSession(ctx.session.id, zxid);
  return { reply: replyWriter({ xid, zxid, err: 0 }).toFrame(), sessionClosed: true };
}

function watchData(ctx: RequestContext, path: string): void {
  if (!ctx.state.tree.watches.addData(path, ctx.watcher)) throw new WatchLimitReached();
}

function watchChild(ctx: RequestContext, path: string): void {
  if (!ctx.state.tree.watches.addChild(path, ctx.watcher)) throw new WatchLimitReached();
}

function getData(ctx: RequestContext, r: JuteReader, w: JuteWriter): void {
  const path = r.readPath();
  const watch = r.readBool();
  const node = ctx.state.tree.require(path);
  if (watch) watchData(ctx, path);
  writeStat(w.writeBuffer(node.data), ctx.state.tree.statOf(node));
}

function exists(ctx: RequestContext, r: JuteReader, w: JuteWriter): void {
  const path = r.readPath();
  const watch = r.readBool();
  const node = ctx.state.tree.get(path);
  if (watch) watchData(ctx, path); // an exist watch when absent: fires NodeCreated
  if (node === undefined) throw new KeeperError(ErrorCode.noNode, `No node "${path}"`);
  writeStat(w, ctx.state.tree.statOf(node));
}

function getChildren(ctx: RequestContext, r: JuteReader, w: JuteWriter, withStat: boolean): void {
  const path = r.readPath();
  const watch = r.readBool();
  const node = ctx.state.tree.require(path);
  if (watch) watchChild(ctx, path);
  w.writeStringVector([...node.children]);
  if (withStat) writeStat(w, ctx.state.tree.statOf(node));
}

function getAcl(ctx: RequestContext, r: JuteReader, w: JuteWriter): void {
  const node = ctx.state.tree.require(r.readPath());
  writeStat(writeAcls(w, node.acl), ctx.state.tree.statOf(node));
}

function getEphemerals(ctx: RequestContext, r: JuteReader, w: JuteWriter): void {
  const prefix = r.readPath();
  const mine = ctx.state.tree.ephemeralsOf(ctx.session.id).filter((p) => prefix === "/" || p.startsWith(prefix));
  w.writeStringVector(mine);
}

function create(ctx: RequestContext, r: JuteReader, w: JuteWriter, zxid: bigint, kind: { stat: boolean; ttl: boolean }): void {
  const path = r.readPath();
  const data = r.readBuffer() ?? new Uint8Array(0);
  const acl: Acl[] = readAcls(r);
  const flags = r.readInt();
  if (kind.ttl) r.readLong();
  if (flags < CreateMode.persistent || flags > 6) throw new KeeperError(ErrorCode.badArguments, `Unknown create mode ${flags}`);
  if (ctx.state.tree.count >= ctx.state.limits.znodeCountMax) throw new ZnodeLimitReached();
  const mode = flags <= CreateMode.ephemeralSequential ? flags : flags === 6 ? CreateMode.persistentSequential : CreateMode.persistent;
  const tree = ctx.state.tree;
  const actual = tree.create({ path, data, acl, mode, owner: ctx.session.id, zxid, nowMs: BigInt(Date.now()) });
  w.writeUstring(actual);
  if (kind.stat) writeStat(w, tree.statOf(tree.require(actual)));
}

function multi(ctx: RequestContext, r: JuteReader, w: JuteWriter, zxid: bigint): void {
  const ops = readMultiOps(r);
  if (ctx.state.tree.count + ops.length > ctx.state.limits.znodeCountMax) throw new ZnodeLimitReached();
  runMulti({ tree: ctx.state.tree, owner: ctx.session.id, zxid, nowMs: BigInt(Date.now()) }, ops, w);
}

function setData(ctx: RequestContext, r: JuteReader, w: JuteWriter, zxid: bigint): void {
  const path = r.readPath();
  const data = r.readBuffer() ?? new Uint8Array(0);
  const version = r.readInt();
  writeStat(w, ctx.state.tree.setData(path, data, version, zxid, BigInt(Date.now())));
}

function setAcl(ctx: RequestContext, r: JuteReader, w: JuteWriter): void {
  const path = r.readPath();
  const acl = readAcls(r);
  writeStat(w, ctx.state.tree.setAcl(path, acl, r.readInt()));
}

/** Re-arms a reconnecting client's watches, firing at once what changed since relativeZxid. */
function setWatches(ctx: RequestContext, r: JuteReader, v2: boolean): void {
  const relativeZxid = r.readLong();
  const data = r.readStringVector();
  const exist = r.readStringVector();
  const child = r.readStringVector();
  if (v2) (r.readStringVector(), r.readStringVector()); // persistent watches: not supported, dropped
  const tree = ctx.state.tree;
  for (const path of data) {
    const node = tree.get(path);
    if (node === undefined) ctx.watcher.notify(EventType.nodeDeleted, path);
    else if (node.stat.mzxid > relativeZxid) ctx.watcher.notify(EventType.nodeDataChanged, path);
    else watchData(ctx, path);
  }
  for (const path of exist) {
    if (tree.get(path) !== undefined) ctx.watcher.notify(EventType.nodeCreated, path);
    else watchData(ctx, path);
  }
  for (const path of child) {
    const node = tree.get(path);
    if (node === undefined) ctx.watcher.notify(EventType.nodeDeleted, path);
    else if (node.stat.pzxid > relativeZxid) ctx.watcher.notify(EventType.nodeChildrenChanged, path);
    else watchChild(ctx, path);
  }
}
