// ClientService (hbase-rpc.md §7.1): Get, Mutate and Multi on user regions and the virtual
// hbase:meta region. Scan lives in client-scan.ts. Row checks follow HBase: a Get outside its
// region is WrongRegionException, a mutation outside it FailedSanityCheckException.

import { create } from "@bufbuild/protobuf";
import { toStringBinary, toUtf8 } from "../../src/util/bytes.ts";
import type { Cell } from "../../src/cell/cell.ts";
import {
  DoNotRetryIOError, FailedSanityCheckError, UnknownProtocolError, WrongRegionError,
} from "../../src/api/errors.ts";
import { Append, Delete, type Get, Increment, Put, RowMutations } from "../../src/api/operations.ts";
import { regionContainsRow } from "../../src/catalog/region-info.ts";
import { batchMutate, checkAndMutate, mutateRowAtomically } from "../../src/region/region-mutations.ts";
import type { Region } from "../../src/region/region.ts";
import {
  type Action, GetRequestSchema, GetResponseSchema, MultiRequestSchema, MultiResponseSchema, MutateRequestSchema,
  MutateResponseSchema, type MutationProto, type RegionAction, type RegionActionResult, RegionActionResultSchema,
  type Result, ResultOrExceptionSchema, ScanRequestSchema, ScanResponseSchema,
} from "../../proto/gen/hbase/client_pb.ts";
import { CellBlockReader } from "../../proto/wire/cellblock.ts";
import { exceptionPair } from "../rpc/exceptions.ts";
import type { CallContext, ServiceRegistry } from "../rpc/service-registry.ts";
import { type EngineMutation, skipMutationCells, toCheckAndMutate, toMutation } from "./convert/mutation.ts";
import { toGet } from "./convert/query.ts";
import { ResultEncoder } from "./convert/result.ts";
import { scan } from "./client-scan.ts";
import type { ServedRegion } from "./region-resolver.ts";
import type { ServerContext } from "./server-context.ts";

export function registerClientService(registry: ServiceRegistry, server: ServerContext): void {
  const S = "ClientService";
  registry.method(S, "Get", GetRequestSchema, GetResponseSchema, async (req, ctx) => {
    const served = server.regions.resolve(req.region);
    if (req.get === undefined) throw new DoNotRetryIOError("GetRequest without get");
    const enc = new ResultEncoder(ctx.cellBlocks);
    const result = await runGet(served, req.get, enc);
    return { response: create(GetResponseSchema, { result }), cells: enc.cells };
  });
  registry.method(S, "Mutate", MutateRequestSchema, MutateResponseSchema, async (req, ctx) => {
    const region = userRegion(server.regions.resolve(req.region));
    if (req.mutation === undefined) throw new DoNotRetryIOError("MutateRequest without mutation");
    const m = toMutation(req.mutation, cellReader(ctx));
    checkMutationRow(region, m.row);
    const enc = new ResultEncoder(ctx.cellBlocks);
    const response = create(MutateResponseSchema, {});
    if (req.condition !== undefined) {
      const outcome = await checkAndMutate(region, toCheckAndMutate(req.condition, m), engineCtx(server));
      response.processed = outcome.success;
      // As HBase: no Result unless an Increment or Append ran (getResult() is null otherwise).
      if (outcome.success && (m instanceof Increment || m instanceof Append)) response.result = enc.result(outcome.result.cells);
      return { response, cells: enc.cells };
    }
    if (m instanceof Put || m instanceof Delete) {
      const [failure] = await batchMutate(region, [m], server.engine.limits, server.engine.clock);
      if (failure !== undefined) throw failure;
      response.processed = true;
      return response;
    }
    const cells = await readModifyWrite(server, region, m, req.nonceGroup ?? 0n, req.mutation.nonce);
    response.result = enc.result(m.returnResults ? cells : []);
    return { response, cells: enc.cells };
  });
  registry.method(S, "Scan", ScanRequestSchema, ScanResponseSchema, (req, ctx) => scan(server, req, ctx));
  registry.method(S, "Multi", MultiRequestSchema, MultiResponseSchema, async (req, ctx) => {
    const cells = cellReader(ctx);
    const enc = new ResultEncoder(ctx.cellBlocks);
    const response = create(MultiResponseSchema, {});
    for (const ra of req.regionAction) {
      const condition = ra.condition ?? req.condition;
      response.regionActionResult.push(await runRegionAction(server, ra, { cells, enc, nonceGroup: req.nonceGroup ?? 0n, condition }));
      const result = response.regionActionResult[response.regionActionResult.length - 1];
      // MultiResponse.processed mirrors the atomic region action's outcome for older clients.
      if ((ra.atomic === true || condition !== undefined) && result.exception === undefined) response.processed = result.processed ?? false;
    }
    return { response, cells: enc.cells };
  });
}

