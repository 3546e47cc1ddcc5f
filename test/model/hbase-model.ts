// An in-memory model of HBase data semantics for the model-based test (TESTING.md T13), written
// from ../shared/spec/data-semantics.md, not from the engine: every cell ever written (puts and
// the four delete markers) kept per row, and reads that apply §2.4 (masking by markers regardless
// of sequence id, one Put per timestamp, time range, versions), §5.3 (a filter sees every version,
// the cap applies to what it kept), §4.3–§4.5 (increment, append, checkAndMutate) and §2.3 (delete
// timestamps). Families keep VERSIONS = FAMILY_VERSIONS, more than any history writes to one
// column, so flush and minor compaction never change a result; only a major compaction does
// (markers and the cells they hide are dropped), and the model applies that at majorCompact.

import { compareBytes, concatBytes, toBytes } from "../../src/util/bytes.ts";
import { bytesToLong, longToBytes } from "../../src/util/int64.ts";
import { type ColumnsSpec, type CompareOpName, type DeleteSpec, FAMILIES, type FilterSpec, type PutCell } from "./model-ops.ts";

/** Family VERSIONS of the model table: above the number of writes any history makes. */
export const FAMILY_VERSIONS = 1000;

export type CellKind = "Put" | "Delete" | "DeleteColumn" | "DeleteFamily" | "DeleteFamilyVersion";

export interface ModelCell {
  readonly f: string;
  /** Empty for family markers. */
  readonly q: string;
  readonly ts: number;
  readonly kind: CellKind;
  readonly v: Uint8Array;
  /** Write order, standing in for the sequence id. */
  readonly seq: number;
}

/** What a read asks for. */
export interface ReadSpec {
  columns: ColumnsSpec;
  versions: number;
  timeRange: [number, number] | null;
  filter: FilterSpec | null;
}

/** A typed failure the model predicts, named by the engine's error class. */
export class ModelError extends Error {
  constructor(readonly className: string) {
    super(className);
  }
}

export class HBaseModel {
  readonly #rows = new Map<string, ModelCell[]>();
  #seq = 0;

