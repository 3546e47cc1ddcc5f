// batch() for the embedded backend, with HBase's per-region ordering (data-semantics.md §4.7):
// actions are grouped by region; within a region, Gets run at once while Puts and Deletes are
// collected and applied together when an atomic action arrives or at the end. Every action gets
// its own outcome; one failing action never fails the others.

import { ShaleError } from "../api/errors.ts";
import {
  Append, type BatchAction, CheckAndMutate, Delete, Get, Increment, Put, RowMutations,
} from "../api/operations.ts";
import { Result } from "../api/result.ts";
import type { BatchOutcome } from "../api/types.ts";
import type { Limits } from "../util/limits.ts";
import { batchMutate, checkAndMutate, mutateRowAtomically } from "../region/region-mutations.ts";
import type { Region } from "../region/region.ts";
import { isRetryable, retryPause } from "./relocation.ts";

interface BatchContext {
  limits: Limits;
  clock: () => bigint;
  regionFor: (row: Uint8Array) => Region;
}

export async function runBatch(actions: BatchAction[], ctx: BatchContext): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = new Array(actions.length);
  let pending = actions.map((_, i) => i);
  for (let tries = 0; pending.length > 0; tries++) {
    const byRegion = new Map<Region, number[]>();
    for (const i of pending) {
      try {
        const region = ctx.regionFor(actions[i].row);
        byRegion.set(region, [...(byRegion.get(region) ?? []), i]);
      } catch (error) {
        outcomes[i] = asOutcome(error);
      }
    }
    await Promise.all([...byRegion].map(([region, indexes]) => runRegionActions(region, indexes, actions, outcomes, ctx)));
    // Actions whose region split or closed under them go again to the region now serving the row.
    pending = tries < ctx.limits.relocateRetriesMax ? pending.filter((i) => isRetryable(outcomes[i])) : [];
    if (pending.length > 0) await retryPause(ctx.limits, tries);
  }
  return outcomes;
}

async function runRegionActions(region: Region, indexes: number[], actions: BatchAction[], outcomes: BatchOutcome[], ctx: BatchContext): Promise<void> {
  let collected: number[] = [];
  const applyCollected = async () => {
    if (collected.length === 0) return;
    const mutations = collected.map((i) => actions[i] as Put | Delete);
    const results = await batchMutate(region, mutations, ctx.limits, ctx.clock);
    collected.forEach((i, k) => (outcomes[i] = results[k] ?? Result.EMPTY));
    collected = [];
  };
  for (const i of indexes) {
    const action = actions[i];
    if (action instanceof Put || action instanceof Delete) {
      collected.push(i);
      continue;
    }
    if (!(action instanceof Get)) await applyCollected();
    try {
      outcomes[i] = await runOne(region, action, ctx);
    } catch (error) {
      outcomes[i] = asOutcome(error);
    }
  }
  await applyCollected();
}

async function runOne(region: Region, action: BatchAction, ctx: BatchContext): Promise<BatchOutcome> {
  if (action instanceof Get) {
    const cells = await region.get(action);
    return action.existenceOnly ? new Result([], { exists: cells.length > 0 }) : new Result(cells);
  }
  if (action instanceof CheckAndMutate) return checkAndMutate(region, action, ctx);
  const mutations = action instanceof RowMutations ? action.mutations : [action as Increment | Append];
  return new Result(await mutateRowAtomically(region, mutations, ctx));
}

function asOutcome(error: unknown): ShaleError {
  if (error instanceof ShaleError) return error;
  throw error;
}
