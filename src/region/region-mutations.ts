// The write operations of a region (data-semantics.md §4): non-atomic Put/Delete batches with
// per-action outcomes under shared row locks; and the atomic ones (Increment, Append, mutateRow,
// CheckAndMutate) under the exclusive row lock, each one mini-batch with one timestamp and one
// sequence id, all-or-nothing.

import { toHex } from "../util/bytes.ts";
import { LATEST_TIMESTAMP } from "../util/int64.ts";
import { CellType } from "../cell/cell-type.ts";
import { keyValueSize } from "../cell/cell.ts";
import type { Cell } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";
import { encodeTtlTag } from "../cell/tags.ts";
import { ShaleError } from "../api/errors.ts";
import {
  Append, type CheckAndMutate, Delete, Get, Increment, type Mutation, Put, RowMutations, TimeRange,
} from "../api/operations.ts";
import { Result } from "../api/result.ts";
import type { CheckAndMutateResult } from "../api/result.ts";
import type { Limits } from "../util/limits.ts";
import { checkFamily, effectiveDurability, stampMutation, validateMutation } from "./mutation-cells.ts";
import { conditionPasses, reckonAppend, reckonIncrement } from "./read-modify-write.ts";
import type { Region } from "./region.ts";

/**
 * Applies Puts and Deletes; one outcome per mutation (undefined = applied). Invalid mutations
 * fail alone; the rest go in mini-batches bounded by count and WAL record size.
 */
export async function batchMutate(region: Region, mutations: (Put | Delete)[], limits: Limits, clock: () => bigint): Promise<(ShaleError | undefined)[]> {
  const outcomes: (ShaleError | undefined)[] = new Array(mutations.length).fill(undefined);
  const valid: number[] = [];
  for (let i = 0; i < mutations.length; i++) {
    try {
      validateMutation(mutations[i], { info: region.info, table: region.table, limits });
      valid.push(i);
    } catch (error) {
      outcomes[i] = asShaleError(error);
    }
  }
  for (const indexes of miniBatches(valid, mutations, limits)) {
    const chunk = indexes.map((i) => mutations[i]);
    const release = await region.lockRows(chunk.map((m) => m.row), false);
    try {
      const now = clock();
      const cells: Cell[] = [];
      for (const m of chunk) {
        // A Put needs no read: only Delete markers at LATEST look up the versions they delete.
        const stamped = m instanceof Delete ? await stampWithDeletes(region, m, now) : stampMutation(m, { table: region.table, now });
        for (const cell of stamped) cells.push(cell);
      }
      await region.applyMiniBatch(cells, effectiveDurability(chunk, region.table));
    } catch (error) {
      const failure = asShaleError(error);
      for (const i of indexes) outcomes[i] = failure;
    } finally {
      release();
    }
  }
  return outcomes;
}

/** Applies every mutation of one row atomically; returns merged Increment/Append cells. */
export async function mutateRowAtomically(
  region: Region,
  mutations: readonly Mutation[],
  ctx: { limits: Limits; clock: () => bigint },
): Promise<Cell[]> {
  for (const m of mutations) validateMutation(m, { info: region.info, table: region.table, limits: ctx.limits });
  if (mutations.length === 0) return [];
  const release = await region.lockRows([mutations[0].row], true);
  try {
    return await applyLocked(region, mutations, { ...ctx, now: ctx.clock() });
  } finally {
    release();
  }
}

/** CheckAndMutate (§4.5): checks under the exclusive row lock, then applies the action atomically. */
export async function checkAndMutate(region: Region, cam: CheckAndMutate, ctx: { limits: Limits; clock: () => bigint }): Promise<CheckAndMutateResult> {
  const mutations = cam.action instanceof RowMutations ? cam.action.mutations : [cam.action];
  const where = { info: region.info, table: region.table, limits: ctx.limits };
  if (cam.condition !== undefined) checkFamily(cam.condition.family, where);
  const release = await region.lockRows([cam.row], true);
  try {
    const checked = await checkCondition(region, cam);
    // As HBase: the action's families are checked only when it runs, so a failed check answers
    // "not processed" even for an action naming a family the table lacks.
    if (!checked.passes) return { success: false, result: Result.EMPTY };
    for (const m of mutations) validateMutation(m, where);
    const now = ctx.clock();
    const stored = checked.cell;
    const putTsFloor = stored !== undefined && stored.timestamp > now ? stored.timestamp : now;
    const cells = await applyLocked(region, mutations, { ...ctx, now, putTsFloor });
    return { success: true, result: new Result(cells) };
  } finally {
    release();
  }
}

