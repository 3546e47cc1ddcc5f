// Table over the wire: single Get and Mutate calls to the region holding the row (mutations
// inline, as Java sends them; Increment/Append with a nonce so a resend applies once), multi-row
// calls through batch.ts (one Multi per region server), scans through multi-region-scanner.ts.
// Client-side checks match the embedded engine's, so both backends fail the same way.

import { create } from "@bufbuild/protobuf";
import {
  GetRequestSchema, GetResponseSchema, MutateRequestSchema, MutateResponseSchema,
} from "../../proto/gen/hbase/client_pb.ts";
import {
  Append, type BatchAction, type CheckAndMutate, Delete, type Get, Increment, Put, RowMutations, Scan,
} from "../../src/api/operations.ts";
import type { CheckAndMutateResult, Result } from "../../src/api/result.ts";
import type { BatchOutcome, ResultScanner, Table } from "../../src/api/types.ts";
import { DoNotRetryIOError, IllegalArgumentError, ShaleError } from "../../src/api/errors.ts";
import type { TableName } from "../../src/api/table-name.ts";
import { tableNameString } from "../../src/api/table-name.ts";
import { LIMITS } from "../../src/util/limits.ts";
import { toHex } from "../../src/util/bytes.ts";
import { callRegion, type ClientContext } from "../client-context.ts";
import { regionSpecifier } from "../locator/meta-lookup.ts";
import { runBatch } from "./batch.ts";
import { MultiRegionScanner } from "./multi-region-scanner.ts";
import { cellReaderOf, decodeResult } from "./result-decode.ts";
import { type Mutation, toCondition, toMutationProto, toPbGet } from "./to-proto.ts";

const SERVICE = "ClientService";

