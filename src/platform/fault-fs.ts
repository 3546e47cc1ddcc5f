// FaultFs: wraps any Fs and makes chosen operations fail with ENOSPC or EIO, once or from then on
// for every mutating operation (TESTING.md T6; SQLite's I/O-error loop, Pebble's errorfs). Every
// Fs and FileHandle call counts as one op, numbered from 0 in call order; the count is taken when
// the call is made, before any await, so a deterministic caller gets a deterministic numbering.

import { assert } from "../util/assert.ts";
import { errnoError } from "./mem-fs.ts";
import type { FileHandle, Fs, OpenMode } from "./fs.ts";

export type FaultCode = "ENOSPC" | "EIO";

interface Fault {
  opIndex: number;
  code: FaultCode;
  persistent: boolean;
  partialWrite: boolean;
}

/** Counts one op (and reports it); returns the fault it must fail with, if any. */
type BeginOp = (op: string, path: string, mutating: boolean) => Fault | undefined;

/** The syscall name Node would put in the error message, per op. */
const SYSCALL: Record<string, string> = {
  open: "open",
  readFile: "read",
  rename: "rename",
  remove: "unlink",
  removeTree: "rm",
  mkdirs: "mkdir",
  list: "scandir",
  exists: "stat",
  syncDir: "fsync",
  append: "write",
  read: "read",
  sync: "fdatasync",
  size: "fstat",
  truncate: "ftruncate",
  close: "close",
};

function faultError(fault: Fault, op: string, path?: string): Error {
  return errnoError(fault.code, { syscall: SYSCALL[op] ?? op, path });
}

class FaultFileHandle implements FileHandle {
  readonly path: string;
  #inner: FileHandle;
  #begin: BeginOp;

  constructor(inner: FileHandle, begin: BeginOp) {
    this.path = inner.path;
    this.#inner = inner;
    this.#begin = begin;
  }

  async append(data: Uint8Array): Promise<void> {
    const fault = this.#begin("append", this.path, true);
    if (fault === undefined) return this.#inner.append(data);
    const half = data.length >> 1;
    if (fault.partialWrite && half > 0) await this.#inner.append(data.subarray(0, half));
    throw faultError(fault, "append");
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    const fault = this.#begin("read", this.path, false);
    if (fault !== undefined) throw faultError(fault, "read");
    return this.#inner.read(position, length);
  }

  async sync(): Promise<void> {
    const fault = this.#begin("sync", this.path, true);
    if (fault !== undefined) throw faultError(fault, "sync");
    return this.#inner.sync();
  }

  async size(): Promise<number> {
    const fault = this.#begin("size", this.path, false);
    if (fault !== undefined) throw faultError(fault, "size");
    return this.#inner.size();
  }

  async truncate(length: number): Promise<void> {
    const fault = this.#begin("truncate", this.path, true);
    if (fault !== undefined) throw faultError(fault, "truncate");
    return this.#inner.truncate(length);
  }

  async close(): Promise<void> {
    const fault = this.#begin("close", this.path, false);
    if (fault !== undefined) throw faultError(fault, "close");
    return this.#inner.close();
  }
}

/** Fault-injecting wrapper of an Fs. A failed op changes nothing, except a partial append. */
export class FaultFs implements Fs {
  #inner: Fs;
  #opCount = 0;
  #faults: Fault[] = [];
  #begin: BeginOp = (op, path, mutating) => this.#beginOp(op, path, mutating);
  /** Observer of each op, called before the op runs (failing ops included): name, path, op index. */
  onOp: ((op: string, path: string, index: number) => void) | undefined = undefined;

  constructor(inner: Fs) {
    this.#inner = inner;
  }

  /** Number of operations performed so far (every Fs and FileHandle call counts as one op). */
  get opCount(): number {
    return this.#opCount;
  }

  /**
   * Op `opIndex` (0-based) fails with `code`; with "persistent", so does every later mutating op
   * (append, sync, truncate, rename, remove, removeTree, mkdirs, syncDir, open "create"). With
   * `partialWrite`, a failed append first writes the first half of its bytes.
   */
  failAt(opIndex: number, code: FaultCode, mode: "once" | "persistent", options: { partialWrite?: boolean } = {}): void {
    assert(Number.isSafeInteger(opIndex) && opIndex >= 0, "failAt opIndex must be a non-negative integer");
    this.#faults.push({ opIndex, code, persistent: mode === "persistent", partialWrite: options.partialWrite ?? false });
  }

  clearFaults(): void {
    this.#faults = [];
  }

  async open(path: string, mode: OpenMode): Promise<FileHandle> {
    const fault = this.#begin("open", path, mode === "create");
    if (fault !== undefined) throw faultError(fault, "open", path);
    return new FaultFileHandle(await this.#inner.open(path, mode), this.#begin);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const fault = this.#begin("readFile", path, false);
    if (fault !== undefined) throw faultError(fault, "readFile", path);
    return this.#inner.readFile(path);
  }

  async rename(from: string, to: string): Promise<void> {
    const fault = this.#begin("rename", `${from} -> ${to}`, true);
    if (fault !== undefined) throw errnoError(fault.code, { syscall: "rename", path: from, dest: to });
    return this.#inner.rename(from, to);
  }

  async remove(path: string): Promise<void> {
    const fault = this.#begin("remove", path, true);
    if (fault !== undefined) throw faultError(fault, "remove", path);
    return this.#inner.remove(path);
  }

  async removeTree(path: string): Promise<void> {
    const fault = this.#begin("removeTree", path, true);
    if (fault !== undefined) throw faultError(fault, "removeTree", path);
    return this.#inner.removeTree(path);
  }

  async mkdirs(path: string): Promise<void> {
    const fault = this.#begin("mkdirs", path, true);
    if (fault !== undefined) throw faultError(fault, "mkdirs", path);
    return this.#inner.mkdirs(path);
  }

  async list(path: string): Promise<string[]> {
    const fault = this.#begin("list", path, false);
    if (fault !== undefined) throw faultError(fault, "list", path);
    return this.#inner.list(path);
  }

  async exists(path: string): Promise<boolean> {
    const fault = this.#begin("exists", path, false);
    if (fault !== undefined) throw faultError(fault, "exists", path);
    return this.#inner.exists(path);
  }

  async syncDir(path: string): Promise<void> {
    const fault = this.#begin("syncDir", path, true);
    if (fault !== undefined) throw faultError(fault, "syncDir", path);
    return this.#inner.syncDir(path);
  }

  #beginOp(op: string, path: string, mutating: boolean): Fault | undefined {
    const index = this.#opCount++;
    this.onOp?.(op, path, index);
    for (const fault of this.#faults) {
      if (index === fault.opIndex) return fault;
      if (fault.persistent && mutating && index > fault.opIndex) return fault;
    }
    return undefined;
  }
}
