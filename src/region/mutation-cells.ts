// Turns client mutations into the cells a region writes (data-semantics.md §2.2, §2.3, §4.1):
// validation against the table (families, row range, cell size), server timestamps (one clock
// read per mini-batch), whole-row deletes expanded to one DeleteFamily per family, and the `_ttl`
// attribute turned into TTL tags. Pure functions: no locks, no I/O.

import { compareBytes, toHex, toStringBinary, toUtf8 } from "../util/bytes.ts";
import { LATEST_TIMESTAMP } from "../util/int64.ts";
import type { Limits } from "../util/limits.ts";
import { CellType } from "../cell/cell-type.ts";
import { type Cell, keyValueSize, makeCell, withFields } from "../cell/cell.ts";
import { encodeTtlTag } from "../cell/tags.ts";
import type { TableDescriptor } from "../api/descriptors.ts";
import { DoNotRetryIOError, NoSuchColumnFamilyError, WrongRegionError } from "../api/errors.ts";
import { Delete, Durability, type Mutation } from "../api/operations.ts";
import type { RegionInfo } from "../api/types.ts";
import { regionContainsRow } from "../catalog/region-info.ts";
import { tableNameString } from "../api/table-name.ts";

/** Throws the error HBase gives for a mutation this region cannot take. */
export function validateMutation(m: Mutation, ctx: { info: RegionInfo; table: TableDescriptor; limits: Limits }): void {
  if (!regionContainsRow(ctx.info, m.row)) {
    throw new WrongRegionError(`Requested row out of range for region ${toUtf8(ctx.info.regionName)}, row=${toStringBinary(m.row)}`);
  }
  for (const cell of m.cells) {
    checkFamily(cell.family, ctx);
    const size = keyValueSize(cell);
    if (size > ctx.limits.cellSizeBytesMax) {
      throw new DoNotRetryIOError(`Cell with size ${size} exceeds limit of ${ctx.limits.cellSizeBytesMax} bytes`);
    }
  }
}

/** Throws NoSuchColumnFamilyError unless the table has `family`. */
export function checkFamily(family: Uint8Array, ctx: { info: RegionInfo; table: TableDescriptor }): void {
  if (ctx.table.families.some((f) => compareBytes(f.name, family) === 0)) return;
  throw new NoSuchColumnFamilyError(
    `Column family ${toStringBinary(family)} does not exist in region ${toUtf8(ctx.info.regionName)} in table ${tableNameString(ctx.table.name)}`,
  );
}

/**
 * Cells of a Put or Delete with LATEST timestamps set to `now`, except plain Delete markers at
 * LATEST, which the caller resolves to the newest visible version (§2.3) and passes in
 * `resolveDelete`. A Delete without cells becomes one DeleteFamily per family of the table.
 */
export function stampMutation(
  m: Mutation,
  ctx: { table: TableDescriptor; now: bigint; resolveDelete?: (marker: Cell, occurrence: number) => bigint },
): Cell[] {
  const tags = m.ttlMs === undefined ? undefined : encodeTtlTag(m.ttlMs);
  const source = m instanceof Delete && m.cells.length === 0 ? wholeRowDelete(m, ctx.table) : m.cells;
  const occurrences = new Map<string, number>();
  const out: Cell[] = [];
  for (const cell of source) {
    let timestamp = cell.timestamp;
    if (timestamp === LATEST_TIMESTAMP) {
      if (cell.type === CellType.Delete && ctx.resolveDelete !== undefined) {
        const key = `${toHex(cell.family)}:${toHex(cell.qualifier)}`;
        const n = (occurrences.get(key) ?? 0) + 1;
        occurrences.set(key, n);
        timestamp = ctx.resolveDelete(cell, n);
      } else {
        timestamp = ctx.now;
      }
    }
    const withTags = tags !== undefined && cell.type === CellType.Put ? { tags } : {};
    out.push(withFields(cell, { timestamp, ...withTags }));
  }
  return out;
}

function wholeRowDelete(m: Mutation, table: TableDescriptor): Cell[] {
  return table.families.map((f) => makeCell({ row: m.row, family: f.name, timestamp: m.timestamp, type: CellType.DeleteFamily }));
}

const STRENGTH: Record<Durability, number> = { 0: 3, 1: 1, 2: 2, 3: 3, 4: 4 };

/** The durability a set of mutations is logged with: the strongest asked for (§4.8). */
export function effectiveDurability(mutations: readonly Mutation[], table: TableDescriptor): Durability {
  const tableDefault = table.durability === Durability.USE_DEFAULT ? Durability.SYNC_WAL : table.durability;
  let best: Durability = Durability.SKIP_WAL;
  for (const m of mutations) {
    const d = m.durability === Durability.USE_DEFAULT ? tableDefault : m.durability;
    if (STRENGTH[d] > STRENGTH[best]) best = d;
  }
  return mutations.length === 0 ? tableDefault : best;
}