export class RemoteTable implements Table {
  readonly name: TableName;
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext, name: TableName) {
    this.#ctx = ctx;
    this.name = name;
  }

  get(get: Get): Promise<Result>;
  get(gets: Get[]): Promise<Result[]>;
  get(get: Get | Get[]): Promise<Result | Result[]> {
    if (Array.isArray(get)) return this.#getMany(get);
    return this.#getOne(get, false);
  }

  async exists(get: Get): Promise<boolean> {
    return (await this.#getOne(get, true)).exists === true;
  }

  async #getOne(get: Get, existenceOnly: boolean): Promise<Result> {
    const cache = this.#ctx.responseCache;
    const pb = toPbGet(get);
    if (existenceOnly) pb.existenceOnly = true;
    const key = cache === undefined ? "" : `${tableNameString(this.name)}/${toHex(create(GetRequestSchema, { get: pb }).get!.row)}/${JSON.stringify(pb, bigintJson)}`;
    const hit = cache?.get(key);
    if (hit !== undefined) return hit;
    const result = await callRegion(this.#ctx, { table: this.name, row: get.row, what: "Get" }, async (loc) => {
      const request = create(GetRequestSchema, { region: regionSpecifier(loc.region.regionName), get: pb });
      const { response, cellBlock } = await this.#ctx.pool.call({ address: loc.server!, service: SERVICE }, "Get",
        { schema: GetRequestSchema, message: request }, GetResponseSchema);
      return decodeResult(response.result, cellReaderOf(cellBlock));
    });
    cache?.put(key, toHex(get.row), result);
    return result;
  }

  async #getMany(gets: Get[]): Promise<Result[]> {
    if (gets.length === 0) return [];
    if (gets.length > this.#ctx.options.multiGetSizeMax) throw new IllegalArgumentError(`Too many Gets in one call: limit is ${this.#ctx.options.multiGetSizeMax}`);
    const outcomes = await runBatch(this.#ctx, this.name, gets);
    return outcomes.map((o) => {
      if (o instanceof Error) throw o;
      return o as Result;
    });
  }

  async put(put: Put | Put[]): Promise<void> {
    const puts = Array.isArray(put) ? put : [put];
    for (const p of puts) checkPut(p);
    if (!Array.isArray(put)) return this.#mutate(put);
    await this.#mutateMany(puts);
  }

  async delete(del: Delete | Delete[]): Promise<void> {
    if (!Array.isArray(del)) return this.#mutate(del);
    await this.#mutateMany(del);
  }

  async #mutateMany(mutations: (Put | Delete)[]): Promise<void> {
    if (mutations.length === 0) return;
    this.#forgetRows(mutations);
    const outcomes = await runBatch(this.#ctx, this.name, mutations);
    const failure = outcomes.find((o) => o instanceof ShaleError || o instanceof Error);
    if (failure !== undefined) throw failure;
  }

  async #mutate(m: Put | Delete): Promise<void> {
    this.#forgetRows([m]);
    await this.#sendMutate(m, undefined);
  }

  async increment(increment: Increment): Promise<Result> {
    if (increment.cells.length === 0) throw new DoNotRetryIOError("Invalid arguments to increment, no columns specified");
    this.#forgetRows([increment]);
    return (await this.#sendMutate(increment, undefined)).result;
  }

  async append(append: Append): Promise<Result> {
    if (append.cells.length === 0) throw new DoNotRetryIOError("Invalid arguments to append, no columns specified");
    this.#forgetRows([append]);
    return (await this.#sendMutate(append, undefined)).result;
  }

  async checkAndMutate(cam: CheckAndMutate): Promise<CheckAndMutateResult> {
    const action = cam.action;
    this.#forgetRows([{ row: cam.row }]);
    if (action instanceof RowMutations) {
      const [outcome] = await runBatch(this.#ctx, this.name, [cam]);
      if (outcome instanceof Error) throw outcome;
      return outcome as CheckAndMutateResult;
    }
    if (action instanceof Put) checkPut(action);
    const { processed, result } = await this.#sendMutate(action, cam);
    return { success: processed, result };
  }

  async mutateRow(mutations: RowMutations): Promise<Result> {
    for (const m of mutations.mutations) if (m instanceof Put) checkPut(m);
    this.#forgetRows([mutations]);
    const [outcome] = await runBatch(this.#ctx, this.name, [mutations]);
    if (outcome instanceof Error) throw outcome;
    return outcome as Result;
  }

  async batch(actions: BatchAction[]): Promise<BatchOutcome[]> {
    if (actions.length > LIMITS.batchActionsMax) throw new IllegalArgumentError(`Too many actions in one batch: limit is ${LIMITS.batchActionsMax}`);
    const outcomes: (BatchOutcome | undefined)[] = actions.map((a) => localCheck(a));
    const toSend = actions.map((a, i) => ({ a, i })).filter((x) => outcomes[x.i] === undefined);
    this.#forgetRows(toSend.map((x) => x.a));
    const sent = await runBatch(this.#ctx, this.name, toSend.map((x) => x.a));
    toSend.forEach((x, k) => (outcomes[x.i] = sent[k]));
    return outcomes as BatchOutcome[];
  }

  scan(scan: Scan = new Scan()): ResultScanner {
    return new MultiRegionScanner(this.#ctx, this.name, scan);
  }

  /** One Mutate call, with a condition for checkAndMutate; retried per the policy (one nonce for all tries). */
  async #sendMutate(m: Mutation, cam: CheckAndMutate | undefined): Promise<{ processed: boolean; result: Result }> {
    const nonce = m instanceof Increment || m instanceof Append ? this.#ctx.newNonce() : undefined;
    const { proto } = toMutationProto(m, { cellBlock: false, nonce });
    const condition = cam === undefined ? undefined : toCondition(cam);
    return callRegion(this.#ctx, { table: this.name, row: m.row, what: "Mutate" }, async (loc) => {
      const request = create(MutateRequestSchema, { region: regionSpecifier(loc.region.regionName), mutation: proto, nonceGroup: this.#ctx.nonceGroup });
      if (condition !== undefined) request.condition = condition;
      const { response, cellBlock } = await this.#ctx.pool.call({ address: loc.server!, service: SERVICE }, "Mutate",
        { schema: MutateRequestSchema, message: request }, MutateResponseSchema);
      return { processed: response.processed, result: decodeResult(response.result, cellReaderOf(cellBlock)) };
    });
  }

  #forgetRows(items: readonly { row: Uint8Array }[]): void {
    const cache = this.#ctx.responseCache;
    if (cache === undefined) return;
    for (const item of items) cache.invalidateRow(toHex(item.row));
  }
}

/** The checks HBase's client makes before sending a Put (and the embedded engine makes too). */
function checkPut(put: Put): void {
  if (put.cells.length === 0) throw new IllegalArgumentError("No columns to put");
  for (const c of put.cells) {
    const size = 8 + 2 + c.row.length + 1 + c.family.length + c.qualifier.length + 9 + c.value.length;
    if (size > LIMITS.cellSizeBytesMax) throw new IllegalArgumentError(`KeyValue size too large: ${size} > ${LIMITS.cellSizeBytesMax}`);
  }
}

/** A client-side failure for one batch action, or undefined when it may be sent. */
function localCheck(a: BatchAction): ShaleError | undefined {
  try {
    if (a instanceof Put) checkPut(a);
    if (a instanceof Increment && a.cells.length === 0) throw new DoNotRetryIOError("Invalid arguments to increment, no columns specified");
    if (a instanceof Append && a.cells.length === 0) throw new DoNotRetryIOError("Invalid arguments to append, no columns specified");
    if (a instanceof Delete || a instanceof RowMutations) return undefined;
    return undefined;
  } catch (error) {
    if (error instanceof ShaleError) return error;
    throw error;
  }
}

function bigintJson(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return toHex(value);
  return value;
}
