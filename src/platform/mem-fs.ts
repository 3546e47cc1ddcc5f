// MemFs: an in-memory Fs that simulates power loss (TESTING.md T3). Each file keeps its written
// bytes and its synced bytes; each directory keeps its current entries and the entries as of its
// last syncDir(). crash() rebuilds the tree from the durable side only, as the SQLite, RocksDB and
// LevelDB fault harnesses and ALICE do. One simplification: a directory made by mkdirs() is durable
// at once (its parent needs no syncDir); renaming or removing it is not.

import { assert } from "../util/assert.ts";
import type { FileHandle, Fs, OpenMode } from "./fs.ts";

const ERRNO_TEXT = {
  ENOENT: "no such file or directory",
  EEXIST: "file already exists",
  EISDIR: "illegal operation on a directory",
  ENOTDIR: "not a directory",
  ENOTEMPTY: "directory not empty",
  EINVAL: "invalid argument",
  EBADF: "bad file descriptor",
  ENOSPC: "no space left on device",
  EIO: "i/o error",
} as const;

export type ErrnoCode = keyof typeof ERRNO_TEXT;

/** An Error shaped like Node's system errors: `.code`, `.syscall`, `.path`, same message form. */
export interface ErrnoError extends Error {
  code: ErrnoCode;
  syscall: string;
  path?: string;
  dest?: string;
}

/** Builds an ErrnoError: "ENOENT: no such file or directory, open 'a/b'". */
export function errnoError(code: ErrnoCode, where: { syscall: string; path?: string; dest?: string }): ErrnoError {
  let message = `${code}: ${ERRNO_TEXT[code]}, ${where.syscall}`;
  if (where.path !== undefined) message += ` '${where.path}'`;
  if (where.dest !== undefined) message += ` -> '${where.dest}'`;
  const error = new Error(message) as ErrnoError;
  error.code = code;
  error.syscall = where.syscall;
  if (where.path !== undefined) error.path = where.path;
  if (where.dest !== undefined) error.dest = where.dest;
  return error;
}

/** Splits a '/'-joined path into its segments: "a//b/" and "/a/./b" give ["a", "b"]. */
export function pathSegments(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out;
}

/** A file: written bytes `buf[0, length)`, and the durable bytes as of the last sync. */
class FileNode {
  readonly kind = "file";
  buf: Uint8Array = new Uint8Array(0);
  length = 0;
  syncedLength = 0;
  /** Durable bytes when they are not a prefix of `buf` (after an unsynced truncate), else null. */
  durable: Uint8Array | null = null;

  append(data: Uint8Array): void {
    this.#reserve(this.length + data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  read(position: number, length: number): Uint8Array {
    const start = Math.min(position, this.length);
    return this.buf.slice(start, Math.min(start + length, this.length));
  }

  sync(): void {
    this.syncedLength = this.length;
    this.durable = null;
  }

  truncate(length: number): void {
    if (this.durable === null && length < this.syncedLength) {
      this.durable = this.buf.slice(0, this.syncedLength);
    }
    if (length > this.length) {
      this.#reserve(length);
      this.buf.fill(0, this.length, length);
    }
    this.length = length;
    assert(this.durable !== null || this.length >= this.syncedLength, "synced bytes must prefix the file");
  }

  /** The file as power loss leaves it: synced bytes, or in torn mode a random longer prefix. */
  afterCrash(torn: boolean, random: () => number): FileNode {
    let bytes: Uint8Array;
    if (this.durable !== null) {
      bytes = this.durable.slice();
    } else {
      const extra = this.length - this.syncedLength;
      const kept = torn ? Math.min(extra, Math.floor(random() * (extra + 1))) : 0;
      bytes = this.buf.slice(0, this.syncedLength + kept);
    }
    return FileNode.durableOf(bytes);
  }

  copy(): FileNode {
    const node = new FileNode();
    node.buf = this.buf.slice(0, this.length);
    node.length = this.length;
    node.syncedLength = this.syncedLength;
    node.durable = this.durable === null ? null : this.durable.slice();
    return node;
  }

  static durableOf(bytes: Uint8Array): FileNode {
    const node = new FileNode();
    node.buf = bytes;
    node.length = bytes.length;
    node.syncedLength = bytes.length;
    return node;
  }

  #reserve(capacity: number): void {
    if (capacity <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(capacity, this.buf.length * 2, 64));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }
}

/** A directory: its current entries, and the entries as of its last syncDir(). */
class DirNode {
  readonly kind = "dir";
  entries = new Map<string, Node>();
  durable = new Map<string, Node>();
}

type Node = FileNode | DirNode;

/** Handles are valid while their epoch lives; crash() ends the epoch. */
interface Epoch {
  live: boolean;
}

class MemFileHandle implements FileHandle {
  readonly path: string;
  #node: FileNode;
  #epoch: Epoch;
  #writable: boolean;
  #closed = false;

