// batch(): actions grouped by region server into one MultiRequest per server (hbase-rpc.md
// §7.1.4), mutations' cells in the request cellblock, one RegionAction per region for plain
// actions and one per RowMutations or CheckAndMutate (atomic / conditional). Each action gets its
// own outcome; actions that failed with a retryable error are located and sent again, so a split
// or a moved region costs a retry of only the affected actions.

import { create } from "@bufbuild/protobuf";
import {
  ActionSchema, MultiRequestSchema, MultiResponseSchema, type RegionAction, type RegionActionResult, RegionActionSchema,
} from "../../proto/gen/hbase/client_pb.ts";
import { encodeCellBlock } from "../../proto/wire/cellblock.ts";
import { Append, CheckAndMutate, Get, Increment, RowMutations, type BatchAction } from "../../src/api/operations.ts";
import { Result } from "../../src/api/result.ts";
import type { BatchOutcome } from "../../src/api/types.ts";
import { IllegalArgumentError, type ShaleError } from "../../src/api/errors.ts";
import { type TableName } from "../../src/api/table-name.ts";
import { toHex } from "../../src/util/bytes.ts";
import { assert } from "../../src/util/assert.ts";
import type { Cell } from "../../src/cell/cell.ts";
import { type ClientContext, failIfTableUnavailable } from "../client-context.ts";
import type { RegionLocation } from "../locator/region-location.ts";
import { regionSpecifier } from "../locator/meta-lookup.ts";
import { addressKey } from "../rpc/connection-pool.ts";
import { RetriesExhaustedError, toRemoteError } from "../rpc/remote-error.ts";
import { classifyError, pauseBeforeRetryMs, type RetryDecision } from "../retry-policy.ts";
import { cellReaderOf, decodeResult } from "./result-decode.ts";
import { type Mutation, toCondition, toMutationProto, toPbGet } from "./to-proto.ts";

interface Slot {
  index: number;
  action: BatchAction;
  location: RegionLocation;
}

/** One RegionAction being built, and which batch slots its actions answer. */
interface Group {
  proto: RegionAction;
  slots: Slot[];
  kind: "plain" | "atomic" | "conditional";
  /** Request cellblock cells of this RegionAction's mutations, in action order. */
  cells: Cell[];
}

/** Runs every action; one outcome per action, in order. */
export async function runBatch(ctx: ClientContext, table: TableName, actions: readonly BatchAction[]): Promise<BatchOutcome[]> {
  const outcomes: (BatchOutcome | undefined)[] = new Array(actions.length).fill(undefined);
  let pending = actions.map((_, i) => i);
  const deadline = Date.now() + ctx.options.operationTimeoutMs;
  let lastError = new Map<number, unknown>();
  const nonces: Nonces = new WeakMap();
  for (let tries = 0; pending.length > 0; tries++) {
    if (tries > 0) {
      const pause = pauseBeforeRetryMs(tries, ctx.options, false);
      if (tries > ctx.options.retriesMax || Date.now() + pause > deadline) break;
      await new Promise((r) => setTimeout(r, pause));
    }
    const round = await runRound(ctx, nonces, table, actions, pending, outcomes);
    pending = round.retry;
    lastError = round.errors;
  }
  for (const i of pending) {
    const cause = lastError.get(i);
    outcomes[i] = new RetriesExhaustedError(`Action ${i} failed after retries: ${(cause as Error)?.message ?? "unknown"}`, { cause });
  }
  assert(outcomes.every((o) => o !== undefined), "every action has an outcome");
  return outcomes as BatchOutcome[];
}

async function runRound(
  ctx: ClientContext, nonces: Nonces, table: TableName, actions: readonly BatchAction[], pending: number[], outcomes: (BatchOutcome | undefined)[],
): Promise<{ retry: number[]; errors: Map<number, unknown> }> {
  const retry = new Set<number>();
  const errors = new Map<number, unknown>();
  let notServing = false;
  const fail = (i: number, error: unknown, decision: RetryDecision) => {
    if (decision.kind === "fail") outcomes[i] = error as ShaleError;
    else {
      retry.add(i);
      errors.set(i, error);
      if (decision.kind === "relocate" && decision.notServing) notServing = true;
    }
  };
  const slots: Slot[] = [];
  await Promise.all(pending.map(async (index) => {
    try {
      slots.push({ index, action: actions[index], location: await ctx.locator.locate(table, actions[index].row) });
    } catch (error) {
      fail(index, error, classifyError(error));
    }
  }));
  const byServer = new Map<string, Slot[]>();
  for (const s of slots.sort((a, b) => a.index - b.index)) {
    const key = addressKey(s.location.server!);
    byServer.set(key, [...(byServer.get(key) ?? []), s]);
  }
  await Promise.all([...byServer.values()].map((group) => sendMulti(ctx, nonces, group, outcomes, fail)));
  if (notServing) {
    try {
      await failIfTableUnavailable(ctx, table);
    } catch (error) {
      for (const i of retry) outcomes[i] = error as ShaleError;
      retry.clear();
    }
  }
  return { retry: [...retry], errors };
}

