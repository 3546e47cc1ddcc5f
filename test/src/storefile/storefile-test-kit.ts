// Shared by the store-file tests: a tiny in-memory Fs (so corruption sweeps need no disk), a cell
// generator covering every cell shape a store file must keep, and helpers that drive a scanner.

import { type Cell, firstOnRow, makeCell } from "../../../src/cell/cell.ts";
import { CellType } from "../../../src/cell/cell-type.ts";
import { compareCells } from "../../../src/cell/comparator.ts";
import { encodeTtlTag } from "../../../src/cell/tags.ts";
import type { FileHandle, Fs, OpenMode } from "../../../src/platform/fs.ts";
import { compareBytes, equalBytes, toBytes, toStringBinary } from "../../../src/util/bytes.ts";
import type { StoreFileScanner } from "../../../src/storefile/storefile-scanner.ts";
import type { SeededRandom } from "../../helpers/seeded-random.ts";

/** Whole-file byte map implementing the parts of Fs a store file uses. */
export class BytesFs implements Fs {
  readonly files = new Map<string, Uint8Array>();

  open(path: string, mode: OpenMode): Promise<FileHandle> {
    if (mode === "create" && this.files.has(path)) return Promise.reject(new Error(`EEXIST: ${path}`));
    if (mode !== "create" && !this.files.has(path)) return Promise.reject(new Error(`ENOENT: ${path}`));
    if (mode === "create") this.files.set(path, new Uint8Array(0));
    return Promise.resolve(new BytesHandle(this, path));
  }
  readFile(path: string): Promise<Uint8Array> {
    const bytes = this.files.get(path);
    return bytes === undefined ? Promise.reject(new Error(`ENOENT: ${path}`)) : Promise.resolve(bytes);
  }
  rename(): Promise<void> {
    return Promise.reject(new Error("not used"));
  }
  remove(path: string): Promise<void> {
    this.files.delete(path);
    return Promise.resolve();
  }
  removeTree(): Promise<void> {
    return Promise.reject(new Error("not used"));
  }
  mkdirs(): Promise<void> {
    return Promise.resolve();
  }
  list(): Promise<string[]> {
    return Promise.resolve([...this.files.keys()].sort());
  }
  exists(path: string): Promise<boolean> {
    return Promise.resolve(this.files.has(path));
  }
  syncDir(): Promise<void> {
    return Promise.resolve();
  }
}

class BytesHandle implements FileHandle {
  readonly #fs: BytesFs;
  readonly path: string;
  #closed = false;

  constructor(fs: BytesFs, path: string) {
    this.#fs = fs;
    this.path = path;
  }
  #bytes(): Uint8Array {
    if (this.#closed) throw new Error(`EBADF: ${this.path}`);
    return this.#fs.files.get(this.path) ?? new Uint8Array(0);
  }
  append(data: Uint8Array): Promise<void> {
    const old = this.#bytes();
    const grown = new Uint8Array(old.length + data.length);
    grown.set(old);
    grown.set(data, old.length);
    this.#fs.files.set(this.path, grown);
    return Promise.resolve();
  }
  read(position: number, length: number): Promise<Uint8Array> {
    const bytes = this.#bytes();
    return Promise.resolve(bytes.slice(position, Math.min(bytes.length, position + length)));
  }
  sync(): Promise<void> {
    return Promise.resolve();
  }
  size(): Promise<number> {
    return Promise.resolve(this.#bytes().length);
  }
  truncate(length: number): Promise<void> {
    this.#fs.files.set(this.path, this.#bytes().slice(0, length));
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}

export const FAMILY = toBytes("f");
const DELETE_TYPES = [CellType.Delete, CellType.DeleteColumn, CellType.DeleteFamilyVersion] as const;

/** Row key `r` + zero-padded number, so numeric and byte order agree. */
export function rowKey(n: number): Uint8Array {
  return toBytes(`r${String(n).padStart(6, "0")}`);
}

/**
 * Cells of `rowCount` rows: several qualifiers (one empty), several versions, every delete type,
 * same-timestamp cells told apart by type and by sequence id, tags, and now and then a value of
 * `largeValueBytes`. Sorted by compareCells, no two equal.
 */
export function generateCells(random: SeededRandom, options: { rowCount: number; largeValueBytes: number }): Cell[] {
  const cells: Cell[] = [];
  const qualifiers = [toBytes(""), toBytes("a"), toBytes("bb"), toBytes("q\x00\xff")];
  for (let r = 0; r < options.rowCount; r++) {
    const row = rowKey(r);
    if (random.int(8) === 0) cells.push(makeCell({ row, family: FAMILY, timestamp: 900n, type: CellType.DeleteFamily, sequenceId: BigInt(random.int(1000)) }));
    for (const qualifier of qualifiers) {
      if (random.int(3) === 0) continue;
      const versions = 1 + random.int(3);
      for (let v = 0; v < versions; v++) {
        const timestamp = BigInt(1000 - v * 10);
        const sequenceId = BigInt(1 + random.int(1_000_000));
        const large = random.int(40) === 0;
        const value = large ? random.bytes(options.largeValueBytes) : random.bytes(random.int(24));
        const tags = random.int(5) === 0 ? encodeTtlTag(BigInt(random.int(100000))) : new Uint8Array(0);
        cells.push(makeCell({ row, family: FAMILY, qualifier, timestamp, type: CellType.Put, sequenceId, value, tags }));
        if (random.int(6) === 0) cells.push({ ...cells[cells.length - 1], sequenceId: sequenceId + 7n }); // same key, newer write
        if (random.int(5) === 0) cells.push(makeCell({ row, family: FAMILY, qualifier, timestamp, type: random.pick(DELETE_TYPES), sequenceId }));
      }
    }
  }
  return sortedUnique(cells);
}

/** Sorts by compareCells and drops exact duplicates. */
export function sortedUnique(cells: Cell[]): Cell[] {
  cells.sort(compareCells);
  return cells.filter((c, i) => i === 0 || compareCells(cells[i - 1], c) !== 0);
}

/** Same key (sequence id included), value and tags. */
export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return compareCells(a, b) === 0 && equalBytes(a.value, b.value) && equalBytes(a.tags, b.tags) &&
    equalBytes(a.family, b.family) && equalBytes(a.qualifier, b.qualifier) && a.type === b.type;
}

export function describeCell(c: Cell | undefined): string {
  if (c === undefined) return "(none)";
  return `${toStringBinary(c.row)}/${toStringBinary(c.family)}:${toStringBinary(c.qualifier)}/${c.timestamp}/${c.type}/seq=${c.sequenceId}`;
}

/** Awaits a scanner step when it returned a Promise. */
export async function step(result: Promise<void> | undefined): Promise<void> {
  if (result !== undefined) await result;
}

/** Every cell from the scanner's current position on. Copies nothing: cells alias blocks. */
export async function drain(scanner: StoreFileScanner): Promise<Cell[]> {
  const out: Cell[] = [];
  for (let cell = scanner.peek(); cell !== undefined; cell = scanner.peek()) {
    out.push(cell);
    await step(scanner.next());
  }
  return out;
}

/** Full scan from the first cell. */
export async function scanAll(scanner: StoreFileScanner): Promise<Cell[]> {
  await step(scanner.seek(firstOnRow(new Uint8Array(0))));
  return drain(scanner);
}

/** Distinct rows of sorted cells, in order. */
export function distinctRows(cells: readonly Cell[]): Uint8Array[] {
  const rows: Uint8Array[] = [];
  for (const c of cells) if (rows.length === 0 || compareBytes(rows[rows.length - 1], c.row) !== 0) rows.push(c.row);
  return rows;
}
