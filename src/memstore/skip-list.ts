// A skip list of cells in compareCells order: the MemStore's sorted map. Single-threaded (one JS
// event loop), so inserts never race iteration; a node once linked stays linked, so an iterator
// positioned on a node can always continue from it. Each node also keeps its row as a string of
// one char per byte (`rowKey`), so most comparisons are one native string compare that never
// touches the cell: string order over chars 0..255 is unsigned byte order (prefix first).

import { assert, invariantsEnabled } from "../util/assert.ts";
import type { Cell } from "../cell/cell.ts";
import { compareCells, compareWithoutRow } from "../cell/comparator.ts";

const LEVEL_MAX = 24;
const P_INVERSE = 4; // each level holds ~1/4 of the nodes of the one below
/** Bytes turned into chars per String.fromCharCode call (argument count stays small). */
const ROW_KEY_CHUNK = 4096;

export interface SkipNode {
  readonly cell: Cell;
  /** `cell.row` as a byte-per-char string; compares as compareBytes does. */
  readonly rowKey: string;
  readonly next: (SkipNode | null)[];
}

export class SkipList {
  readonly #head: SkipNode = { cell: undefined as unknown as Cell, rowKey: "", next: new Array(LEVEL_MAX).fill(null) };
  /** Scratch for insert(): the rightmost node before the new one, per level. */
  readonly #update: SkipNode[] = new Array(LEVEL_MAX).fill(this.#head);
  #level = 1;
  #count = 0;
  #seed = 0x2545f491;

  get count(): number {
    return this.#count;
  }

  /** Inserts `cell`; an identical key (including sequence id) replaces the value in place. */
  insert(cell: Cell): boolean {
    const rowKey = rowKeyOf(cell.row);
    const update = this.#update;
    const x = this.#descend(cell, rowKey, update);
    const same = x.next[0];
    if (same !== null && compareToNode(same, cell, rowKey) === 0) {
      (same as { cell: Cell }).cell = cell;
      return false;
    }
    const level = this.#randomLevel();
    for (let i = this.#level; i < level; i++) update[i] = this.#head;
    this.#level = Math.max(this.#level, level);
    const node: SkipNode = { cell, rowKey, next: new Array(level).fill(null) };
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
    return this.#descend(key, rowKeyOf(key.row), undefined).next[0];
  }

  /** Last node with cell < key, or null. */
  lower(key: Cell): SkipNode | null {
    const x = this.#descend(key, rowKeyOf(key.row), undefined);
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

  /**
   * The last node with cell < key (the head if none); records it per level in `update` if given.
   * A node found >= key at one level is not compared again at the levels below.
   */
  #descend(key: Cell, rowKey: string, update: SkipNode[] | undefined): SkipNode {
    let x = this.#head;
    let known: SkipNode | null = null;
    for (let i = this.#level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && n !== known && compareToNode(n, key, rowKey) < 0) {
        x = n;
        n = x.next[i];
      }
      known = n;
      if (update !== undefined) update[i] = x;
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

/** compareCells(node.cell, key), with the row compared through the precomputed string keys. */
function compareToNode(node: SkipNode, key: Cell, keyRow: string): number {
  const nodeRow = node.rowKey;
  if (nodeRow !== keyRow) return nodeRow < keyRow ? -1 : 1;
  const c = compareWithoutRow(node.cell, key);
  if (c !== 0) return c;
  const a = node.cell.sequenceId;
  const b = key.sequenceId;
  return a > b ? -1 : a < b ? 1 : 0;
}

/** One char per byte of `row`, so string order is compareBytes order. */
function rowKeyOf(row: Uint8Array): string {
  if (row.length <= ROW_KEY_CHUNK) return String.fromCharCode.apply(null, row as unknown as number[]);
  let s = "";
  for (let at = 0; at < row.length; at += ROW_KEY_CHUNK) {
    s += String.fromCharCode.apply(null, row.subarray(at, at + ROW_KEY_CHUNK) as unknown as number[]);
  }
  return s;
}
