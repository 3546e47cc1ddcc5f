// The location cache: per table, regions ordered by start key, found by binary search. Adding a
// region drops every cached region it overlaps (a split or merge replaced them); a dead server's
// regions are dropped together. Only found regions are cached, never "not found" answers.

import { compareBytes } from "../../src/util/bytes.ts";
import { assert, invariantsEnabled } from "../../src/util/assert.ts";
import { type TableName, tableNameString } from "../../src/api/table-name.ts";
import { addressKey } from "../rpc/connection-pool.ts";
import { containsRow, type RegionLocation } from "./region-location.ts";

function overlaps(a: RegionLocation, b: RegionLocation): boolean {
  const aEndsBeforeB = a.region.endKey.length > 0 && compareBytes(a.region.endKey, b.region.startKey) <= 0;
  const bEndsBeforeA = b.region.endKey.length > 0 && compareBytes(b.region.endKey, a.region.startKey) <= 0;
  return !aEndsBeforeB && !bEndsBeforeA;
}

export class RegionCache {
  readonly #tables = new Map<string, RegionLocation[]>();

  /** The cached region holding `row`, or undefined. */
  find(table: TableName, row: Uint8Array): RegionLocation | undefined {
    const list = this.#tables.get(tableNameString(table));
    if (list === undefined) return undefined;
    const i = this.#lastStartingAtOrBefore(list, row, true);
    if (i < 0) return undefined;
    return containsRow(list[i].region, row) ? list[i] : undefined;
  }

  /** The cached region holding the rows just before `key` (its end key is `key`), or undefined. */
  findBefore(table: TableName, key: Uint8Array): RegionLocation | undefined {
    const list = this.#tables.get(tableNameString(table));
    if (list === undefined) return undefined;
    if (key.length === 0) {
      const last = list[list.length - 1];
      return last !== undefined && last.region.endKey.length === 0 ? last : undefined;
    }
    const i = this.#lastStartingAtOrBefore(list, key, false);
    if (i < 0) return undefined;
    const end = list[i].region.endKey;
    return end.length === 0 || compareBytes(key, end) <= 0 ? list[i] : undefined;
  }

  add(location: RegionLocation): void {
    const key = tableNameString(location.region.table);
    const list = (this.#tables.get(key) ?? []).filter((l) => !overlaps(l, location));
    const at = this.#lastStartingAtOrBefore(list, location.region.startKey, true) + 1;
    list.splice(at, 0, location);
    this.#tables.set(key, list);
    if (invariantsEnabled()) this.#checkOrder(list);
  }

  /** Drops `location` if it is still the cached entry for its range. */
  remove(location: RegionLocation): void {
    const key = tableNameString(location.region.table);
    const list = this.#tables.get(key);
    if (list === undefined) return;
    const i = list.indexOf(location);
    if (i >= 0) list.splice(i, 1);
  }

  /** Drops every region served by `address` ("host:port"). */
  removeServer(address: string): number {
    let dropped = 0;
    for (const [key, list] of this.#tables) {
      const kept = list.filter((l) => l.server === undefined || addressKey(l.server) !== address);
      dropped += list.length - kept.length;
      this.#tables.set(key, kept);
    }
    return dropped;
  }

  clearTable(table: TableName): void {
    this.#tables.delete(tableNameString(table));
  }

  /** Index of the last region with startKey <= key (or < key when inclusive is false); -1 if none. */
  #lastStartingAtOrBefore(list: RegionLocation[], key: Uint8Array, inclusive: boolean): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareBytes(list[mid].region.startKey, key);
      if (c < 0 || (inclusive && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  #checkOrder(list: RegionLocation[]): void {
    for (let i = 1; i < list.length; i++) {
      assert(compareBytes(list[i - 1].region.startKey, list[i].region.startKey) < 0, "cached regions are ordered by start key");
    }
  }
}