  /** Rows with at least one cell (markers included), in byte order. */
  rowKeys(): string[] {
    return [...this.#rows.keys()].sort((a, b) => compareBytes(toBytes(a), toBytes(b)));
  }

  // ---- reads ----

  /** Visible puts of one column, newest first: unmasked, one per timestamp (the latest written). */
  visibleVersions(row: string, f: string, q: string): ModelCell[] {
    const cells = (this.#rows.get(row) ?? []).filter((c) => c.f === f);
    const byTs = new Map<number, ModelCell>();
    for (const c of cells) {
      if (c.kind !== "Put" || c.q !== q || isMasked(c, cells)) continue;
      const seen = byTs.get(c.ts);
      if (seen === undefined || seen.seq < c.seq) byTs.set(c.ts, c);
    }
    return [...byTs.values()].sort((a, b) => b.ts - a.ts);
  }

  /** The cells a Get of `row` returns, in key order (family, qualifier, newest first). */
  read(row: string, spec: ReadSpec): ModelCell[] {
    if (spec.filter !== null && !rowPasses(spec.filter, row)) return [];
    const out: ModelCell[] = [];
    const limit = Math.min(spec.versions, FAMILY_VERSIONS);
    for (const { f, q } of this.#columnsOf(row, spec.columns)) {
      let versions = this.visibleVersions(row, f, q);
      if (spec.timeRange !== null) {
        const [min, max] = spec.timeRange;
        versions = versions.filter((c) => c.ts >= min && c.ts < max);
      }
      if (spec.filter !== null) versions = versions.filter((c) => cellPasses(spec.filter!, c));
      out.push(...versions.slice(0, limit));
    }
    return out;
  }

  /** Rows a scan returns: [start, stop) forward, or (stop, start] reversed; "" is unbounded. */
  scan(spec: { start: string; stop: string; reversed: boolean; limit: number; versions: number; filter: FilterSpec | null }): [string, ModelCell[]][] {
    const cmp = (a: string, b: string) => compareBytes(toBytes(a), toBytes(b));
    const inRange = spec.reversed
      ? (r: string) => (spec.start === "" || cmp(r, spec.start) <= 0) && (spec.stop === "" || cmp(r, spec.stop) > 0)
      : (r: string) => cmp(r, spec.start) >= 0 && (spec.stop === "" || cmp(r, spec.stop) < 0);
    const keys = this.rowKeys().filter(inRange);
    if (spec.reversed) keys.reverse();
    const out: [string, ModelCell[]][] = [];
    for (const row of keys) {
      const cells = this.read(row, { columns: { all: true }, versions: spec.versions, timeRange: null, filter: spec.filter });
      if (cells.length > 0) out.push([row, cells]);
      if (spec.limit > 0 && out.length === spec.limit) break;
    }
    return out;
  }

  /** Qualifiers read for `row`, in key order: the requested ones, or every one holding a put. */
  #columnsOf(row: string, columns: ColumnsSpec): { f: string; q: string }[] {
    const cmp = (a: string, b: string) => compareBytes(toBytes(a), toBytes(b));
    if ("cols" in columns) return [...columns.cols].sort((a, b) => cmp(a.f, b.f) || cmp(a.q, b.q));
    const families = "f" in columns ? [columns.f] : [...FAMILIES].sort(cmp);
    const out: { f: string; q: string }[] = [];
    const cells = this.#rows.get(row) ?? [];
    for (const f of families) {
      const qualifiers = new Set(cells.filter((c) => c.f === f && c.kind === "Put").map((c) => c.q));
      for (const q of [...qualifiers].sort(cmp)) out.push({ f, q });
    }
    return out;
  }

  // ---- writes ----

  put(row: string, cells: PutCell[], now: number): void {
    for (const c of cells) this.#add(row, { f: c.f, q: c.q, ts: c.ts ?? now, kind: "Put", v: toBytes(c.v) });
  }

  /** Writes the markers of a Delete (§2.3); a version delete without timestamp hits the newest version. */
  delete(row: string, spec: DeleteSpec, now: number): void {
    switch (spec.kind) {
      case "row":
        for (const f of FAMILIES) this.#add(row, marker(f, "", spec.ts ?? now, "DeleteFamily"));
        return;
      case "family":
        this.#add(row, marker(spec.f, "", spec.ts ?? now, "DeleteFamily"));
        return;
      case "familyVersion":
        this.#add(row, marker(spec.f, "", spec.ts, "DeleteFamilyVersion"));
        return;
      case "columns":
        this.#add(row, marker(spec.f, spec.q, spec.ts ?? now, "DeleteColumn"));
        return;
      case "column": {
        const ts = spec.ts ?? this.visibleVersions(row, spec.f, spec.q)[0]?.ts ?? now;
        this.#add(row, marker(spec.f, spec.q, ts, "Delete"));
        return;
      }
    }
  }

  /** Adds `delta` to an 8-byte counter (absent: 0); returns the new cell. */
  increment(row: string, col: { f: string; q: string; delta: number }, now: number): ModelCell {
    const current = this.visibleVersions(row, col.f, col.q)[0];
    if (current !== undefined && current.v.length !== 8) throw new ModelError("DoNotRetryIOError");
    const base = current === undefined ? 0n : bytesToLong(current.v);
    const v = longToBytes(BigInt.asIntN(64, base + BigInt(col.delta)));
    return this.#add(row, { f: col.f, q: col.q, ts: reckonTs(current, now), kind: "Put", v });
  }

  /** Appends bytes to a column (absent: the bytes alone); returns the new cell. */
  append(row: string, col: { f: string; q: string; v: string }, now: number): ModelCell {
    const current = this.visibleVersions(row, col.f, col.q)[0];
    const v = current === undefined ? toBytes(col.v) : concatBytes([current.v, toBytes(col.v)]);
    return this.#add(row, { f: col.f, q: col.q, ts: reckonTs(current, now), kind: "Put", v });
  }

  /** §4.5: whether "expected OP stored" holds for the newest visible version of the column. */
  conditionPasses(row: string, cond: { f: string; q: string; op: CompareOpName; expected: string }): boolean {
    const stored = this.visibleVersions(row, cond.f, cond.q)[0];
    if (cond.expected.length === 0) {
      if (stored === undefined) return cond.op !== "NOT_EQUAL";
      return (stored.v.length === 0) === (cond.op !== "NOT_EQUAL");
    }
    if (stored === undefined) return false;
    return compareOpHolds(cond.op, compareBytes(toBytes(cond.expected), stored.v));
  }

  /** A conditional put: LATEST cells get max(now, checked cell's timestamp) (§4.5 step 4). */
  checkAndPut(row: string, cond: { f: string; q: string; op: CompareOpName; expected: string }, cells: PutCell[], now: number): boolean {
    if (!this.conditionPasses(row, cond)) return false;
    const checked = this.visibleVersions(row, cond.f, cond.q)[0];
    const stamp = checked === undefined ? now : Math.max(now, checked.ts);
    this.put(row, cells.map((c) => ({ ...c, ts: c.ts ?? stamp })), now);
    return true;
  }

  checkAndDelete(row: string, cond: { f: string; q: string; op: CompareOpName; expected: string }, spec: DeleteSpec, now: number): boolean {
    if (!this.conditionPasses(row, cond)) return false;
    this.delete(row, spec, now);
    return true;
  }

  /** §2.7 major compaction with KEEP_DELETED_CELLS=FALSE: markers and the puts they hide go. */
  majorCompact(): void {
    for (const [row, cells] of this.#rows) {
      const kept = cells.filter((c) => c.kind === "Put" && !isMasked(c, cells.filter((m) => m.f === c.f)));
      if (kept.length === 0) this.#rows.delete(row);
      else this.#rows.set(row, kept);
    }
  }

  #add(row: string, cell: Omit<ModelCell, "seq">): ModelCell {
    const full = { ...cell, seq: ++this.#seq };
    const cells = this.#rows.get(row) ?? [];
    cells.push(full);
    this.#rows.set(row, cells);
    return full;
  }
}

function marker(f: string, q: string, ts: number, kind: CellKind): Omit<ModelCell, "seq"> {
  return { f, q, ts, kind, v: new Uint8Array(0) };
}

/** §2.4 step 5: a put is hidden by any marker of its family covering it, whatever the write order. */
function isMasked(put: ModelCell, familyCells: readonly ModelCell[]): boolean {
  for (const m of familyCells) {
    if (m.kind === "DeleteFamily" && m.ts >= put.ts) return true;
    if (m.kind === "DeleteFamilyVersion" && m.ts === put.ts) return true;
    if (m.kind === "DeleteColumn" && m.q === put.q && m.ts >= put.ts) return true;
    if (m.kind === "Delete" && m.q === put.q && m.ts === put.ts) return true;
  }
  return false;
}

/** §4.3: the new cell sorts after the one it replaces, even when that one is future-dated. */
function reckonTs(current: ModelCell | undefined, now: number): number {
  return current === undefined ? now : Math.max(current.ts + 1, now);
}

/** `c` compares the left operand with the right one; true when "left OP right" holds. */
function compareOpHolds(op: CompareOpName, c: number): boolean {
  switch (op) {
    case "LESS": return c < 0;
    case "LESS_OR_EQUAL": return c <= 0;
    case "EQUAL": return c === 0;
    case "NOT_EQUAL": return c !== 0;
    case "GREATER_OR_EQUAL": return c >= 0;
    case "GREATER": return c > 0;
  }
}

/** Row-level part of a filter (PrefixFilter); cell-level filters pass every row. */
function rowPasses(filter: FilterSpec, row: string): boolean {
  if (filter.t === "prefix") return row.startsWith(filter.p);
  if (filter.t === "and") return rowPasses(filter.a, row) && rowPasses(filter.b, row);
  return true;
}

/** Cell-level part of a filter; compare filters keep a cell when "cell OP operand" (§5.5). */
function cellPasses(filter: FilterSpec, cell: ModelCell): boolean {
  switch (filter.t) {
    case "prefix": return true;
    case "value": return compareOpHolds(filter.op, compareBytes(cell.v, toBytes(filter.v)));
    case "qualifier": return compareOpHolds(filter.op, compareBytes(toBytes(cell.q), toBytes(filter.v)));
    case "columnPrefix": return cell.q.startsWith(filter.p);
    case "and": return cellPasses(filter.a, cell) && cellPasses(filter.b, cell);
  }
}
