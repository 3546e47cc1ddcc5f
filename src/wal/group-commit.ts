// Group commit: appends queue up while one write (+ sync) is in flight and then go out together,
// in append order, in one write and at most one sync. Tasks (sync, roll, close) run in the same
// order as the appends around them. After any failure nothing more is acknowledged: the failing
// batch rejects with its error, everything queued or appended later with DamagedWALError.

import { DamagedWALError, ShaleError, StorageIOError } from "../api/errors.ts";
import { AssertionError, assert } from "../util/assert.ts";
import { log } from "../util/log.ts";
import type { WALSyncMode } from "./wal-edit.ts";

/** One edit waiting to be written: its encoded payload and what it is accounted to. */
export interface PendingEdit {
  readonly payload: Uint8Array;
  readonly mode: WALSyncMode;
  readonly regionName: string;
  readonly sequenceId: bigint;
}

export interface GroupCommitOptions {
  /** Edits in the queue; further appends wait in arrival order (LIMITS.walPendingAppendsMax). */
  pendingAppendsMax: number;
  /** Payload bytes per batch; a batch always takes at least one edit (LIMITS.walGroupCommitBytesMax). */
  batchBytesMax: number;
  /** Writes a batch, and syncs it when any edit asked fsync. Throws on any fs failure. */
  commit: (batch: readonly PendingEdit[]) => Promise<void>;
  /** Describes the WAL in DamagedWALError messages. */
  name: string;
}

const RESOLVED: Promise<void> = Promise.resolve();
const ignore = (): void => undefined;

type Item =
  | { kind: "edit"; edit: PendingEdit; resolve: () => void; reject: (error: unknown) => void }
  | { kind: "task"; run: () => Promise<void>; resolve: () => void; reject: (error: unknown) => void };

export class GroupCommit {
  #options: GroupCommitOptions;
  #queue: Item[] = [];
  #waiting: Item[] = [];
  #queuedEdits = 0;
  #running = false;
  #damage: unknown = undefined;
  #damaged = false;

  constructor(options: GroupCommitOptions) {
    assert(options.pendingAppendsMax >= 1, "queue holds at least one edit");
    assert(options.batchBytesMax >= 1, "batch holds at least one byte");
    this.#options = options;
  }

  /** True once a write or sync failed; nothing is acknowledged after that. */
  get damaged(): boolean {
    return this.#damaged;
  }

  /** Queues `edit`; see WALSyncMode for when the promise resolves. */
  append(edit: PendingEdit): Promise<void> {
    if (this.#damaged) return Promise.reject(this.#damagedError());
    if (edit.mode === "async" && this.#canEnqueueEdit()) {
      // Acknowledged once queued: nothing settles it later, so it needs no promise of its own.
      this.#enter({ kind: "edit", edit, resolve: ignore, reject: ignore });
      return RESOLVED;
    }
    return new Promise<void>((resolve, reject) => this.#enter({ kind: "edit", edit, resolve, reject }));
  }

  /** Whether an edit entering now goes straight into the queue (so an async one is acked at once). */
  #canEnqueueEdit(): boolean {
    return this.#waiting.length === 0 && this.#queuedEdits < this.#options.pendingAppendsMax;
  }

  /** Runs `run` after everything queued before it is committed, and before anything queued after. */
  run(run: () => Promise<void>): Promise<void> {
    if (this.#damaged) return Promise.reject(this.#damagedError());
    return new Promise<void>((resolve, reject) => this.#enter({ kind: "task", run, resolve, reject }));
  }

  /** From inside commit: runs `run` right after the current batch, ahead of the queue. */
  runNext(run: () => Promise<void>): void {
    assert(this.#running, "runNext is called from inside a commit");
    this.#queue.unshift({ kind: "task", run, resolve: () => undefined, reject: () => undefined });
  }

  /** A DamagedWALError for a caller that arrives after the failure. */
  #damagedError(): DamagedWALError {
    return new DamagedWALError(
      `Cannot append to WAL "${this.#options.name}": an earlier write or sync failed, nothing more is acknowledged`,
      { cause: this.#damage },
    );
  }

  #enter(item: Item): void {
    const full = this.#queuedEdits >= this.#options.pendingAppendsMax;
    if (this.#waiting.length > 0 || (item.kind === "edit" && full)) this.#waiting.push(item);
    else this.#enqueue(item);
    this.#kick();
  }

  #enqueue(item: Item): void {
    this.#queue.push(item);
    if (item.kind !== "edit") return;
    this.#queuedEdits++;
    if (item.edit.mode === "async") item.resolve();
  }

  /** Moves waiting items into the queue, in order, while it has room. */
  #refill(): void {
    while (this.#waiting.length > 0) {
      const next = this.#waiting[0];
      if (next.kind === "edit" && this.#queuedEdits >= this.#options.pendingAppendsMax) return;
      this.#waiting.shift();
      this.#enqueue(next);
    }
  }

  #kick(): void {
    if (this.#running) return;
    this.#running = true;
    queueMicrotask(() => void this.#drain());
  }

  async #drain(): Promise<void> {
    assert(this.#running, "drain runs flagged");
    while (this.#queue.length > 0 && !this.#damaged) {
      const head = this.#queue[0];
      if (head.kind === "task") {
        this.#queue.shift();
        this.#refill();
        await this.#runTask(head);
      } else {
        const batch = this.#takeBatch();
        this.#refill();
        await this.#commitBatch(batch);
      }
    }
    this.#running = false;
  }

  /** Takes the leading edits up to the byte budget (at least one). */
  #takeBatch(): Array<Item & { kind: "edit" }> {
    const batch: Array<Item & { kind: "edit" }> = [];
    let bytes = 0;
    while (this.#queue.length > 0) {
      const head = this.#queue[0];
      if (head.kind !== "edit") break;
      if (batch.length > 0 && bytes + head.edit.payload.length > this.#options.batchBytesMax) break;
      this.#queue.shift();
      batch.push(head);
      bytes += head.edit.payload.length;
    }
    assert(batch.length > 0, "a batch holds at least one edit");
    this.#queuedEdits -= batch.length;
    return batch;
  }

  async #commitBatch(batch: Array<Item & { kind: "edit" }>): Promise<void> {
    try {
      await this.#options.commit(batch.map((item) => item.edit));
    } catch (error) {
      const failure = asShaleError(error);
      for (const item of batch) item.reject(failure);
      this.#fail(failure);
      return;
    }
    for (const item of batch) item.resolve();
  }

  async #runTask(task: Item & { kind: "task" }): Promise<void> {
    try {
      await task.run();
    } catch (error) {
      const failure = asShaleError(error);
      task.reject(failure);
      this.#fail(failure);
      return;
    }
    task.resolve();
  }

  /** Marks the WAL damaged and rejects everything still queued or waiting. */
  #fail(cause: unknown): void {
    this.#damaged = true;
    this.#damage = cause;
    log.warn("WAL damaged: nothing more is acknowledged on it", { wal: this.#options.name, cause: String(cause) });
    const rest = [...this.#queue, ...this.#waiting];
    this.#queue = [];
    this.#waiting = [];
    this.#queuedEdits = 0;
    for (const item of rest) item.reject(this.#damagedError());
  }
}

/** Typed errors pass through; anything else (an unexpected throw) becomes a StorageIOError. */
function asShaleError(error: unknown): unknown {
  if (error instanceof ShaleError) return error;
  if (error instanceof AssertionError) return error;
  return new StorageIOError(`WAL write failed: ${String(error)}`, { cause: error });
}