function engineCtx(server: ServerContext) {
  return { limits: server.engine.limits, clock: server.engine.clock };
}

function cellReader(ctx: CallContext): CellBlockReader | undefined {
  return ctx.requestCells.length > 0 ? new CellBlockReader(ctx.requestCells) : undefined;
}

function userRegion(served: ServedRegion): Region {
  if (served.kind === "meta") throw new DoNotRetryIOError("hbase:meta is read-only on this server: it is built from the catalog");
  return served.region;
}

function checkMutationRow(region: Region, row: Uint8Array): void {
  if (regionContainsRow(region.info, row)) return;
  throw new FailedSanityCheckError(`Requested row out of range for region ${toUtf8(region.info.regionName)}, row=${toStringBinary(row)}`);
}

async function runGet(served: ServedRegion, pb: NonNullable<import("../../proto/gen/hbase/client_pb.ts").GetRequest["get"]>, enc: ResultEncoder): Promise<Result> {
  if (pb.closestRowBefore === true) {
    if (served.kind !== "meta") throw new UnknownProtocolError("closest_row_before is only supported on hbase:meta. Is this a pre-hbase-1.0.0 or asynchbase client?");
    const get = toGet(pb);
    return enc.result(await served.region.closestRowBefore(get));
  }
  const get: Get = toGet(pb);
  if (served.kind === "user" && !regionContainsRow(served.region.info, get.row)) {
    throw new WrongRegionError(`Requested row out of range for Get on region ${toUtf8(served.region.info.regionName)}, row=${toStringBinary(get.row)}`);
  }
  const cells = await served.region.get(get);
  if (get.existenceOnly) return enc.result([], { exists: cells.length > 0 });
  return enc.result(cells);
}

/** Increment or Append with nonce dedupe: a retried call returns the first call's cells. */
async function readModifyWrite(server: ServerContext, region: Region, m: Increment | Append, group: bigint, nonce: bigint | undefined): Promise<Cell[]> {
  const seen = server.nonces.lookup(group, nonce);
  if (seen !== undefined) return seen;
  if (m.cells.length === 0) throw new DoNotRetryIOError(`Invalid arguments to ${m instanceof Increment ? "increment" : "append"}, no columns specified`);
  const cells = await mutateRowAtomically(region, [m], engineCtx(server));
  server.nonces.remember(group, nonce, cells);
  return cells;
}

interface MultiState {
  cells: CellBlockReader | undefined;
  enc: ResultEncoder;
  nonceGroup: bigint;
  condition: RegionAction["condition"];
}