/** One MultiRequest to one server; results and failures land in `outcomes` or are marked for retry. */
async function sendMulti(
  ctx: ClientContext, nonces: Nonces, slots: Slot[], outcomes: (BatchOutcome | undefined)[], fail: (i: number, e: unknown, d: RetryDecision) => void,
): Promise<void> {
  const groups = buildGroups(ctx, nonces, slots);
  // The server takes cells in RegionAction order, then Action order (hbase-rpc.md §5.4).
  const cells = groups.flatMap((g) => g.cells);
  const request = create(MultiRequestSchema, { regionAction: groups.map((g) => g.proto), nonceGroup: ctx.nonceGroup });
  const server = slots[0].location.server!;
  let reply;
  try {
    reply = await ctx.pool.call({ address: server, service: "ClientService" }, "Multi", { schema: MultiRequestSchema, message: request },
      MultiResponseSchema, { cellBlock: cells.length > 0 ? encodeCellBlock(cells) : undefined });
  } catch (error) {
    const decision = classifyError(error);
    if (decision.kind === "dead-server") ctx.locator.forgetServer(addressKey(server));
    for (const s of slots) fail(s.index, error, decision);
    return;
  }
  const results = reply.response.regionActionResult;
  if (results.length !== groups.length) {
    const error = new IllegalArgumentError(`Multi answered ${results.length} region results for ${groups.length} region actions`);
    for (const s of slots) outcomes[s.index] = error;
    return;
  }
  const reader = cellReaderOf(reply.cellBlock);
  groups.forEach((g, i) => applyGroupResult(ctx, g, results[i], reader, outcomes, fail));
}

function buildGroups(ctx: ClientContext, nonces: Nonces, slots: Slot[]): Group[] {
  const plain = new Map<string, Group>();
  const groups: Group[] = [];
  const newGroup = (s: Slot, kind: Group["kind"]): Group => {
    const g: Group = { proto: create(RegionActionSchema, { region: regionSpecifier(s.location.region.regionName) }), slots: [], kind, cells: [] };
    groups.push(g);
    return g;
  };
  for (const s of slots) {
    const a = s.action;
    if (a instanceof RowMutations || a instanceof CheckAndMutate) {
      const g = newGroup(s, a instanceof CheckAndMutate ? "conditional" : "atomic");
      g.slots.push(s);
      const mutations = a instanceof CheckAndMutate ? (a.action instanceof RowMutations ? a.action.mutations : [a.action]) : a.mutations;
      if (a instanceof CheckAndMutate) g.proto.condition = toCondition(a);
      g.proto.atomic = !(a instanceof CheckAndMutate) || a.action instanceof RowMutations;
      mutations.forEach((m, i) => g.proto.action.push(mutationAction(ctx, nonces, m, i, g.cells)));
      continue;
    }
    const key = toHex(s.location.region.regionName);
    let g = plain.get(key);
    if (g === undefined) plain.set(key, (g = newGroup(s, "plain")));
    g.slots.push(s);
    g.proto.action.push(a instanceof Get ? create(ActionSchema, { index: s.index, get: toPbGet(a) }) : mutationAction(ctx, nonces, a, s.index, g.cells));
  }
  return groups;
}

/** One nonce per Increment/Append of one batch() call, kept across its retries so the server applies it once. */
type Nonces = WeakMap<object, bigint>;

function nonceOf(ctx: ClientContext, nonces: Nonces, m: object): bigint {
  let nonce = nonces.get(m);
  if (nonce === undefined) nonces.set(m, (nonce = ctx.newNonce()));
  return nonce;
}

function mutationAction(ctx: ClientContext, nonces: Nonces, m: Mutation, index: number, cells: Cell[]) {
  const nonce = m instanceof Increment || m instanceof Append ? nonceOf(ctx, nonces, m) : undefined;
  const { proto, cells: own } = toMutationProto(m, { cellBlock: true, nonce });
  cells.push(...own);
  return create(ActionSchema, { index, mutation: proto });
}

function applyGroupResult(
  ctx: ClientContext, g: Group, r: RegionActionResult, reader: ReturnType<typeof cellReaderOf>,
  outcomes: (BatchOutcome | undefined)[], fail: (i: number, e: unknown, d: RetryDecision) => void,
): void {
  if (r.exception !== undefined) {
    const error = toRemoteError({ className: r.exception.name, stackTrace: new TextDecoder().decode(r.exception.value) });
    const decision = classifyError(error);
    if (decision.kind === "relocate") ctx.locator.invalidate(g.slots[0].location);
    for (const s of g.slots) fail(s.index, error, decision);
    return;
  }
  if (g.kind !== "plain") {
    const first = r.resultOrException[0];
    const result = decodeResult(first?.result, reader);
    for (const roe of r.resultOrException.slice(1)) decodeResult(roe.result, reader);
    const exception = r.resultOrException.find((x) => x.exception !== undefined)?.exception;
    const s = g.slots[0];
    if (exception !== undefined) {
      const error = toRemoteError({ className: exception.name, stackTrace: new TextDecoder().decode(exception.value) });
      fail(s.index, error, classifyError(error));
      return;
    }
    outcomes[s.index] = g.kind === "conditional" ? { success: r.processed, result } : result;
    return;
  }
  const byIndex = new Map(g.slots.map((s) => [s.index, s]));
  for (const roe of r.resultOrException) {
    const s = byIndex.get(roe.index);
    const result = decodeResult(roe.result, reader);
    if (s === undefined) continue;
    if (roe.exception !== undefined) {
      const error = toRemoteError({ className: roe.exception.name, stackTrace: new TextDecoder().decode(roe.exception.value) });
      const decision = classifyError(error);
      if (decision.kind === "relocate") ctx.locator.invalidate(s.location);
      fail(s.index, error, decision);
      continue;
    }
    outcomes[s.index] = s.action instanceof Get && s.action.existenceOnly ? result : (roe.result === undefined ? Result.EMPTY : result);
  }
}
