// The MemStore's sorted set of cells in compareCells order (HBase's CellSet): a B+tree of arrays.
// Leaves hold the cells themselves and are linked left to right; inner nodes hold each child's
// first cell. A lookup is a few cache-friendly binary searches, where a skip list chased one
// pointer per step, and a cell costs two array slots instead of a node object and its tower.
// Single-threaded (one JS event loop). Each row is also kept as a string of one char per byte:
// string order over chars 0..255 is unsigned byte order (prefix first), so most comparisons are
// one native string compare that never touches the cell.

import { assert, invariantsEnabled } from "../util/assert.ts";
import { toByteString } from "../util/bytes.ts";
import type { Cell } from "../cell/cell.ts";
import { compareCells, compareWithoutRow } from "../cell/comparator.ts";

/** Entries per leaf and children per inner node before it splits in two. */
const FANOUT_MAX = 64;

/** A leaf holds cells in order; an inner node holds children and each child's first cell. */
interface TreeNode {
  /** Leaf: its cells. Inner: the first cell of each child. */
  readonly cells: Cell[];
  /** Rows of `cells` as byte strings, read by the binary searches without touching the cells. */
  readonly rows: string[];
  /** Inner nodes only: the children, parallel to `cells`. */
  readonly children: TreeNode[] | undefined;
  /** Leaves only: the next leaf in key order. */
  next: TreeNode | null;
}

export class CellSet {
  #root: TreeNode = newLeaf();
  readonly #firstLeaf: TreeNode = this.#root;
  #count = 0;
  /** Bumped whenever cells move between slots (an insert or a split), so cursors re-find theirs. */
  #version = 0;
  /** Scratch for #descend(): the path from the root and the child index taken at each inner node. */
  readonly #path: TreeNode[] = [];
  readonly #pathIndex: number[] = [];

  get count(): number {
    return this.#count;
  }

  /** Inserts `cell`; an identical key (including sequence id) replaces the cell in place. */
  insert(cell: Cell): boolean {
    const rowKey = toByteString(cell.row);
    const at = this.#descend(cell, rowKey);
    const leaf = this.#path[this.#path.length - 1];
    const same = this.#slotAfter(leaf, at);
    if (same !== undefined && compareToCell(same.leaf.cells[same.index], same.leaf.rows[same.index], cell, rowKey) === 0) {
      same.leaf.cells[same.index] = cell;
      return false;
    }
    if (invariantsEnabled() && same !== undefined) assert(compareCells(cell, same.leaf.cells[same.index]) < 0, "cell set order");
    leaf.cells.splice(at + 1, 0, cell);
    leaf.rows.splice(at + 1, 0, rowKey);
    if (at < 0) this.#newFirst(cell, rowKey);
    if (leaf.cells.length > FANOUT_MAX) this.#split();
    this.#count++;
    this.#version++;
    return true;
  }

  /** A cursor on the first cell, or null when empty. */
  first(): CellCursor | null {
    return this.#cursorAt(this.#firstLeaf, 0);
  }

  /** A cursor on the first cell >= key, or null. */
  ceiling(key: Cell): CellCursor | null {
    const at = this.#descend(key, toByteString(key.row));
    return this.#cursorAt(this.#path[this.#path.length - 1], at + 1);
  }

  /** A cursor on the last cell < key, or null. */
  lower(key: Cell): CellCursor | null {
    const at = this.#descend(key, toByteString(key.row));
    return at < 0 ? null : this.#cursorAt(this.#path[this.#path.length - 1], at);
  }

  /** A cursor on the last cell, or null when empty. */
  last(): CellCursor | null {
    let t = this.#root;
    while (t.children !== undefined) t = t.children[t.children.length - 1];
    return t.cells.length === 0 ? null : this.#cursorAt(t, t.cells.length - 1);
  }

  /** Every cell in key order (for copying a whole set). */
  toArray(): Cell[] {
    const out: Cell[] = [];
    for (let leaf: TreeNode | null = this.#firstLeaf; leaf !== null; leaf = leaf.next) for (const cell of leaf.cells) out.push(cell);
    return out;
  }

  /** @internal For CellCursor: the structure version. */
  get version(): number {
    return this.#version;
  }

  /** @internal For CellCursor: the leaf and index holding exactly `cell`'s key. */
  locate(cell: Cell): { leaf: TreeNode; index: number } {
    const at = this.#descend(cell, toByteString(cell.row));
    const slot = this.#slotAfter(this.#path[this.#path.length - 1], at);
    assert(slot !== undefined && compareCells(slot.leaf.cells[slot.index], cell) === 0, "a cursor's cell is still in its set");
    return slot;
  }

  /** The slot after index `at` of `leaf` (the first slot of a later leaf when past its end). */
  #slotAfter(leaf: TreeNode, at: number): { leaf: TreeNode; index: number } | undefined {
    let t: TreeNode | null = leaf;
    let index = at + 1;
    while (t !== null && index >= t.cells.length) {
      t = t.next;
      index = 0;
    }
    return t === null ? undefined : { leaf: t, index };
  }