  constructor(path: string, node: FileNode, state: { epoch: Epoch; writable: boolean }) {
    this.path = path;
    this.#node = node;
    this.#epoch = state.epoch;
    this.#writable = state.writable;
  }

  async append(data: Uint8Array): Promise<void> {
    this.#check("write", true);
    this.#node.append(data);
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    assert(Number.isSafeInteger(position) && position >= 0, "read position must be a non-negative integer");
    assert(Number.isSafeInteger(length) && length >= 0, "read length must be a non-negative integer");
    this.#check("read", false);
    return this.#node.read(position, length);
  }

  async sync(): Promise<void> {
    this.#check("fdatasync", false);
    this.#node.sync();
  }

  async size(): Promise<number> {
    this.#check("fstat", false);
    return this.#node.length;
  }

  async truncate(length: number): Promise<void> {
    assert(Number.isSafeInteger(length) && length >= 0, "truncate length must be a non-negative integer");
    this.#check("ftruncate", true);
    this.#node.truncate(length);
  }

  async close(): Promise<void> {
    this.#check("close", false);
    this.#closed = true;
  }

  #check(syscall: string, write: boolean): void {
    if (!this.#epoch.live || this.#closed || (write && !this.#writable)) {
      throw errnoError("EBADF", { syscall });
    }
  }
}

