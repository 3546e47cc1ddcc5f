// The optional Get response cache (Hank's ResponseCacheNumItems / ResponseCacheExpiryTime): a
// bounded map of recent single-row Get results by (table, encoded Get), dropped after a TTL and
// for a row when this client writes to it. Off unless responseCacheEntriesMax > 0. Reads may be
// up to the TTL stale with respect to other writers; that is the trade the option makes.

import { assert } from "../../src/util/assert.ts";
import type { Result } from "../../src/api/result.ts";

interface Entry {
  result: Result;
  row: string;
  expiresAt: number;
}

export class ResponseCache {
  readonly #entriesMax: number;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(options: { entriesMax: number; ttlMs: number; now?: () => number }) {
    assert(options.entriesMax > 0, "a response cache holds at least one entry");
    this.#entriesMax = options.entriesMax;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): Result | undefined {
    const e = this.#entries.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e.result;
  }

  put(key: string, row: string, result: Result): void {
    if (this.#entries.size >= this.#entriesMax) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { result, row, expiresAt: this.#now() + this.#ttlMs });
  }

  /** Drops every cached Get of `row` (this client wrote it). */
  invalidateRow(row: string): void {
    for (const [k, e] of this.#entries) if (e.row === row) this.#entries.delete(k);
  }
}
