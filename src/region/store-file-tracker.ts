// The list of live store files of one Store, kept in the Store directory as `.filelist` and
// replaced atomically (temp file, sync, rename, directory sync), as HBase's file-based store file
// tracker does. A store file not named in the list is an orphan of an interrupted flush or
// compaction and is removed on open. Layout: docs/format/data-dir.md.

import { pack, unpack } from "msgpackr";
import { crc32c } from "../util/crc32c.ts";
import { CorruptStoreFileError } from "../api/errors.ts";
import { type Fs, joinPath, writeFileAtomic } from "../platform/fs.ts";

export const FILELIST_NAME = ".filelist";
const FILELIST_VERSION = 1;

/** Half of a parent region's store file, read by a daughter after a split. */
export interface StoreFileReference {
  /** Encoded name of the parent region that owns the file. */
  readonly parent: string;
  /** The file's name in the parent's store directory of the same family. */
  readonly file: string;
  readonly splitRow: Uint8Array;
  /** True: rows >= splitRow; false: rows < splitRow. */
  readonly top: boolean;
}

export interface StoreFileList {
  /** Live store file names, newest first. */
  readonly files: readonly string[];
  /** References into the parent's files (older than every own file). */
  readonly refs: readonly StoreFileReference[];
  /** Every edit of this store with a sequence id <= this is in the files above. */
  readonly flushedSequenceId: bigint;
  /** Next number for a new store file name. */
  readonly nextFileNumber: number;
}

export const EMPTY_FILE_LIST: StoreFileList = { files: [], refs: [], flushedSequenceId: 0n, nextFileNumber: 1 };

interface StoredReference { p: string; f: string; s: Uint8Array; t: boolean }

/** Reads the list, or the empty list if the store has none yet. */
export async function readFileList(fs: Fs, storeDir: string): Promise<StoreFileList> {
  const path = joinPath(storeDir, FILELIST_NAME);
  if (!(await fs.exists(path))) return EMPTY_FILE_LIST;
  const bytes = await fs.readFile(path);
  if (bytes.length < 4) throw new CorruptStoreFileError(`Cannot read store file list "${path}": truncated`);
  const body = bytes.subarray(4);
  const stored = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
  if (crc32c(body) !== stored) throw new CorruptStoreFileError(`Cannot read store file list "${path}": checksum mismatch`);
  const record = unpack(body) as { v: number; files: string[]; refs?: StoredReference[]; flushed: string; next: number };
  if (record.v !== FILELIST_VERSION) throw new CorruptStoreFileError(`Cannot read store file list "${path}": version ${record.v}`);
  const refs = (record.refs ?? []).map((r) => ({ parent: r.p, file: r.f, splitRow: new Uint8Array(r.s), top: r.t }));
  return { files: record.files, refs, flushedSequenceId: BigInt(record.flushed), nextFileNumber: record.next };
}

/** Durably replaces the list. */
export async function writeFileList(fs: Fs, storeDir: string, list: StoreFileList): Promise<void> {
  const refs: StoredReference[] = list.refs.map((r) => ({ p: r.parent, f: r.file, s: r.splitRow, t: r.top }));
  const body = pack({ v: FILELIST_VERSION, files: list.files, refs, flushed: list.flushedSequenceId.toString(), next: list.nextFileNumber });
  const bytes = new Uint8Array(4 + body.length);
  new DataView(bytes.buffer).setUint32(0, crc32c(body));
  bytes.set(body, 4);
  await writeFileAtomic(fs, joinPath(storeDir, FILELIST_NAME), bytes);
}

/** Name of store file number `n`. */
export function storeFileName(n: number): string {
  return `${n.toString().padStart(10, "0")}.sf`;
}
