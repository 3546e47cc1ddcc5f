// ZooKeeper records built on the jute codec: Stat, ACL, request/reply headers, the connect
// handshake and watcher events (zookeeper-and-meta.md §1.3, §1.4, §1.7–§1.9). The server endpoint
// and the client both encode and decode through these functions.

import { type JuteReader, JuteWriter } from "./jute.ts";
import { EventType, KEEPER_STATE_SYNC_CONNECTED, Xid } from "./zk-protocol.ts";

/** The 68-byte Stat record; zxids, times and the owner are 64-bit and stay bigint. */
export interface Stat {
  czxid: bigint;
  mzxid: bigint;
  ctime: bigint;
  mtime: bigint;
  version: number;
  cversion: number;
  aversion: number;
  ephemeralOwner: bigint;
  dataLength: number;
  numChildren: number;
  pzxid: bigint;
}

export const STAT_SIZE_BYTES = 68;

export function writeStat(w: JuteWriter, s: Stat): JuteWriter {
  w.writeLong(s.czxid).writeLong(s.mzxid).writeLong(s.ctime).writeLong(s.mtime);
  w.writeInt(s.version).writeInt(s.cversion).writeInt(s.aversion);
  w.writeLong(s.ephemeralOwner).writeInt(s.dataLength).writeInt(s.numChildren);
  return w.writeLong(s.pzxid);
}

export function readStat(r: JuteReader): Stat {
  return {
    czxid: r.readLong(), mzxid: r.readLong(), ctime: r.readLong(), mtime: r.readLong(),
    version: r.readInt(), cversion: r.readInt(), aversion: r.readInt(),
    ephemeralOwner: r.readLong(), dataLength: r.readInt(), numChildren: r.readInt(), pzxid: r.readLong(),
  };
}

export interface Acl {
  perms: number;
  scheme: string;
  id: string;
}

/** world:anyone with all permissions, the ACL HBase uses unsecured. */
export const OPEN_ACL_UNSAFE: readonly Acl[] = [{ perms: 31, scheme: "world", id: "anyone" }];

export function writeAcls(w: JuteWriter, acls: readonly Acl[]): JuteWriter {
  w.writeInt(acls.length);
  for (const a of acls) w.writeInt(a.perms).writeUstring(a.scheme).writeUstring(a.id);
  return w;
}

/** Reads a vector<ACL>; each element takes at least 12 bytes, checked before the loop. */
export function readAcls(r: JuteReader): Acl[] {
  const count = r.readVectorCount(12);
  const out: Acl[] = [];
  for (let i = 0; i < count; i++) out.push({ perms: r.readInt(), scheme: r.readPath(), id: r.readPath() });
  return out;
}

export interface ConnectRequest {
  protocolVersion: number;
  lastZxidSeen: bigint;
  timeOutMs: number;
  sessionId: bigint;
  passwd: Uint8Array;
  /** Undefined when the client omitted the trailing byte (go-zookeeper, node-zookeeper-client). */
  readOnly: boolean | undefined;
}

export function readConnectRequest(r: JuteReader): ConnectRequest {
  const protocolVersion = r.readInt();
  const lastZxidSeen = r.readLong();
  const timeOutMs = r.readInt();
  const sessionId = r.readLong();
  const passwd = r.readBuffer() ?? new Uint8Array(0);
  const readOnly = r.remaining > 0 ? r.readBool() : undefined;
  return { protocolVersion, lastZxidSeen, timeOutMs, sessionId, passwd, readOnly };
}

export function writeConnectRequest(w: JuteWriter, c: ConnectRequest): JuteWriter {
  w.writeInt(c.protocolVersion).writeLong(c.lastZxidSeen).writeInt(c.timeOutMs);
  w.writeLong(c.sessionId).writeBuffer(c.passwd);
  if (c.readOnly !== undefined) w.writeBool(c.readOnly);
  return w;
}

export interface ConnectResponse {
  protocolVersion: number;
  timeOutMs: number;
  sessionId: bigint;
  passwd: Uint8Array;
  readOnly: boolean | undefined;
}

export function writeConnectResponse(w: JuteWriter, c: ConnectResponse): JuteWriter {
  w.writeInt(c.protocolVersion).writeInt(c.timeOutMs).writeLong(c.sessionId).writeBuffer(c.passwd);
  if (c.readOnly !== undefined) w.writeBool(c.readOnly);
  return w;
}

export function readConnectResponse(r: JuteReader): ConnectResponse {
  const protocolVersion = r.readInt();
  const timeOutMs = r.readInt();
  const sessionId = r.readLong();
  const passwd = r.readBuffer() ?? new Uint8Array(0);
  const readOnly = r.remaining > 0 ? r.readBool() : undefined;
  return { protocolVersion, timeOutMs, sessionId, passwd, readOnly };
}

export interface ReplyHeader {
  xid: number;
  zxid: bigint;
  err: number;
}

/** A reply frame's writer with the header already written; the caller appends the body. */
export function replyWriter(h: ReplyHeader): JuteWriter {
  return new JuteWriter().writeInt(h.xid).writeLong(h.zxid).writeInt(h.err);
}

export function readReplyHeader(r: JuteReader): ReplyHeader {
  return { xid: r.readInt(), zxid: r.readLong(), err: r.readInt() };
}

/** A request frame's writer with the RequestHeader already written. */
export function requestWriter(xid: number, type: number): JuteWriter {
  return new JuteWriter().writeInt(xid).writeInt(type);
}

export interface WatcherEvent {
  type: number;
  state: number;
  path: string;
}

/** A notification frame: ReplyHeader{xid -1, zxid -1, err 0} then the WatcherEvent (ZK 3.8). */
export function encodeNotification(type: number, path: string): Uint8Array {
  const w = replyWriter({ xid: Xid.notification, zxid: -1n, err: 0 });
  return w.writeInt(type).writeInt(KEEPER_STATE_SYNC_CONNECTED).writeUstring(path).toFrame();
}

export function readWatcherEvent(r: JuteReader): WatcherEvent {
  return { type: r.readInt(), state: r.readInt(), path: r.readPath() };
}

export { EventType };
