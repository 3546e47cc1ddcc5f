// Writes one WAL segment: creates it durably (header written and synced, directory synced), appends
// framed edit records in batches, and seals it with a trailer at roll or close (docs/format/wal.md).
// One caller at a time: group-commit.ts serializes every call. fs failures come out as
// StorageIOError with the fs error as cause.

import { StorageIOError } from "../api/errors.ts";
import type { FileHandle, Fs } from "../platform/fs.ts";
import { joinPath } from "../platform/fs.ts";
import { assert } from "../util/assert.ts";
import {
  RECORD_HEADER_SIZE,
  RECORD_TYPE_EDIT,
  RECORD_TYPE_TRAILER,
  SEGMENT_HEADER_SIZE,
  encodeSegmentHeader,
  encodeTrailerPayload,
  segmentFileName,
  writeRecord,
} from "./log-format.ts";

export class LogWriter {
  readonly number: bigint;
  readonly path: string;
  #handle: FileHandle;
  #size: number;
  #records: number;
  #unsynced = false;
  #sealed = false;
  #busy = false;
  #closed = false;

  private constructor(number: bigint, path: string, handle: FileHandle, at: { size: number; records: number }) {
    this.number = number;
    this.path = path;
    this.#handle = handle;
    this.#size = at.size;
    this.#records = at.records;
  }

  /**
   * Creates segment `number` in `dir`: the file, its header, a sync of the file and a sync of the
   * directory, so the segment survives power loss before any record in it is acknowledged.
   */
  static async create(fs: Fs, dir: string, number: bigint): Promise<LogWriter> {
    const path = joinPath(dir, segmentFileName(number));
    const handle = await io("create", path, () => fs.open(path, "create"));
    try {
      await io("write the header of", path, () => handle.append(encodeSegmentHeader(number)));
      await io("sync", path, () => handle.sync());
      await io("sync the directory", dir, () => fs.syncDir(dir));
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return new LogWriter(number, path, handle, { size: SEGMENT_HEADER_SIZE, records: 0 });
  }

  /**
   * Reopens a replayed, unsealed segment to seal it: cuts it to `validLength` (the end of its last
   * whole record) when longer; `records` is the number of edits before that point.
   */
  static async resume(fs: Fs, segment: { path: string; number: bigint; validLength: number; records: number }): Promise<LogWriter> {
    const { path, validLength } = segment;
    assert(validLength >= SEGMENT_HEADER_SIZE, "a resumed segment has its header");
    const handle = await io("open", path, () => fs.open(path, "append"));
    const writer = new LogWriter(segment.number, path, handle, { size: validLength, records: segment.records });
    try {
      const size = await io("stat", path, () => handle.size());
      assert(size >= validLength, "the file holds its valid records");
      if (size > validLength) await io("truncate", path, () => handle.truncate(validLength));
      writer.#unsynced = size > validLength;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return writer;
  }

  /** Bytes in the segment, header included. */
  get size(): number {
    return this.#size;
  }

  /** Records written to the segment. */
  get records(): number {
    return this.#records;
  }

  /** True once the trailer is written; nothing may follow it. */
  get sealed(): boolean {
    return this.#sealed;
  }

  /** Frames `payloads` as edit records and writes them in one append. Resolves when write() returned. */
  async append(payloads: readonly Uint8Array[]): Promise<void> {
    this.#enter();
    try {
      const batch = this.#frame(payloads.map((payload) => ({ type: RECORD_TYPE_EDIT, payload })));
      await io("write to", this.path, () => this.#handle.append(batch));
      this.#size += batch.length;
      this.#records += payloads.length;
      this.#unsynced = true;
    } finally {
      this.#busy = false;
    }
  }

  /** Writes the trailer (the edit count); the caller syncs. The segment takes no record after it. */
  async seal(): Promise<void> {
    this.#enter();
    try {
      const trailer = this.#frame([{ type: RECORD_TYPE_TRAILER, payload: encodeTrailerPayload(this.#records) }]);
      await io("write the trailer of", this.path, () => this.#handle.append(trailer));
      this.#size += trailer.length;
      this.#unsynced = true;
      this.#sealed = true;
    } finally {
      this.#busy = false;
    }
  }

  /** Makes every byte written so far durable (fdatasync); a no-op when nothing is unsynced. */
  async sync(): Promise<void> {
    if (!this.#unsynced) return;
    assert(!this.#busy, "one LogWriter call at a time");
    assert(!this.#closed, "LogWriter is open");
    this.#busy = true;
    try {
      await io("sync", this.path, () => this.#handle.sync());
      this.#unsynced = false;
    } finally {
      this.#busy = false;
    }
  }

  /** Closes the file without syncing it (callers sync first unless the WAL is damaged). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await io("close", this.path, () => this.#handle.close());
  }

  #enter(): void {
    assert(!this.#busy, "one LogWriter call at a time");
    assert(!this.#closed, "LogWriter is open");
    assert(!this.#sealed, "nothing is written after the trailer");
    this.#busy = true;
  }

  #frame(records: ReadonlyArray<{ type: number; payload: Uint8Array }>): Uint8Array {
    let total = 0;
    for (const record of records) total += RECORD_HEADER_SIZE + record.payload.length;
    // Over an explicit ArrayBuffer: record framing views `out.buffer`, which a plain
    // `new Uint8Array(n)` would have to materialize on first access.
    const out = new Uint8Array(new ArrayBuffer(total));
    let at = 0;
    for (const record of records) {
      at = writeRecord(out, at, record, { segmentNumber: this.number, fileOffset: this.#size + at });
    }
    assert(at === total, "batch holds exactly its records");
    return out;
  }
}

/** Runs one fs call; a failure becomes StorageIOError naming the action and path, cause = the fs error. */
export async function io<T>(action: string, path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new StorageIOError(`Cannot ${action} WAL file "${path}": ${code}`, { cause: error });
  }
}
