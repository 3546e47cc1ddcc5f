// Seeded WAL edits for the WAL tests: puts, every delete kind, multi-family rows, empty qualifiers,
// TTL tags, occasional large values, several regions. Plus a comparison that names the first
// difference instead of dumping two large objects.

import { CellType } from "../../../src/cell/cell-type.ts";
import { type Cell, makeCell } from "../../../src/cell/cell.ts";
import { encodeTtlTag } from "../../../src/cell/tags.ts";
import { equalBytes, toBytes } from "../../../src/util/bytes.ts";
import type { WALEdit } from "../../../src/wal/wal-edit.ts";
import type { SeededRandom } from "../../helpers/seeded-random.ts";

export const REGIONS = ["1588230740", "d41d8cd98f00b204e9800998ecf8427e", "9e107d9d372bb6826bd81d3542a419d6"];
const FAMILIES = ["f", "cf2", "info"];
const DELETE_TYPES = [CellType.Delete, CellType.DeleteColumn, CellType.DeleteFamily, CellType.DeleteFamilyVersion];

/** One random cell of `row`; `large` asks for a value of a few KiB. */
export function sampleCell(random: SeededRandom, row: Uint8Array, large: boolean): Cell {
  const isDelete = random.int(4) === 0;
  const type = isDelete ? random.pick(DELETE_TYPES) : CellType.Put;
  const family = toBytes(random.pick(FAMILIES));
  const wholeFamily = type === CellType.DeleteFamily || type === CellType.DeleteFamilyVersion;
  const qualifier = wholeFamily || random.int(5) === 0 ? new Uint8Array(0) : random.bytes(1 + random.int(12));
  const valueLength = isDelete ? 0 : large ? 2048 + random.int(2048) : random.int(40);
  const tags = random.int(6) === 0 ? encodeTtlTag(BigInt(1 + random.int(100_000))) : new Uint8Array(0);
  const timestamp = BigInt(1_700_000_000_000 + random.int(1_000_000));
  return makeCell({ row, family, qualifier, timestamp, type, value: random.bytes(valueLength), tags });
}

/** Edit number `index` (sequence id index + 1): 1 to `cellsMax` cells over one row, every `largeEvery`th with a large value. */
export function sampleEdit(random: SeededRandom, index: number, largeEvery = 40, cellsMax = 5): WALEdit {
  const sequenceId = BigInt(index + 1);
  const row = toBytes(`row-${String(random.int(10_000)).padStart(5, "0")}`);
  const large = index % largeEvery === largeEvery - 1;
  const count = 1 + random.int(cellsMax);
  const cells: Cell[] = [];
  for (let i = 0; i < count; i++) cells.push({ ...sampleCell(random, row, large && i === 0), sequenceId });
  return { regionName: REGIONS[index % REGIONS.length], sequenceId, writeTimeMs: BigInt(1_700_000_000_000 + index), cells };
}

export function sampleEdits(random: SeededRandom, count: number, largeEvery = 40): WALEdit[] {
  const edits: WALEdit[] = [];
  for (let i = 0; i < count; i++) edits.push(sampleEdit(random, i, largeEvery));
  return edits;
}

/** Undefined when the edits are equal, else a sentence naming the first difference. */
export function editDifference(actual: WALEdit, expected: WALEdit): string | undefined {
  if (actual.regionName !== expected.regionName) return `region ${actual.regionName} != ${expected.regionName}`;
  if (actual.sequenceId !== expected.sequenceId) return `sequence id ${actual.sequenceId} != ${expected.sequenceId}`;
  if (actual.writeTimeMs !== expected.writeTimeMs) return `write time ${actual.writeTimeMs} != ${expected.writeTimeMs}`;
  if (actual.cells.length !== expected.cells.length) return `cell count ${actual.cells.length} != ${expected.cells.length}`;
  for (let i = 0; i < actual.cells.length; i++) {
    const difference = cellDifference(actual.cells[i], { ...expected.cells[i], sequenceId: expected.sequenceId });
    if (difference !== undefined) return `cell ${i}: ${difference}`;
  }
  return undefined;
}

function cellDifference(a: Cell, b: Cell): string | undefined {
  for (const field of ["row", "family", "qualifier", "value", "tags"] as const) {
    if (!equalBytes(a[field], b[field])) return `${field} differs`;
  }
  if (a.timestamp !== b.timestamp) return "timestamp differs";
  if (a.type !== b.type) return "type differs";
  if (a.sequenceId !== b.sequenceId) return `cell sequence id ${a.sequenceId} != ${b.sequenceId}`;
  return undefined;
}

/** Undefined when the lists are equal edit by edit, else the first difference. */
export function editsDifference(actual: readonly WALEdit[], expected: readonly WALEdit[]): string | undefined {
  if (actual.length !== expected.length) return `${actual.length} edits, expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const difference = editDifference(actual[i], expected[i]);
    if (difference !== undefined) return `edit ${i}: ${difference}`;
  }
  return undefined;
}