/** Deterministic default for torn crashes (mulberry32, fixed seed); tests pass a seeded one. */
function defaultRandom(): () => number {
  let state = 0x5eed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The in-memory, crash-simulating file system. Relative and absolute paths share one root. */
export class MemFs implements Fs {
  #root = new DirNode();
  #epoch: Epoch = { live: true };
  #random: () => number;

  constructor(options: { random?: () => number } = {}) {
    this.#random = options.random ?? defaultRandom();
  }

  async open(path: string, mode: OpenMode): Promise<FileHandle> {
    const { dir, name } = this.#parentOf(path, "open");
    const existing = dir.entries.get(name);
    let node: FileNode;
    if (mode === "create") {
      if (existing !== undefined) throw errnoError("EEXIST", { syscall: "open", path });
      node = new FileNode();
      dir.entries.set(name, node);
    } else {
      if (existing === undefined) throw errnoError("ENOENT", { syscall: "open", path });
      if (existing.kind === "dir") throw errnoError("EISDIR", { syscall: "open", path });
      node = existing;
    }
    return new MemFileHandle(path, node, { epoch: this.#epoch, writable: mode !== "read" });
  }

  async readFile(path: string): Promise<Uint8Array> {
    const node = this.#lookup(path, "open");
    if (node === undefined) throw errnoError("ENOENT", { syscall: "open", path });
    if (node.kind === "dir") throw errnoError("EISDIR", { syscall: "read", path });
    return node.read(0, node.length);
  }

  async rename(from: string, to: string): Promise<void> {
    const where = { syscall: "rename", path: from, dest: to };
    const source = this.#parentOf(from, "rename", to);
    const node = source.dir.entries.get(source.name);
    if (node === undefined) throw errnoError("ENOENT", where);
    const target = this.#parentOf(to, "rename", to);
    const replaced = target.dir.entries.get(target.name);
    if (replaced === node) return;
    if (node.kind === "dir" && isInside(pathSegments(to), pathSegments(from))) throw errnoError("EINVAL", where);
    if (replaced !== undefined) checkReplace(node, replaced, where);
    source.dir.entries.delete(source.name);
    target.dir.entries.set(target.name, node);
  }

  async remove(path: string): Promise<void> {
    const parent = this.#lookup(parentSegments(path), "rm");
    if (parent === undefined || parent.kind !== "dir") return;
    const name = lastSegment(path);
    const node = parent.entries.get(name);
    if (node?.kind === "dir") throw errnoError("EISDIR", { syscall: "rm", path });
    parent.entries.delete(name);
  }

  async removeTree(path: string): Promise<void> {
    const segments = pathSegments(path);
    if (segments.length === 0) {
      this.#root.entries.clear();
      return;
    }
    const parent = this.#lookup(segments.slice(0, -1), "rm");
    if (parent === undefined || parent.kind !== "dir") return;
    parent.entries.delete(segments[segments.length - 1]);
  }

  async mkdirs(path: string): Promise<void> {
    let dir = this.#root;
    const segments = pathSegments(path);
    for (let i = 0; i < segments.length; i++) {
      const child = dir.entries.get(segments[i]);
      if (child?.kind === "file") {
        throw errnoError(i === segments.length - 1 ? "EEXIST" : "ENOTDIR", { syscall: "mkdir", path });
      }
      if (child !== undefined) {
        dir = child;
        continue;
      }
      const made = new DirNode();
      dir.entries.set(segments[i], made);
      dir.durable.set(segments[i], made);
      dir = made;
    }
  }

  async list(path: string): Promise<string[]> {
    const node = this.#lookup(path, "scandir");
    if (node === undefined) return [];
    if (node.kind === "file") throw errnoError("ENOTDIR", { syscall: "scandir", path });
    return [...node.entries.keys()].sort();
  }

  async exists(path: string): Promise<boolean> {
    return this.#lookup(path, "stat") !== undefined;
  }

  async syncDir(path: string): Promise<void> {
    const node = this.#lookup(path, "open");
    if (node === undefined) throw errnoError("ENOENT", { syscall: "open", path });
    if (node.kind === "file") node.sync();
    else node.durable = new Map(node.entries);
  }

  /**
   * Simulates power loss: every file keeps only its synced bytes ("clean"), or in "torn" mode a
   * random length between its synced and written length (only where the unsynced part is an
   * append-extension of the synced bytes). Directory entries created, renamed or removed since that
   * directory's last syncDir() revert. Every handle opened before the crash is invalid afterwards.
   */
  crash(mode: "clean" | "torn"): void {
    const torn = mode === "torn";
    const root = new DirNode();
    const seen = new Set<DirNode>([this.#root]);
    const stack: Array<[DirNode, DirNode]> = [[this.#root, root]];
    while (stack.length > 0) {
      const [old, fresh] = stack.pop()!;
      for (const [name, child] of old.durable) {
        if (child.kind === "file") {
          fresh.entries.set(name, child.afterCrash(torn, this.#random));
        } else if (!seen.has(child)) {
          // A directory reachable twice (a half-durable directory rename) keeps its first name only.
          seen.add(child);
          const made = new DirNode();
          fresh.entries.set(name, made);
          stack.push([child, made]);
        }
      }
      fresh.durable = new Map(fresh.entries);
    }
    this.#root = root;
    this.#epoch.live = false;
    this.#epoch = { live: true };
  }

  /** Deep copy of the current (not crashed) state, durable state included; shares `random`. */
  clone(): MemFs {
    const copy = new MemFs({ random: this.#random });
    const copies = new Map<Node, Node>([[this.#root, copy.#root]]);
    const stack: Array<[DirNode, DirNode]> = [[this.#root, copy.#root]];
    const copyOf = (node: Node): Node => {
      let made = copies.get(node);
      if (made !== undefined) return made;
      made = node.kind === "file" ? node.copy() : new DirNode();
      copies.set(node, made);
      if (node.kind === "dir") stack.push([node, made as DirNode]);
      return made;
    };
    while (stack.length > 0) {
      const [old, fresh] = stack.pop()!;
      for (const [name, child] of old.entries) fresh.entries.set(name, copyOf(child));
      for (const [name, child] of old.durable) fresh.durable.set(name, copyOf(child));
    }
    return copy;
  }

  /** The node at `path`, or undefined if any segment is missing. A file midway is ENOTDIR. */
  #lookup(path: string | string[], syscall: string): Node | undefined {
    const segments = typeof path === "string" ? pathSegments(path) : path;
    let node: Node = this.#root;
    for (const segment of segments) {
      if (node.kind === "file") throw errnoError("ENOTDIR", { syscall, path: segments.join("/") });
      const child: Node | undefined = node.entries.get(segment);
      if (child === undefined) return undefined;
      node = child;
    }
    return node;
  }

  /** The existing directory that holds `path`, and the entry name; ENOENT if it is missing. */
  #parentOf(path: string, syscall: string, dest?: string): { dir: DirNode; name: string } {
    const segments = pathSegments(path);
    if (segments.length === 0) throw errnoError("EISDIR", { syscall, path, dest });
    const dir = this.#lookup(segments.slice(0, -1), syscall);
    if (dir === undefined) throw errnoError("ENOENT", { syscall, path, dest });
    if (dir.kind === "file") throw errnoError("ENOTDIR", { syscall, path, dest });
    return { dir, name: segments[segments.length - 1] };
  }
}

function parentSegments(path: string): string[] {
  return pathSegments(path).slice(0, -1);
}

function lastSegment(path: string): string {
  const segments = pathSegments(path);
  return segments.length === 0 ? "" : segments[segments.length - 1];
}

/** Whether `inner` is `outer` or lies below it. */
function isInside(inner: string[], outer: string[]): boolean {
  return inner.length >= outer.length && outer.every((segment, i) => inner[i] === segment);
}

/** POSIX rename rules for an existing target: file over file, or directory over an empty directory. */
function checkReplace(node: Node, replaced: Node, where: { syscall: string; path: string; dest: string }): void {
  if (node.kind === "file" && replaced.kind === "dir") throw errnoError("EISDIR", where);
  if (node.kind === "dir" && replaced.kind === "file") throw errnoError("ENOTDIR", where);
  if (replaced.kind === "dir" && replaced.entries.size > 0) throw errnoError("ENOTEMPTY", where);
}
