// A skip list of cells in compareCells order: the MemStore's sorted map. Single-threaded (one JS
// event loop), so inserts never race iteration; a node once linked stays linked, so an iterator
// positioned on a node can always continue from it.

import { assert, invariantsEnabled } from "../util/assert.ts";
import type { Cell } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";

const LEVEL_MAX = 24;
const P_INVERSE = 4; // each level holds ~1/4 of the nodes of the one below

export interface SkipNode {
  readonly cell: Cell;
  readonly next: (SkipNode | null)[];
}

export class SkipList {
  readonly #head: SkipNode = { cell: undefined as unknown as Cell, next: new Array(LEVEL_MAX).fill(null) };
  #level = 1;
  #count = 0;
  #seed = 0x2545f491;

  get count(): number {
    return this.#count;
  }

  /** Inserts `cell`; an identical key (including sequence id) replaces the value in place. */
  insert(cell: Cell): boolean {
    const update = new Array<SkipNode>(LEVEL_MAX);
    let x = this.#head;
    for (let i = this.#level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && compareCells(n.cell, cell) < 0) {
        x = n;
        n = x.next[i];
      }
      update[i] = x;
    }
    const same = x.next[0];
    if (same !== null && compareCells(same.cell, cell) === 0) {
      (same as { cell: Cell }).cell = cell;
      return false;
    }
    const level = this.#randomLevel();
    for (let i = this.#level; i < level; i++) update[i] = this.#head;
    this.#level = Math.max(this.#level, level);
    const node: SkipNode = { cell, next: new Array(level).fill(null) };
    for (let i = 0; i < level; i++) {
      node.next[i] = update[i].next[i];
      update[i].next[i] = node;
    }
    this.#count++;
    if (invariantsEnabled() && node.next[0] !== null) assert(compareCells(cell, node.next[0].cell) < 0, "skip list order");
    return true;
  }

  /** First node, or null. */
  first(): SkipNode | null {
    return this.#head.next[0];
  }

  /** First node with cell >= key, or null. */
  ceiling(key: Cell): SkipNode | null {
    return this.#lastBefore(key).next[0];
  }

  /** Last node with cell < key, or null. */
  lower(key: Cell): SkipNode | null {
    const x = this.#lastBefore(key);
    return x === this.#head ? null : x;
  }

  /** Last node, or null. */
  last(): SkipNode | null {
    let x = this.#head;
    for (let i = this.#level - 1; i >= 0; i--) {
      while (x.next[i] !== null) x = x.next[i]!;
    }
    return x === this.#head ? null : x;
  }

  #lastBefore(key: Cell): SkipNode {
    let x = this.#head;
    for (let i = this.#level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && compareCells(n.cell, key) < 0) {
        x = n;
        n = x.next[i];
      }
    }
    return x;
  }

  #randomLevel(): number {
    let level = 1;
    while (level < LEVEL_MAX && this.#nextRandom() % P_INVERSE === 0) level++;
    return level;
  }

  #nextRandom(): number {
    let x = this.#seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#seed = x >>> 0;
    return this.#seed;
  }
}
