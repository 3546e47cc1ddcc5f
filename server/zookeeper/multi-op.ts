// multi (opcode 14): a list of create, delete, setData and check ops applied all-or-nothing under
// one zxid (ZooKeeper MultiOperationRecord / MultiResponse). The ops first run on a watch-less
// copy of the tree; only when every op succeeds do they run on the real tree. A failed multi
// answers err 0 in the header and per-op ErrorResults: 0 before the failing op, its code, then
// RuntimeInconsistency (-2), as ZooKeeper does.

import { KeeperError } from "../../src/api/errors.ts";
import type { JuteReader, JuteWriter } from "../../proto/zookeeper/jute.ts";
import { type Acl, readAcls, writeStat } from "../../proto/zookeeper/zk-records.ts";
import { CreateMode, ErrorCode, OpCode } from "../../proto/zookeeper/zk-protocol.ts";
import type { ZnodeTree } from "./znode-tree.ts";

const RUNTIME_INCONSISTENCY = -2;

type Op =
  | { type: number; kind: "create"; path: string; data: Uint8Array; acl: Acl[]; mode: number; withStat: boolean }
  | { type: number; kind: "delete"; path: string; version: number }
  | { type: number; kind: "setData"; path: string; data: Uint8Array; version: number }
  | { type: number; kind: "check"; path: string; version: number };

/** Reads ops until the done header; each header takes 9 bytes, so the frame bounds the count. */
export function readMultiOps(r: JuteReader): Op[] {
  const ops: Op[] = [];
  for (;;) {
    const type = r.readInt();
    const done = r.readBool();
    r.readInt();
    if (done) return ops;
    ops.push(readOp(type, r));
  }
}

function readOp(type: number, r: JuteReader): Op {
  switch (type) {
    case OpCode.create: case OpCode.create2: case OpCode.createContainer: case OpCode.createTTL: {
      const path = r.readPath();
      const data = r.readBuffer() ?? new Uint8Array(0);
      const acl = readAcls(r);
      const flags = r.readInt();
      if (type === OpCode.createTTL) r.readLong();
      const mode = flags >= 0 && flags <= CreateMode.ephemeralSequential ? flags : CreateMode.persistent;
      return { type, kind: "create", path, data, acl, mode, withStat: type !== OpCode.create };
    }
    case OpCode.delete: return { type, kind: "delete", path: r.readPath(), version: r.readInt() };
    case OpCode.setData: return { type, kind: "setData", path: r.readPath(), data: r.readBuffer() ?? new Uint8Array(0), version: r.readInt() };
    case OpCode.check: return { type, kind: "check", path: r.readPath(), version: r.readInt() };
    default: throw new KeeperError(ErrorCode.unimplemented, `Unsupported op ${type} in multi`);
  }
}

interface Apply {
  tree: ZnodeTree;
  owner: bigint;
  zxid: bigint;
  nowMs: bigint;
}

function applyOp(a: Apply, op: Op, w: JuteWriter | undefined): void {
  const { tree } = a;
  if (op.kind === "create") {
    const path = tree.create({ path: op.path, data: op.data, acl: op.acl, mode: op.mode, owner: a.owner, zxid: a.zxid, nowMs: a.nowMs });
    w?.writeUstring(path);
    if (op.withStat && w !== undefined) writeStat(w, tree.statOf(tree.require(path)));
  } else if (op.kind === "delete") {
    tree.delete(op.path, op.version, a.zxid);
  } else if (op.kind === "setData") {
    const stat = tree.setData(op.path, op.data, op.version, a.zxid, a.nowMs);
    if (w !== undefined) writeStat(w, stat);
  } else {
    const node = tree.require(op.path);
    if (op.version !== -1 && node.stat.version !== op.version) throw new KeeperError(ErrorCode.badVersion, `Version ${op.version} does not match "${op.path}"`);
  }
}

/** Runs the ops all-or-nothing and writes the MultiResponse after the reply header. */
export function runMulti(a: Apply, ops: readonly Op[], w: JuteWriter): void {
  const trial = { ...a, tree: a.tree.copyWithoutWatches() };
  let failedAt = -1;
  let code = 0;
  for (let i = 0; i < ops.length && failedAt < 0; i++) {
    try {
      applyOp(trial, ops[i], undefined);
    } catch (e) {
      if (!(e instanceof KeeperError)) throw e;
      failedAt = i;
      code = e.code;
    }
  }
  if (failedAt >= 0) {
    ops.forEach((_op, i) => {
      const err = i < failedAt ? 0 : i === failedAt ? code : RUNTIME_INCONSISTENCY;
      w.writeInt(-1).writeBool(false).writeInt(err).writeInt(err);
    });
  } else {
    for (const op of ops) {
      w.writeInt(op.type).writeBool(false).writeInt(0);
      applyOp(a, op, w);
    }
  }
  w.writeInt(-1).writeBool(true).writeInt(-1);
}
