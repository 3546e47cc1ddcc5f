// The live store files of one Store: its own files and, after a split, references into halves of
// the parent's files. Changes are recorded in the store's `.filelist` one at a time; readers are
// leased to scanners, so a file a compaction retires stays open (and on disk) until its last
// scanner closes. Layout: docs/format/data-dir.md.

import { assert } from "../util/assert.ts";
import { log } from "../util/log.ts";
import { type Fs, joinPath, parentPath } from "../platform/fs.ts";
import type { KeyValueScanner } from "../scan/key-value-scanner.ts";
import type { BlockCache } from "../storefile/block-cache.ts";
import { StoreFileReader } from "../storefile/storefile-reader.ts";
import { HalfStoreFileScanner } from "./half-store-file-scanner.ts";
import { LeasedScanner } from "./leased-scanner.ts";
import { ReadWriteLock } from "./row-lock.ts";
import {
  type StoreFileList, type StoreFileReference, readFileList, storeFileName, writeFileList,
} from "./store-file-tracker.ts";
import { killpoint } from "../killpoints.ts";

/** One live file: a reader, and the reference it reads through when it is a parent's half. */
export interface LiveFile {
  readonly reader: StoreFileReader;
  readonly reference?: StoreFileReference;
}

export interface StoreFileSetContext {
  fs: Fs;
  blockCache: BlockCache;
  /** How long a change waits for another one to be recorded. */
  fileListLockWaitMs: number;
}

export class StoreFileSet {
  readonly dir: string;
  readonly #ctx: StoreFileSetContext;
  #list: StoreFileList;
  /** Newest first: own files, then references. */
  #files: LiveFile[];
  readonly #leases = new Map<StoreFileReader, number>();
  /** Readers no longer live, waiting for their last lease; the flag says whether to delete the file. */
  readonly #retired = new Map<StoreFileReader, boolean>();
  readonly #lock = new ReadWriteLock();

  private constructor(ctx: StoreFileSetContext, dir: string, list: StoreFileList, files: LiveFile[]) {
    this.#ctx = ctx;
    this.dir = dir;
    this.#list = list;
    this.#files = files;
  }

  /** Opens the set in `dir` (created if missing), removing files the list does not name. */
  static async open(ctx: StoreFileSetContext, dir: string): Promise<StoreFileSet> {
    await ctx.fs.mkdirs(dir);
    const list = await readFileList(ctx.fs, dir);
    const live = new Set(list.files);
    for (const name of await ctx.fs.list(dir)) {
      if (name.startsWith(".") || live.has(name)) continue;
      log.info("Removing orphaned store file", { path: joinPath(dir, name) });
      await ctx.fs.remove(joinPath(dir, name));
    }
    // The list just read may come from a rename whose directory sync failed: make it durable
    // before serving from it, or a power cut could bring back an older list (T6).
    await ctx.fs.syncDir(dir);
    const files: LiveFile[] = [];
    const open = (path: string) => StoreFileReader.open(ctx.fs, path, { blockCache: ctx.blockCache });
    try {
      for (const name of list.files) files.push({ reader: await open(joinPath(dir, name)) });
      for (const reference of list.refs) files.push({ reader: await open(referencePath(dir, reference)), reference });
    } catch (error) {
      for (const f of files) await f.reader.close();
      throw error;
    }
    return new StoreFileSet(ctx, dir, list, files);
  }

  /** Writes the file list of a daughter store that reads its parent's files through references. */
  static async createWithReferences(fs: Fs, dir: string, list: Pick<StoreFileList, "refs" | "flushedSequenceId">): Promise<void> {
    await fs.mkdirs(dir);
    await writeFileList(fs, dir, { files: [], refs: list.refs, flushedSequenceId: list.flushedSequenceId, nextFileNumber: 1 });
  }

  get files(): readonly LiveFile[] {
    return this.#files;
  }

  get flushedSequenceId(): bigint {
    return this.#list.flushedSequenceId;
  }

  /** Own file names, newest first. */
  get ownFileNames(): readonly string[] {
    return this.#list.files;
  }

  get references(): readonly StoreFileReference[] {
    return this.#list.refs;
  }

