// The one small file-system interface all engine I/O goes through, so tests can swap in the
// crash-simulating MemFs and the fault-injecting FaultFs (TESTING.md T3, T6). Paths are '/'-joined
// strings. Durability is explicit: bytes are durable only after FileHandle.sync(); a created,
// renamed or removed directory entry only after syncDir() on its parent.

/** An open file. Reads are positional; writes append at the end (the engine never overwrites). */
export interface FileHandle {
  readonly path: string;
  /** Appends all of `data` at the end of the file. */
  append(data: Uint8Array): Promise<void>;
  /** Reads up to `length` bytes at `position`; shorter only at end of file. Returns a new array. */
  read(position: number, length: number): Promise<Uint8Array>;
  /** Makes the file's data durable (fdatasync). A failure is final: never retry a failed sync. */
  sync(): Promise<void>;
  /** Current size in bytes, including unsynced appends. */
  size(): Promise<number>;
  /** Cuts the file to `length` bytes (used to drop a torn WAL tail). */
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export type OpenMode =
  /** Existing file, read only. */
  | "read"
  /** Existing file, read and append. */
  | "append"
  /** New file, read and append; fails if it exists. */
  | "create";

export interface Fs {
  open(path: string, mode: OpenMode): Promise<FileHandle>;
  /** Whole file. */
  readFile(path: string): Promise<Uint8Array>;
  /** Atomically replaces `to` with `from` (POSIX rename). */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; no error if it is already gone. */
  remove(path: string): Promise<void>;
  /** Removes a directory tree; no error if it is already gone. */
  removeTree(path: string): Promise<void>;
  /** Creates a directory and its missing parents. */
  mkdirs(path: string): Promise<void>;
  /** Names (not paths) of the entries of a directory, sorted; [] if it does not exist. */
  list(path: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  /** Makes the directory's entries (creates, renames, removes) durable. */
  syncDir(path: string): Promise<void>;
}

/** Joins path segments with '/'. */
export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join("/").replace(/\/{2,}/g, "/");
}

/** Parent directory of `path`. */
export function parentPath(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? (i === 0 ? "/" : ".") : path.slice(0, i);
}

/** Writes `data` to `path` durably and atomically: temp file, sync, rename, sync directory. */
export async function writeFileAtomic(fs: Fs, path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`;
  await fs.remove(tmp);
  const handle = await fs.open(tmp, "create");
  try {
    await handle.append(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, path);
  await fs.syncDir(parentPath(path));
}
