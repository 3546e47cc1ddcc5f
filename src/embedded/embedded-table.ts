// The embedded Table: routes each operation to the region serving its row and runs it in-process.
// Client-side checks HBase's Java client makes before sending (empty Put, cell size) happen here,
// so embedded callers fail exactly as remote ones do.

import { type Cell, keyValueSize } from "../cell/cell.ts";
import type { Limits } from "../util/limits.ts";
import { DoNotRetryIOError, IllegalArgumentError, type ShaleError } from "../api/errors.ts";
import {
  Append, type BatchAction, CheckAndMutate, Delete, Get, Increment, type Mutation, Put, RowMutations, Scan,
} from "../api/operations.ts";
import { type CheckAndMutateResult, Result } from "../api/result.ts";
import type { BatchOutcome, ResultScanner, Table } from "../api/types.ts";
import type { TableName } from "../api/table-name.ts";
import type { Catalog } from "../catalog/catalog.ts";
import { batchMutate, checkAndMutate, mutateRowAtomically } from "../region/region-mutations.ts";
import type { Region } from "../region/region.ts";
import { EmbeddedResultScanner } from "./embedded-scanner.ts";
import { runBatch } from "./embedded-batch.ts";
import { isRetryable, retryPause, withRelocation } from "./relocation.ts";

export interface EmbeddedContext {
  catalog: Catalog;
  limits: Limits;
  clock: () => bigint;
  checkOpen: () => void;
}

export class EmbeddedTable implements Table {
  readonly name: TableName;
  readonly #ctx: EmbeddedContext;

  constructor(name: TableName, ctx: EmbeddedContext) {
    this.name = name;
    this.#ctx = ctx;
  }

