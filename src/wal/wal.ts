// The write-ahead log of one directory (DESIGN.md "The life of a write"; docs/format/wal.md):
// replay on open, group-committed appends with per-call durability, rolling to a new segment past
// LIMITS.walSegmentBytesMax, and deleting segments whose edits are all flushed to store files.
// After any failed write or sync the WAL is damaged and acknowledges nothing more (fsyncgate).

import { DoNotRetryIOError, WALClosedError } from "../api/errors.ts";
import type { Fs } from "../platform/fs.ts";
import { joinPath, parentPath } from "../platform/fs.ts";
import { assert, invariantsEnabled } from "../util/assert.ts";
import { type Limits, resolveLimits } from "../util/limits.ts";
import { GroupCommit, type PendingEdit } from "./group-commit.ts";
import { SEGMENT_HEADER_SIZE, segmentFileName } from "./log-format.ts";
import { LogWriter, io } from "./log-writer.ts";
import { listSegments, replaySegments } from "./replay.ts";
import { SequenceIdAccounting } from "./sequence-id-accounting.ts";
import { type WALEdit, type WALSyncMode, decodeWALEdit, encodeWALEdit, walEditSize } from "./wal-edit.ts";
import { killpoint } from "../killpoints.ts";

type State = "opened" | "replaying" | "open" | "closed";

export class WAL {
  readonly #fs: Fs;
  readonly #dir: string;
  readonly #limits: Limits;
  readonly #commit: GroupCommit;
  readonly #accounting = new SequenceIdAccounting();
  #writer: LogWriter | undefined;
  #state: State = "opened";

