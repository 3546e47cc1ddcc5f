// One-shot data and child watches, keyed by path and owned by a connection (ZooKeeper
// WatchManager). Exist watches share the data table, as in ZooKeeper. A trigger removes what
// it fires; a watcher fired by the data table is not fired again by the child table.

import { assert } from "../../src/util/assert.ts";

/** Receives the notifications of the watches it set (a client connection). */
export interface Watcher {
  notify(type: number, path: string): void;
}

type Table = Map<string, Set<Watcher>>;

export class WatchManager {
  readonly #data: Table = new Map();
  readonly #child: Table = new Map();
  readonly #perWatcher = new Map<Watcher, number>();
  readonly #perWatcherMax: number;

  constructor(perWatcherMax: number) {
    assert(perWatcherMax > 0, "watch limit must be positive");
    this.#perWatcherMax = perWatcherMax;
  }

  /** Total registered watches. */
  get count(): number {
    let n = 0;
    for (const v of this.#perWatcher.values()) n += v;
    return n;
  }

  /** Adds a data (or exist) watch; false when the watcher is at its limit. */
  addData(path: string, w: Watcher): boolean {
    return this.#add(this.#data, path, w);
  }

  /** Adds a child watch; false when the watcher is at its limit. */
  addChild(path: string, w: Watcher): boolean {
    return this.#add(this.#child, path, w);
  }

  #add(table: Table, path: string, w: Watcher): boolean {
    let set = table.get(path);
    if (set?.has(w)) return true;
    const held = this.#perWatcher.get(w) ?? 0;
    if (held >= this.#perWatcherMax) return false;
    if (set === undefined) table.set(path, (set = new Set()));
    set.add(w);
    this.#perWatcher.set(w, held + 1);
    return true;
  }

  /** Fires and removes the data watches of `path`; returns who was notified. */
  triggerData(path: string, type: number): Set<Watcher> {
    return this.#trigger(this.#data, path, type, undefined);
  }

  /** Fires and removes the child watches of `path`, skipping watchers in `suppress`. */
  triggerChild(path: string, type: number, suppress?: Set<Watcher>): Set<Watcher> {
    return this.#trigger(this.#child, path, type, suppress);
  }

  #trigger(table: Table, path: string, type: number, suppress: Set<Watcher> | undefined): Set<Watcher> {
    const set = table.get(path);
    if (set === undefined) return new Set();
    table.delete(path);
    for (const w of set) {
      this.#release(w);
      if (suppress === undefined || !suppress.has(w)) w.notify(type, path);
    }
    return set;
  }

  #release(w: Watcher): void {
    const held = this.#perWatcher.get(w) ?? 0;
    assert(held > 0, "released a watch that was never counted");
    if (held === 1) this.#perWatcher.delete(w);
    else this.#perWatcher.set(w, held - 1);
  }

  /** Removes every watch `w` holds (its connection closed). */
  removeWatcher(w: Watcher): void {
    if (!this.#perWatcher.has(w)) return;
    for (const table of [this.#data, this.#child]) {
      for (const [path, set] of table) {
        if (set.delete(w)) this.#release(w);
        if (set.size === 0) table.delete(path);
      }
    }
    assert(!this.#perWatcher.has(w), "watch count left after removing a watcher");
  }
}