/** Value form: compares the newest cell of the column; filter form: passes iff the filtered Get returns a cell. */
async function checkCondition(region: Region, cam: CheckAndMutate): Promise<{ passes: boolean; cell: Cell | undefined }> {
  if (cam.condition !== undefined) {
    const { family, qualifier } = cam.condition;
    const stored = (await region.readColumn(cam.row, family, qualifier, { versions: 1, timeRange: cam.timeRange }))[0];
    return { passes: conditionPasses(cam.condition, stored), cell: stored };
  }
  const get = new Get(cam.row).setFilter(cam.filter);
  get.timeRange = cam.timeRange;
  const cells = await region.get(get);
  return { passes: cells.length > 0, cell: cells[0] };
}

/** Stamps and applies mutations of one row as one mini-batch; the caller holds the row lock. */
async function applyLocked(
  region: Region,
  mutations: readonly Mutation[],
  ctx: { limits: Limits; now: bigint; putTsFloor?: bigint },
): Promise<Cell[]> {
  const cells: Cell[] = [];
  const results: Cell[] = [];
  for (const m of mutations) {
    if (m instanceof Increment || m instanceof Append) {
      const reckoned = await reckonReadModifyWrite(region, m, ctx);
      cells.push(...reckoned);
      // Each Increment/Append's cells in key order; several of them (mutateRow) in action order,
      // as HBase merges them (seen by the differential runner).
      if (m.returnResults) results.push(...[...reckoned].sort(compareCells));
    } else {
      const stamped = await stampWithDeletes(region, m, m instanceof Put ? ctx.putTsFloor ?? ctx.now : ctx.now);
      cells.push(...stamped);
    }
  }
  await region.applyMiniBatch(cells, effectiveDurability(mutations, region.table));
  return results;
}

async function reckonReadModifyWrite(region: Region, m: Increment | Append, ctx: { limits: Limits; now: bigint }): Promise<Cell[]> {
  const tags = m.ttlMs === undefined ? undefined : encodeTtlTag(m.ttlMs);
  const out: Cell[] = [];
  for (const delta of m.cells) {
    const current = (await region.readColumn(m.row, delta.family, delta.qualifier, { versions: 1, timeRange: m.timeRange }))[0];
    out.push(
      m instanceof Increment
        ? reckonIncrement(delta, current, { now: ctx.now, tags })
        : reckonAppend(delta, current, { now: ctx.now, tags, cellSizeBytesMax: ctx.limits.cellSizeBytesMax }),
    );
  }
  return out;
}

/** Stamps a Put or Delete; plain Delete markers at LATEST take the k-th newest visible version. */
async function stampWithDeletes(region: Region, m: Mutation, now: bigint): Promise<Cell[]> {
  const latest = new Map<string, Cell[]>();
  if (m instanceof Delete) {
    const wanted = new Map<string, { family: Uint8Array; qualifier: Uint8Array; count: number }>();
    for (const c of m.cells) {
      if (c.type !== CellType.Delete || c.timestamp !== LATEST_TIMESTAMP) continue;
      const key = `${toHex(c.family)}:${toHex(c.qualifier)}`;
      const entry = wanted.get(key) ?? { family: c.family, qualifier: c.qualifier, count: 0 };
      entry.count++;
      wanted.set(key, entry);
    }
    for (const [key, w] of wanted) {
      latest.set(key, await region.readColumn(m.row, w.family, w.qualifier, { versions: w.count, timeRange: TimeRange.ALL_TIME }));
    }
  }
  return stampMutation(m, {
    table: region.table,
    now,
    resolveDelete: (marker, occurrence) => {
      const versions = latest.get(`${toHex(marker.family)}:${toHex(marker.qualifier)}`) ?? [];
      return occurrence <= versions.length ? versions[occurrence - 1].timestamp : now;
    },
  });
}

/** Splits mutation indexes into mini-batches bounded by count and by a quarter of the WAL record limit. */
function* miniBatches(indexes: number[], mutations: readonly Mutation[], limits: Limits): Generator<number[]> {
  let chunk: number[] = [];
  let bytes = 0;
  for (const i of indexes) {
    const size = mutations[i].cells.reduce((n, c) => n + keyValueSize(c) + 16, 64);
    if (chunk.length > 0 && (chunk.length >= limits.miniBatchSizeMax || bytes + size > limits.walRecordBytesMax / 4)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(i);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function asShaleError(error: unknown): ShaleError {
  if (error instanceof ShaleError) return error;
  throw error;
}