  private constructor(fs: Fs, dir: string, limits: Limits) {
    this.#fs = fs;
    this.#dir = dir;
    this.#limits = limits;
    this.#commit = new GroupCommit({
      pendingAppendsMax: limits.walPendingAppendsMax,
      batchBytesMax: limits.walGroupCommitBytesMax,
      commit: (batch) => this.#commitBatch(batch),
      name: dir,
    });
  }

  /** Opens the WAL directory `dir` (created if missing). Does not write until replay() or append(). */
  static async open(options: { fs: Fs; dir: string; limits?: Partial<Limits> }): Promise<WAL> {
    const limits = resolveLimits(options.limits);
    assert(limits.walSegmentBytesMax > SEGMENT_HEADER_SIZE, "a segment holds more than its header");
    assert(limits.walRecordBytesMax >= 1, "a record may hold a payload");
    const { fs, dir } = options;
    if (!(await io("look for", dir, () => fs.exists(dir)))) {
      await io("create", dir, () => fs.mkdirs(dir));
      await io("sync the directory", parentPath(dir), () => fs.syncDir(parentPath(dir)));
    }
    return new WAL(fs, dir, limits);
  }

  /**
   * Reads every existing segment in order and calls `visit` for each edit; must be called once,
   * before the first append(). A torn tail of the last segment is cut (and logged); corruption
   * anywhere else throws CorruptWALError. Then starts a new segment for the appends to come.
   */
  async replay(visit: (edit: WALEdit) => void): Promise<{ segments: number; edits: number; truncatedBytes: number }> {
    assert(this.#state === "opened", "replay() is called once, before any append()");
    this.#state = "replaying";
    const result = await replaySegments({ fs: this.#fs, dir: this.#dir, recordBytesMax: this.#limits.walRecordBytesMax, visit });
    for (const segment of result.kept) this.#accounting.addSegment(segment.number, segment.regions);
    const writer = await LogWriter.create(this.#fs, this.#dir, result.highestNumber + 1n);
    this.#accounting.addSegment(writer.number);
    this.#writer = writer;
    if ((this.#state as State) === "closed") {
      await writer.close();
      throw new WALClosedError(`WAL "${this.#dir}" was closed during replay`);
    }
    this.#state = "open";
    return { segments: result.segments, edits: result.edits, truncatedBytes: result.truncatedBytes };
  }

  /**
   * Appends one edit, in call order. Resolves per `mode`: "async" once queued, "sync" after the
   * write returned, "fsync" after fdatasync returned. Rejects with StorageIOError when its own
   * write or sync failed, DamagedWALError after any earlier failure, DoNotRetryIOError when the
   * edit is larger than LIMITS.walRecordBytesMax.
   */
  append(edit: WALEdit, mode: WALSyncMode): Promise<void> {
    if (this.#state === "closed") return Promise.reject(this.#closedError("append to"));
    assert(this.#state === "open", "append() comes after replay()");
    const size = walEditSize(edit);
    if (size > this.#limits.walRecordBytesMax) {
      const message = `Cannot append an edit of ${size} bytes to WAL "${this.#dir}": limit is ${this.#limits.walRecordBytesMax}`;
      return Promise.reject(new DoNotRetryIOError(message));
    }
    const payload = encodeWALEdit(edit);
    if (invariantsEnabled()) checkRoundTrip(edit, payload);
    return this.#commit.append({ payload, mode, regionName: edit.regionName, sequenceId: edit.sequenceId });
  }

  /** Resolves when everything appended so far is written and fsynced. */
  sync(): Promise<void> {
    if (this.#state === "closed") return Promise.reject(this.#closedError("sync"));
    if (this.#state !== "open") return Promise.resolve();
    return this.#commit.run(() => this.#currentWriter().sync().then(() => killpoint("wal.afterSync")));
  }

  /**
   * Records that `regionName`'s edits up to `sequenceId` are in store files, then deletes every
   * segment other than the current one whose edits are all flushed.
   */
  async markFlushed(regionName: string, sequenceId: bigint): Promise<void> {
    this.#accounting.markFlushed(regionName, sequenceId);
    await this.#deleteFlushedSegments();
  }

  /** Forgets a region entirely (table dropped): its edits no longer keep segments alive. */
  async forgetRegion(regionName: string): Promise<void> {
    this.#accounting.forgetRegion(regionName);
    await this.#deleteFlushedSegments();
  }

  /** Seals and syncs the current segment, then starts a new one; a no-op while the current holds no record. */
  roll(): Promise<void> {
    if (this.#state === "closed") return Promise.reject(this.#closedError("roll"));
    if (this.#state !== "open") return Promise.resolve();
    return this.#commit.run(() => this.#rollNow());
  }

  /** Writes everything appended, seals and syncs the segment, closes. Rejects with DamagedWALError when damaged. */
  async close(): Promise<void> {
    if (this.#state === "closed") return;
    this.#state = "closed";
    if (this.#writer === undefined) return;
    try {
      await this.#commit.run(async () => {
        const writer = this.#currentWriter();
        await writer.seal();
        await writer.sync();
        await writer.close();
      });
    } catch (error) {
      await this.#currentWriter().close().catch(() => undefined);
      throw error;
    }
  }

  /** Segment file names currently on disk, in write order. */
  segments(): Promise<string[]> {
    return io("list", this.#dir, () => listSegments(this.#fs, this.#dir));
  }

  async #commitBatch(batch: readonly PendingEdit[]): Promise<void> {
    const writer = this.#currentWriter();
    for (const edit of batch) this.#accounting.record(writer.number, edit.regionName, edit.sequenceId);
    await writer.append(batch.map((edit) => edit.payload));
    killpoint("wal.afterAppend");
    if (batch.some((edit) => edit.mode === "fsync")) await writer.sync();
    if (batch.some((edit) => edit.mode === "fsync")) killpoint("wal.afterSync");
    if (writer.size >= this.#limits.walSegmentBytesMax) this.#commit.runNext(() => this.#rollNow());
  }

  async #rollNow(): Promise<void> {
    const old = this.#currentWriter();
    if (old.records === 0) return;
    await old.seal();
    await old.sync();
    await old.close();
    const next = await LogWriter.create(this.#fs, this.#dir, old.number + 1n);
    this.#accounting.addSegment(next.number);
    this.#writer = next;
  }

  async #deleteFlushedSegments(): Promise<void> {
    const numbers = this.#accounting.takeFlushedSegments(this.#writer?.number);
    if (numbers.length === 0) return;
    for (const number of numbers) {
      const path = joinPath(this.#dir, segmentFileName(number));
      await io("remove", path, () => this.#fs.remove(path));
    }
    await io("sync the directory", this.#dir, () => this.#fs.syncDir(this.#dir));
  }

  #currentWriter(): LogWriter {
    const writer = this.#writer;
    assert(writer !== undefined, "a segment is open after replay()");
    return writer;
  }

  #closedError(action: string): WALClosedError {
    return new WALClosedError(`Cannot ${action} WAL "${this.#dir}": it is closed`);
  }
}

/** Costly check, tests only: the payload decodes back to the edit's shape. */
function checkRoundTrip(edit: WALEdit, payload: Uint8Array): void {
  const back = decodeWALEdit(payload);
  assert(back.regionName === edit.regionName, "region name survives encoding");
  assert(back.sequenceId === edit.sequenceId, "sequence id survives encoding");
  assert(back.cells.length === edit.cells.length, "cell count survives encoding");
}
