// Runs a history of model ops (model-ops.ts) against the in-memory model and against the embedded
// engine on a MemFs, turning each op into one outcome line: what a read returned (cells as
// "family:qualifier@ts=value"), what a mutation returned, or the class of the error it threw.
// The test compares the lines op by op: model against each engine configuration.

import {
  BinaryComparator, CheckAndMutate, ColumnPrefixFilter, CompareOperator, Delete, Durability, FilterList, FilterListOperator, Get,
  Increment, Append, PrefixFilter, Put, QualifierFilter, Scan, ShaleError, ValueFilter, open, toBytes,
} from "../../src/index.ts";
import type { BloomType, Cell, Connection, Filter, Limits } from "../../src/index.ts";
import { MemFs } from "../../src/platform/mem-fs.ts";
import { toUtf8 } from "../../src/util/bytes.ts";
import { HBaseModel, FAMILY_VERSIONS, type ModelCell, ModelError } from "./hbase-model.ts";
import { CLOCK_BASE, CLOCK_STEP, type DeleteSpec, FAMILIES, type FilterSpec, MODEL_TABLE, type Op, type PutCell } from "./model-ops.ts";

/** One engine configuration; results must not depend on any of these. */
export interface EngineConfig {
  readonly name: string;
  readonly limits: Partial<Limits>;
  readonly bloom: BloomType;
  readonly blockSizeBytes: number;
}

/** Timestamps as the history sees them: the op clock is (ts - CLOCK_BASE) / CLOCK_STEP. */
function showTs(ts: bigint | number): string {
  return String(ts);
}