  get(get: Get): Promise<Result>;
  get(gets: Get[]): Promise<Result[]>;
  get(get: Get | Get[]): Promise<Result | Result[]> {
    if (Array.isArray(get)) return Promise.all(get.map((g) => this.#get(g)));
    return this.#get(get);
  }

  async exists(get: Get): Promise<boolean> {
    return !(await this.#get(get)).isEmpty;
  }

  async put(put: Put | Put[]): Promise<void> {
    await this.#mutate(Array.isArray(put) ? put : [put]);
  }

  async delete(del: Delete | Delete[]): Promise<void> {
    await this.#mutate(Array.isArray(del) ? del : [del]);
  }

  /** Errors (closed store, missing or disabled table, unknown family) surface on the first next(). */
  scan(scan: Scan = new Scan()): ResultScanner {
    return new EmbeddedResultScanner(scan, () => {
      this.#ctx.checkOpen();
      this.#ctx.catalog.regionsOf(this.name);
      return {
        regionFor: (row) => this.#region(row),
        regionBefore: (key) => {
          this.#ctx.checkOpen();
          return this.#ctx.catalog.regionBefore(this.name, key);
        },
        limits: this.#ctx.limits,
      };
    });
  }

  async increment(increment: Increment): Promise<Result> {
    if (increment.cells.length === 0) throw new DoNotRetryIOError("Invalid arguments to increment, no columns specified");
    return this.#atomic([increment]);
  }

  async append(append: Append): Promise<Result> {
    if (append.cells.length === 0) throw new DoNotRetryIOError("Invalid arguments to append, no columns specified");
    return this.#atomic([append]);
  }

  async checkAndMutate(cam: CheckAndMutate): Promise<CheckAndMutateResult> {
    const mutations = cam.action instanceof RowMutations ? cam.action.mutations : [cam.action];
    this.#validate(mutations);
    return withRelocation(this.#ctx.limits, () => checkAndMutate(this.#region(cam.row), cam, this.#ctx));
  }

  async mutateRow(mutations: RowMutations): Promise<Result> {
    return this.#atomic(mutations.mutations);
  }

  batch(actions: BatchAction[]): Promise<BatchOutcome[]> {
    this.#ctx.checkOpen();
    for (const action of actions) {
      if (action instanceof Put || action instanceof Delete || action instanceof Increment || action instanceof Append) this.#validate([action]);
      if (action instanceof RowMutations) this.#validate(action.mutations);
      if (action instanceof CheckAndMutate) this.#validate(action.action instanceof RowMutations ? action.action.mutations : [action.action]);
    }
    if (actions.length > this.#ctx.limits.batchActionsMax) {
      throw new IllegalArgumentError(`Too many actions in one batch: limit is ${this.#ctx.limits.batchActionsMax}`);
    }
    return runBatch(actions, { ...this.#ctx, regionFor: (row) => this.#region(row) });
  }

  /** The first attempt runs directly; only a retryable failure goes through withRelocation. */
  #get(get: Get): Promise<Result> {
    let first: Promise<Cell[]>;
    try {
      first = this.#region(get.row).get(get);
    } catch (error) {
      first = Promise.reject(error);
    }
    return first.then((cells) => getResult(get, cells), (error) => this.#getAgain(get, error));
  }

  /** After the first attempt failed with `error`: what withRelocation does from its second try on. */
  async #getAgain(get: Get, error: unknown): Promise<Result> {
    const limits = this.#ctx.limits;
    if (!isRetryable(error) || limits.relocateRetriesMax <= 0) throw error;
    await retryPause(limits, 0);
    return getResult(get, await withRelocation(limits, () => this.#region(get.row).get(get), 1));
  }

  /** Applies Puts/Deletes grouped by region; actions whose region moved are sent again. */
  async #mutate(mutations: (Put | Delete)[]): Promise<void> {
    this.#validate(mutations);
    let pending = mutations;
    for (let tries = 0; pending.length > 0; tries++) {
      const moved: (Put | Delete)[] = [];
      const failures: ShaleError[] = [];
      await Promise.all(
        [...groupByRegion(pending, (row) => this.#region(row))].map(async ([region, ms]) => {
          const outcomes = await batchMutate(region, ms, this.#ctx.limits, this.#ctx.clock);
          outcomes.forEach((outcome, i) => {
            if (isRetryable(outcome) && tries < this.#ctx.limits.relocateRetriesMax) moved.push(ms[i]);
            else if (outcome !== undefined) failures.push(outcome);
          });
        }),
      );
      if (failures.length > 0) throw failures[0];
      pending = moved;
      if (moved.length > 0) await retryPause(this.#ctx.limits, tries);
    }
  }

  async #atomic(mutations: readonly Mutation[]): Promise<Result> {
    this.#validate(mutations);
    if (mutations.length === 0) return Result.EMPTY;
    const row = mutations[0].row;
    return new Result(await withRelocation(this.#ctx.limits, () => mutateRowAtomically(this.#region(row), mutations, this.#ctx)));
  }

  #region(row: Uint8Array): Region {
    this.#ctx.checkOpen();
    return this.#ctx.catalog.regionFor(this.name, row);
  }

  /** The checks HBase's client makes before sending a mutation. */
  #validate(mutations: readonly Mutation[]): void {
    for (const m of mutations) {
      if (m instanceof Put && m.cells.length === 0) throw new IllegalArgumentError("No columns to put");
      for (const cell of m.cells) {
        if (keyValueSize(cell) > this.#ctx.limits.cellSizeBytesMax) {
          throw new IllegalArgumentError(`KeyValue size too large: ${keyValueSize(cell)} > ${this.#ctx.limits.cellSizeBytesMax}`);
        }
      }
    }
  }
}

/** The Result of a Get from the row's cells. */
function getResult(get: Get, cells: Cell[]): Result {
  return get.existenceOnly ? new Result([], { exists: cells.length > 0 }) : new Result(cells);
}

/** Mutations grouped by the region serving their row, in first-seen order. */
function groupByRegion<T extends Mutation>(mutations: T[], regionFor: (row: Uint8Array) => Region): Map<Region, T[]> {
  const byRegion = new Map<Region, T[]>();
  for (const m of mutations) {
    const region = regionFor(m.row);
    const group = byRegion.get(region);
    if (group === undefined) byRegion.set(region, [m]);
    else group.push(m);
  }
  return byRegion;
}