async function runRegionAction(server: ServerContext, ra: RegionAction, st: MultiState): Promise<RegionActionResult> {
  const out = create(RegionActionResultSchema, {});
  let served: ServedRegion;
  try {
    served = server.regions.resolve(ra.region);
  } catch (error) {
    for (const a of ra.action) if (a.mutation !== undefined) skipMutationCells(a.mutation, st.cells);
    out.exception = exceptionPair(error);
    return out;
  }
  if (ra.atomic === true || st.condition !== undefined) return runAtomic(server, served, ra, st, out);
  let collected: { action: Action; m: Put | Delete; slot: number }[] = [];
  const applyCollected = async () => {
    if (collected.length === 0 || served.kind !== "user") return;
    const outcomes = await batchMutate(served.region, collected.map((c) => c.m), server.engine.limits, server.engine.clock);
    collected.forEach((c, i) => {
      const f = outcomes[i];
      out.resultOrException[c.slot] = f === undefined
        ? create(ResultOrExceptionSchema, { index: c.action.index, result: st.enc.result([]) })
        : create(ResultOrExceptionSchema, { index: c.action.index, exception: exceptionPair(f) });
    });
    collected = [];
  };
  for (const action of ra.action) {
    const slot = out.resultOrException.length;
    out.resultOrException.push(create(ResultOrExceptionSchema, { index: action.index }));
    try {
      if (action.get !== undefined) {
        out.resultOrException[slot].result = await runGet(served, action.get, st.enc);
        continue;
      }
      if (action.mutation === undefined) throw new DoNotRetryIOError("Action without get or mutation (coprocessor calls are not supported)");
      const m = toMutation(action.mutation, st.cells);
      const region = userRegion(served);
      checkMutationRow(region, m.row);
      if (m instanceof Put || m instanceof Delete) {
        collected.push({ action, m, slot });
        continue;
      }
      await applyCollected();
      const cells = await readModifyWrite(server, region, m, st.nonceGroup, action.mutation.nonce);
      out.resultOrException[slot].result = st.enc.result(m.returnResults ? cells : []);
    } catch (error) {
      out.resultOrException[slot] = create(ResultOrExceptionSchema, { index: action.index, exception: exceptionPair(error) });
    }
  }
  await applyCollected();
  return out;
}

/** mutateRow (atomic) and conditional region actions: all mutations of one row, all or nothing. */
async function runAtomic(server: ServerContext, served: ServedRegion, ra: RegionAction, st: MultiState, out: RegionActionResult): Promise<RegionActionResult> {
  const mutations: EngineMutation[] = [];
  try {
    for (const a of ra.action) {
      if (a.mutation === undefined) throw new DoNotRetryIOError("Atomic region actions take mutations only");
      mutations.push(toMutation(a.mutation as MutationProto, st.cells));
    }
    const region = userRegion(served);
    if (mutations.length === 0) throw new DoNotRetryIOError("No mutations in the atomic region action");
    for (const m of mutations) checkMutationRow(region, m.row);
    let cells: Cell[];
    if (st.condition !== undefined) {
      const action = mutations.length === 1 && ra.atomic !== true ? mutations[0] : rowMutations(mutations);
      const outcome = await checkAndMutate(region, toCheckAndMutate(st.condition, action), engineCtx(server));
      out.processed = outcome.success;
      cells = [...outcome.result.cells];
    } else {
      cells = await mutateRowAtomically(region, mutations, engineCtx(server));
      out.processed = true;
    }
    // HBase answers an atomic or conditional region action by position, not by the action's
    // index (RowMutations requests leave it unset): the 2.x client files each result under the
    // index it reads back, so one ResultOrException per action at 0..n-1, merged cells on the first.
    ra.action.forEach((_a, i) => {
      out.resultOrException.push(create(ResultOrExceptionSchema, { index: i, result: st.enc.result(i === 0 ? cells : []) }));
    });
  } catch (error) {
    for (const a of ra.action.slice(mutations.length + 1)) if (a.mutation !== undefined) skipMutationCells(a.mutation, st.cells);
    out.resultOrException = [];
    out.exception = exceptionPair(error);
  }
  return out;
}

function rowMutations(mutations: EngineMutation[]): RowMutations {
  const rm = new RowMutations(mutations[0].row);
  for (const m of mutations) rm.add(m);
  return rm;
}