/** Printable ASCII as is, any other byte as \xNN (an 8-byte counter shows as escapes). */
function showBytes(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`;
  return out;
}

function showCells(cells: readonly { f: string; q: string; ts: bigint | number; v: Uint8Array }[]): string {
  return cells.map((c) => `${c.f}:${c.q}@${showTs(c.ts)}=${showBytes(c.v)}`).join(" ");
}

function fromEngine(cells: readonly Cell[]): { f: string; q: string; ts: bigint; v: Uint8Array }[] {
  return cells.map((c) => ({ f: toUtf8(c.family), q: toUtf8(c.qualifier), ts: c.timestamp, v: c.value }));
}

function showModel(cells: readonly ModelCell[]): string {
  return showCells(cells);
}

/** The op clock: one value per op, so every LATEST write of an op shares it (as a mini-batch does). */
export function clockAt(index: number): number {
  return CLOCK_BASE + CLOCK_STEP * index;
}

// ---- the model side ----

/** The outcome line the model predicts for op `index`. */
export function modelOutcome(model: HBaseModel, op: Op, index: number): string {
  const now = clockAt(index);
  try {
    switch (op.k) {
      case "put": model.put(op.row, op.cells, now); return "ok";
      case "delete": model.delete(op.row, op.spec, now); return "ok";
      case "increment": return `ok ${showModel([model.increment(op.row, op, now)])}`;
      case "append": return `ok ${showModel([model.append(op.row, op, now)])}`;
      case "checkAndPut": return `ok ${model.checkAndPut(op.row, op, op.cells, now)}`;
      case "checkAndDelete": return `ok ${model.checkAndDelete(op.row, op, op.spec, now)}`;
      case "get": return `ok ${showModel(model.read(op.row, op))}`;
      case "scan": return `ok ${model.scan(op).map(([row, cells]) => `[${row}] ${showModel(cells)}`).join(" | ")}`;
      case "majorCompact": model.majorCompact(); return "ok";
      case "flush": case "compact": case "split": case "reopen": return "ok";
    }
  } catch (error) {
    if (error instanceof ModelError) return `error ${error.className}`;
    throw error;
  }
}

// ---- the engine side ----

function buildFilter(spec: FilterSpec): Filter {
  const op = CompareOperator[spec.t === "value" || spec.t === "qualifier" ? spec.op : "EQUAL"];
  switch (spec.t) {
    case "prefix": return new PrefixFilter(toBytes(spec.p));
    case "value": return new ValueFilter(op, new BinaryComparator(toBytes(spec.v)));
    case "qualifier": return new QualifierFilter(op, new BinaryComparator(toBytes(spec.v)));
    case "columnPrefix": return new ColumnPrefixFilter(toBytes(spec.p));
    case "and": return new FilterList(FilterListOperator.MUST_PASS_ALL, [buildFilter(spec.a), buildFilter(spec.b)]);
  }
}

function buildPut(row: string, cells: PutCell[]): Put {
  const put = new Put(row).setDurability(Durability.SYNC_WAL);
  for (const c of cells) put.addColumn(c.f, c.q, c.v, c.ts === null ? undefined : BigInt(c.ts));
  return put;
}

function buildDelete(row: string, spec: DeleteSpec): Delete {
  const ts = spec.ts === null ? undefined : BigInt(spec.ts);
  switch (spec.kind) {
    case "row": return ts === undefined ? new Delete(row) : new Delete(row, ts);
    case "family": return new Delete(row).addFamily(spec.f, ts);
    case "familyVersion": return new Delete(row).addFamilyVersion(spec.f, BigInt(spec.ts));
    case "columns": return new Delete(row).addColumns(spec.f, spec.q, ts);
    case "column": return new Delete(row).addColumn(spec.f, spec.q, ts);
  }
}

function buildGet(op: Op & { k: "get" }): Get {
  const get = new Get(op.row).readVersions(op.versions);
  if ("f" in op.columns) get.addFamily(op.columns.f);
  if ("cols" in op.columns) for (const c of op.columns.cols) get.addColumn(c.f, c.q);
  if (op.timeRange !== null) get.setTimeRange(BigInt(op.timeRange[0]), BigInt(op.timeRange[1]));
  if (op.filter !== null) get.setFilter(buildFilter(op.filter));
  return get;
}

function buildScan(op: Op & { k: "scan" }): Scan {
  const scan = new Scan().setReversed(op.reversed).readVersions(op.versions);
  if (op.start !== "") scan.withStartRow(op.start);
  if (op.stop !== "") scan.withStopRow(op.stop);
  if (op.limit > 0) scan.setLimit(op.limit);
  if (op.filter !== null) scan.setFilter(buildFilter(op.filter));
  return scan;
}

function checkAndMutate(op: { row: string; f: string; q: string; op: keyof typeof CompareOperator; expected: string }, action: Put | Delete): CheckAndMutate {
  return CheckAndMutate.newBuilder(op.row).ifMatches(op.f, op.q, CompareOperator[op.op], op.expected).build(action);
}

/** The embedded engine of one configuration on its own MemFs, driven op by op. */
export class EngineUnderTest {
  readonly config: EngineConfig;
  readonly #fs = new MemFs();
  #now = CLOCK_BASE;
  #conn: Connection | undefined;

  constructor(config: EngineConfig) {
    this.config = config;
  }

  async start(): Promise<void> {
    this.#conn = await this.#open();
    const families = FAMILIES.map((name) => ({
      name,
      maxVersions: FAMILY_VERSIONS,
      bloomFilterType: this.config.bloom,
      blockSizeBytes: this.config.blockSizeBytes,
    }));
    await this.#conn.admin.createTable({ name: MODEL_TABLE, families });
  }

  /** Regions the table has now (splits in a history are refused at boundaries and before a daughter's compaction). */
  async regionCount(): Promise<number> {
    return (await this.#conn!.admin.getRegions(MODEL_TABLE)).length;
  }

  async close(): Promise<void> {
    await this.#conn?.close();
    this.#conn = undefined;
  }

  /** Runs op `index` and returns its outcome line. */
  async run(op: Op, index: number): Promise<string> {
    this.#now = clockAt(index);
    try {
      return await this.#run(op);
    } catch (error) {
      if (error instanceof ShaleError) return `error ${error.constructor.name}`;
      throw error;
    }
  }

  #open(): Promise<Connection> {
    return open("/model", { fs: this.#fs, limits: this.config.limits, clock: () => BigInt(this.#now) });
  }

  async #run(op: Op): Promise<string> {
    const conn = this.#conn!;
    const table = conn.table(MODEL_TABLE);
    switch (op.k) {
      case "put": await table.put(buildPut(op.row, op.cells)); return "ok";
      case "delete": await table.delete(buildDelete(op.row, op.spec)); return "ok";
      case "increment": {
        const result = await table.increment(new Increment(op.row).addColumn(op.f, op.q, BigInt(op.delta)));
        return `ok ${showCells(fromEngine(result.cells))}`;
      }
      case "append": {
        const result = await table.append(new Append(op.row).addColumn(op.f, op.q, op.v));
        return `ok ${showCells(fromEngine(result.cells))}`;
      }
      case "checkAndPut": return `ok ${(await table.checkAndMutate(checkAndMutate(op, buildPut(op.row, op.cells)))).success}`;
      case "checkAndDelete": return `ok ${(await table.checkAndMutate(checkAndMutate(op, buildDelete(op.row, op.spec)))).success}`;
      case "get": return `ok ${showCells(fromEngine((await table.get(buildGet(op))).cells))}`;
      case "scan": {
        const rows: string[] = [];
        for await (const result of table.scan(buildScan(op))) rows.push(`[${toUtf8(result.row!)}] ${showCells(fromEngine(result.cells))}`);
        return `ok ${rows.join(" | ")}`;
      }
      case "flush": await conn.admin.flush(MODEL_TABLE); return "ok";
      case "compact": await conn.admin.compact(MODEL_TABLE); return "ok";
      case "majorCompact":
        // The model drops every marker at a major compaction, so the MemStore goes to files first.
        await conn.admin.flush(MODEL_TABLE);
        await conn.admin.majorCompact(MODEL_TABLE);
        return "ok";
      case "split": return await this.#split(op.row);
      case "reopen":
        await conn.close();
        this.#conn = await this.#open();
        return "ok";
    }
  }

  /** Splits the region holding `row` there; a refusal (row at a boundary, references) is no error here. */
  async #split(row: string): Promise<string> {
    try {
      await this.#conn!.admin.split(MODEL_TABLE, toBytes(row));
    } catch (error) {
      if (!(error instanceof ShaleError) || error.constructor.name !== "DoNotRetryIOError") throw error;
    }
    return "ok";
  }
}