  #cursorAt(leaf: TreeNode, index: number): CellCursor | null {
    const slot = this.#slotAfter(leaf, index - 1);
    return slot === undefined ? null : new CellCursor(this, slot.leaf, slot.index);
  }

  /**
   * Walks to the leaf that holds the last cell < key and returns that cell's index there (-1 when
   * every cell is >= key, which happens only in the first leaf). Records the path in #path and the
   * child index per inner node in #pathIndex.
   */
  #descend(key: Cell, rowKey: string): number {
    const path = this.#path;
    path.length = 0;
    this.#pathIndex.length = 0;
    let t = this.#root;
    for (;;) {
      path.push(t);
      const at = lastBelow(t, key, rowKey);
      if (t.children === undefined) return at;
      const child = at < 0 ? 0 : at;
      this.#pathIndex.push(child);
      t = t.children[child];
    }
  }

  /** `cell` became the first cell of the set: every inner node on the leftmost path names it. */
  #newFirst(cell: Cell, rowKey: string): void {
    const path = this.#path;
    for (let i = 0; i < path.length - 1; i++) {
      assert(this.#pathIndex[i] === 0, "a new first cell sits on the leftmost path");
      path[i].cells[0] = cell;
      path[i].rows[0] = rowKey;
    }
  }

  /** Splits the overfull leaf at the end of #path, and any ancestor that overflows in turn. */
  #split(): void {
    const path = this.#path;
    for (let level = path.length - 1; level >= 0; level--) {
      const t = path[level];
      if (t.cells.length <= FANOUT_MAX) return;
      const half = t.cells.length >>> 1;
      const right: TreeNode = { cells: t.cells.splice(half), rows: t.rows.splice(half), children: t.children?.splice(half), next: null };
      if (t.children === undefined) {
        right.next = t.next;
        t.next = right;
      }
      if (level === 0) {
        this.#root = { cells: [t.cells[0], right.cells[0]], rows: [t.rows[0], right.rows[0]], children: [t, right], next: null };
        return;
      }
      const parent = path[level - 1];
      const at = this.#pathIndex[level - 1] + 1;
      parent.cells.splice(at, 0, right.cells[0]);
      parent.rows.splice(at, 0, right.rows[0]);
      parent.children!.splice(at, 0, right);
    }
  }
}

/**
 * A position in a CellSet. Inserts may move cells between slots; the cursor notices (by the set's
 * version) and finds its cell again, so it can always continue from it, as a linked-list node
 * could. `cell` reads the slot, so a cell replaced in place (same key) is seen.
 */
export class CellCursor {
  readonly #set: CellSet;
  #leaf: TreeNode;
  #index: number;
  /** The set's version when #leaf/#index were found, and the cell then in that slot. */
  #version: number;
  #positionedOn: Cell;

  constructor(set: CellSet, leaf: TreeNode, index: number) {
    assert(index >= 0 && index < leaf.cells.length, "a cursor starts on a cell");
    this.#set = set;
    this.#leaf = leaf;
    this.#index = index;
    this.#version = set.version;
    this.#positionedOn = leaf.cells[index];
  }

  /** The cell under the cursor. */
  get cell(): Cell {
    this.#refresh();
    return this.#leaf.cells[this.#index];
  }

  /** A new cursor on the following cell (or null), in the one-element form list walks read as `next[0]`. */
  get next(): [CellCursor | null] {
    this.#refresh();
    const following = new CellCursor(this.#set, this.#leaf, this.#index);
    return [following.advance() ? following : null];
  }

  /** Moves to the following cell; false (and the cursor stays where it was) when there is none. */
  advance(): boolean {
    this.#refresh();
    let leaf: TreeNode | null = this.#leaf;
    let index = this.#index + 1;
    while (leaf !== null && index >= leaf.cells.length) {
      leaf = leaf.next;
      index = 0;
    }
    if (leaf === null) return false;
    this.#leaf = leaf;
    this.#index = index;
    this.#positionedOn = leaf.cells[index];
    return true;
  }

  /** After inserts moved cells between slots, finds the slot of the cell this cursor is on. */
  #refresh(): void {
    if (this.#version === this.#set.version) return;
    const slot = this.#set.locate(this.#positionedOn);
    this.#leaf = slot.leaf;
    this.#index = slot.index;
    this.#version = this.#set.version;
  }
}

function newLeaf(): TreeNode {
  return { cells: [], rows: [], children: undefined, next: null };
}

/** Index of the last entry of `t` whose cell is < key, or -1. Compares row strings first. */
function lastBelow(t: TreeNode, key: Cell, rowKey: string): number {
  const rows = t.rows;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const row = rows[mid];
    // One string compare settles most probes; the cell is read only when the rows are equal.
    const below = row < rowKey || (row === rowKey && compareToCell(t.cells[mid], row, key, rowKey) < 0);
    if (below) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** compareCells(cell, key), with the rows compared through their byte strings. */
function compareToCell(cell: Cell, row: string, key: Cell, keyRow: string): number {
  if (row !== keyRow) return row < keyRow ? -1 : 1;
  const c = compareWithoutRow(cell, key);
  if (c !== 0) return c;
  const a = cell.sequenceId;
  const b = key.sequenceId;
  return a > b ? -1 : a < b ? 1 : 0;
}
