// Read/write locks: per-row locks (data-semantics.md §4.9: atomic operations take the row
// exclusively, plain Put/Delete batches share it) and the region's updates lock (writers share it
// while they log and apply; a flush takes it exclusively to cut a consistent MemStore snapshot).
// Waits are bounded; a timeout is a typed error. Exclusive waiters block new shared holders.

import { assert } from "../util/assert.ts";
import { toByteString, toStringBinary } from "../util/bytes.ts";
import { TimeoutIOError } from "../api/errors.ts";

interface Waiter {
  exclusive: boolean;
  grant: () => void;
}

/** A fair read/write lock with FIFO hand-off. */
export class ReadWriteLock {
  #readers = 0;
  #writer = false;
  readonly #queue: Waiter[] = [];

  get idle(): boolean {
    return this.#readers === 0 && !this.#writer && this.#queue.length === 0;
  }

  /** Acquires; rejects with TimeoutIOError after `waitMs`. Returns the release function. */
  acquire(exclusive: boolean, waitMs: number, what: () => string): Promise<() => void> {
    if (this.#queue.length === 0 && this.#canGrant(exclusive)) return Promise.resolve(this.#grant(exclusive));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        exclusive,
        grant: () => {
          clearTimeout(timer);
          resolve(this.#grant(exclusive));
        },
      };
      const timer = setTimeout(() => {
        const i = this.#queue.indexOf(waiter);
        if (i < 0) return;
        this.#queue.splice(i, 1);
        reject(new TimeoutIOError(`Timed out waiting for lock for ${what()} after ${waitMs} ms`));
        this.#drain();
      }, waitMs);
      this.#queue.push(waiter);
    });
  }

  /** Acquires at once when nobody holds or waits for it in a conflicting way; else undefined. */
  tryAcquire(exclusive: boolean): (() => void) | undefined {
    return this.#queue.length === 0 && this.#canGrant(exclusive) ? this.#grant(exclusive) : undefined;
  }

  #canGrant(exclusive: boolean): boolean {
    return exclusive ? this.#readers === 0 && !this.#writer : !this.#writer;
  }

  #grant(exclusive: boolean): () => void {
    if (exclusive) this.#writer = true;
    else this.#readers++;
    let released = false;
    return () => {
      assert(!released, "lock released twice");
      released = true;
      if (exclusive) this.#writer = false;
      else this.#readers--;
      this.#drain();
    };
  }

  #drain(): void {
    while (this.#queue.length > 0 && this.#canGrant(this.#queue[0].exclusive)) {
      this.#queue.shift()!.grant();
    }
  }
}

/** The row locks of one region, created on demand and dropped when idle. */
export class RowLocks {
  readonly #locks = new Map<string, ReadWriteLock>();
  readonly #waitMs: number;

  constructor(waitMs: number) {
    this.#waitMs = waitMs;
  }

  /**
   * Locks every row (deduplicated, in sorted order so batches cannot deadlock). Returns the release.
   * Rows nobody holds are taken at once; only a row that must be waited for costs an await.
   */
  lockRows(rows: Uint8Array[], exclusive: boolean): Promise<() => void> {
    // Byte strings sort as the rows do (compareBytes) and hash as Map keys.
    const keys = rows.length === 1 ? [toByteString(rows[0])] : [...new Set(rows.map(toByteString))].sort();
    const releases: (() => void)[] = [];
    for (let i = 0; i < keys.length; i++) {
      const release = this.#lockOf(keys[i]).tryAcquire(exclusive);
      if (release === undefined) return this.#lockRest(keys, releases, i, exclusive);
      releases.push(release);
    }
    return Promise.resolve(() => this.#releaseAll(keys, releases));
  }

  /** Waits for the rows from `keys[from]` on, in order, after the ones in `releases` are held. */
  async #lockRest(keys: string[], releases: (() => void)[], from: number, exclusive: boolean): Promise<() => void> {
    try {
      for (let i = from; i < keys.length; i++) {
        const key = keys[i];
        releases.push(await this.#lockOf(key).acquire(exclusive, this.#waitMs, () => `row: ${toStringBinary(byteStringToBytes(key))}`));
      }
    } catch (error) {
      this.#releaseAll(keys, releases);
      throw error;
    }
    return () => this.#releaseAll(keys, releases);
  }

  #lockOf(key: string): ReadWriteLock {
    let lock = this.#locks.get(key);
    if (lock === undefined) {
      lock = new ReadWriteLock();
      this.#locks.set(key, lock);
    }
    return lock;
  }

  #releaseAll(keys: string[], releases: (() => void)[]): void {
    for (const release of releases) release();
    for (const key of keys) {
      const lock = this.#locks.get(key);
      if (lock !== undefined && lock.idle) this.#locks.delete(key);
    }
  }
}

/** The inverse of toByteString. */
function byteStringToBytes(key: string): Uint8Array {
  const out = new Uint8Array(key.length);
  for (let i = 0; i < out.length; i++) out[i] = key.charCodeAt(i);
  return out;
}