  /** A leased scanner over `file` (clamped to its half for a reference). Not yet positioned. */
  scanner(file: LiveFile): KeyValueScanner {
    const { reader, reference } = file;
    assert(!this.#retired.has(reader) || this.#leases.has(reader), "scanner on a disposed store file");
    this.#leases.set(reader, (this.#leases.get(reader) ?? 0) + 1);
    const inner = reference === undefined ? reader.scanner() : new HalfStoreFileScanner(reader.scanner(), reference);
    return new LeasedScanner(inner, () => this.#release(reader));
  }

  /** The path for a new own file, reserving its number. */
  nextFilePath(): string {
    const name = storeFileName(this.#list.nextFileNumber);
    this.#list = { ...this.#list, nextFileNumber: this.#list.nextFileNumber + 1 };
    return joinPath(this.dir, name);
  }

  /**
   * Applies `change` to the live files and records the result durably (with a new flushed
   * sequence id when given). Files the change drops are retired: closed when their last scanner
   * closes, and deleted then when they are this store's own.
   */
  async commit(change: (files: LiveFile[]) => LiveFile[], flushedSequenceId?: bigint): Promise<void> {
    const release = await this.#lock.acquire(true, this.#ctx.fileListLockWaitMs, () => `store file list ${this.dir}`);
    try {
      const next = change([...this.#files]);
      const flushed = flushedSequenceId ?? this.#list.flushedSequenceId;
      assert(flushed >= this.#list.flushedSequenceId, "flushed sequence id went backwards");
      const list: StoreFileList = {
        files: next.filter((f) => f.reference === undefined).map((f) => baseName(f.reader.path)),
        refs: next.flatMap((f) => (f.reference === undefined ? [] : [f.reference])),
        flushedSequenceId: flushed,
        nextFileNumber: this.#list.nextFileNumber,
      };
      await writeFileList(this.#ctx.fs, this.dir, list);
      const kept = new Set(next.map((f) => f.reader));
      for (const old of this.#files) if (!kept.has(old.reader)) this.#retire(old.reader, old.reference === undefined);
      this.#list = { ...list, nextFileNumber: this.#list.nextFileNumber };
      this.#files = next;
    } finally {
      release();
    }
  }

  /** Closes every reader once its scanners are done (at once for unleased ones); deletes nothing. */
  async close(): Promise<void> {
    const files = this.#files;
    this.#files = [];
    const now = files.filter((f) => !this.#leases.has(f.reader));
    for (const f of files) if (this.#leases.has(f.reader)) this.#retire(f.reader, false);
    for (const f of now) await f.reader.close();
  }

  #release(reader: StoreFileReader): void {
    const n = (this.#leases.get(reader) ?? 1) - 1;
    if (n > 0) {
      this.#leases.set(reader, n);
      return;
    }
    this.#leases.delete(reader);
    if (this.#retired.has(reader)) this.#dispose(reader);
  }

  #retire(reader: StoreFileReader, deleteFile: boolean): void {
    this.#retired.set(reader, deleteFile || (this.#retired.get(reader) ?? false));
    if (!this.#leases.has(reader)) this.#dispose(reader);
  }

  #dispose(reader: StoreFileReader): void {
    const deleteFile = this.#retired.get(reader) ?? false;
    this.#retired.delete(reader);
    reader.close()
      .then(() => (deleteFile ? killpoint("compaction.beforeDeleteInput") : undefined))
      .then(() => (deleteFile ? this.#ctx.fs.remove(reader.path) : undefined))
      .then(() => (deleteFile ? killpoint("compaction.afterDeleteInput") : undefined))
      .catch((error) => log.warn("Could not close or remove a retired store file; it is cleaned up on next open", { path: reader.path, error: String(error) }));
  }
}

/** Path of a referenced parent file: <table>/<parent>/<same family dir>/<file>. */
export function referencePath(storeDir: string, reference: StoreFileReference): string {
  const familyDir = baseName(storeDir);
  const tableDir = parentPath(parentPath(storeDir));
  return joinPath(tableDir, reference.parent, familyDir, reference.file);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
