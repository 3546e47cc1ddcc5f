// The operations a Table accepts, shaped like HBase's client classes (Get, Scan, Put, Delete,
// Increment, Append, RowMutations, CheckAndMutate). Builders validate what HBase's client
// validates (data-semantics.md §4.1, §3.1, §2.2) and throw IllegalArgumentError, so embedded and
// remote callers fail the same way before anything is sent. Byte arguments are aliased, not copied.

import { type BytesLike, EMPTY_BYTES, compareBytes, toBytes, toHex, toUtf8 } from "../util/bytes.ts";
import { LATEST_TIMESTAMP, LONG_MAX, longToBytes } from "../util/int64.ts";
import { LIMITS } from "../util/limits.ts";
import { CellType } from "../cell/cell-type.ts";
import { type Cell, makeCell } from "../cell/cell.ts";
// Filters (src/api/filters/) are API objects the engine runs; operations only carry them.
import type { Filter } from "./filters/filter.ts";
import { IllegalArgumentError, IncompatibleFilterError, WrongRowIOError } from "./errors.ts";

/** Mutation durability (wire enum values, data-semantics.md §4.8). */
export const Durability = { USE_DEFAULT: 0, SKIP_WAL: 1, ASYNC_WAL: 2, SYNC_WAL: 3, FSYNC_WAL: 4 } as const;
export type Durability = (typeof Durability)[keyof typeof Durability];

/** Compare operators; for checkAndMutate the comparison reads "expected OP stored" (§4.5). */
export const CompareOperator = {
  LESS: "LESS",
  LESS_OR_EQUAL: "LESS_OR_EQUAL",
  EQUAL: "EQUAL",
  NOT_EQUAL: "NOT_EQUAL",
  GREATER_OR_EQUAL: "GREATER_OR_EQUAL",
  GREATER: "GREATER",
  NO_OP: "NO_OP",
} as const;
export type CompareOperator = (typeof CompareOperator)[keyof typeof CompareOperator];

export const Consistency = { STRONG: 0, TIMELINE: 1 } as const;
export type Consistency = (typeof Consistency)[keyof typeof Consistency];

export const IsolationLevel = { READ_COMMITTED: 0, READ_UNCOMMITTED: 1 } as const;
export type IsolationLevel = (typeof IsolationLevel)[keyof typeof IsolationLevel];

/** A read time range [min, max): min inclusive, max exclusive (io/TimeRange). */
export class TimeRange {
  static readonly ALL_TIME = new TimeRange(0n, LONG_MAX);
  readonly min: bigint;
  readonly max: bigint;

  constructor(min: bigint, max: bigint) {
    if (min < 0n || max < 0n) throw new IllegalArgumentError("Timestamp cannot be negative");
    if (max < min) throw new IllegalArgumentError("maxStamp is smaller than minStamp");
    this.min = min;
    this.max = max;
  }

  /** [ts, ts+1); `ts` must be >= 0 and not LATEST_TIMESTAMP. */
  static at(ts: bigint): TimeRange {
    if (ts === LONG_MAX) throw new IllegalArgumentError("Timestamp cannot be Long.MAX_VALUE");
    return new TimeRange(ts, ts + 1n);
  }

  get isAllTime(): boolean {
    return this.min === 0n && this.max === LONG_MAX;
  }

  /** Whether `ts` falls in the range; the all-time range accepts every timestamp. */
  includes(ts: bigint): boolean {
    return this.isAllTime || (ts >= this.min && ts < this.max);
  }
}

/** Rejects rows HBase's client rejects (Mutation.checkRow). Returns the row as bytes. */
export function checkRow(row: BytesLike): Uint8Array {
  const bytes = toBytes(row);
  if (bytes.length === 0) throw new IllegalArgumentError("Row length is 0");
  if (bytes.length > LIMITS.rowLengthMax) {
    throw new IllegalArgumentError(`Row length ${bytes.length} is > ${LIMITS.rowLengthMax}`);
  }
  return bytes;
}

function checkTimestamp(ts: bigint): bigint {
  if (ts < 0n) throw new IllegalArgumentError(`Timestamp cannot be negative. ts=${ts}`);
  return ts;
}

/** A Map key for bytes (hex keeps distinct byte strings distinct). */
export function bytesKey(bytes: Uint8Array): string {
  return toHex(bytes);
}

/** Families and columns a read asks for; an empty map means every family. */
export class ColumnSelection {
  /** family → qualifiers (empty set: whole family). Keys are decoded families. */
  readonly families = new Map<string, { family: Uint8Array; qualifiers: Uint8Array[] }>();

  addFamily(family: BytesLike): void {
    const f = toBytes(family);
    this.families.set(bytesKey(f), { family: f, qualifiers: [] });
  }

  addColumn(family: BytesLike, qualifier: BytesLike): void {
    const f = toBytes(family);
    const entry = this.families.get(bytesKey(f)) ?? { family: f, qualifiers: [] };
    const q = toBytes(qualifier);
    if (!entry.qualifiers.some((x) => compareBytes(x, q) === 0)) entry.qualifiers.push(q);
    this.families.set(bytesKey(f), entry);
  }

  get isEmpty(): boolean {
    return this.families.size === 0;
  }
}

/** What Get and Scan share: columns, versions, time ranges, per-family limits, attributes. */
abstract class Query {
  readonly columns = new ColumnSelection();
  maxVersions = 1;
  timeRange: TimeRange = TimeRange.ALL_TIME;
  /** Per-family time ranges, overriding timeRange (cf_time_range). Keyed by decoded family. */
  readonly familyTimeRanges = new Map<string, { family: Uint8Array; range: TimeRange }>();
  /** Max cells per family per row (setMaxResultsPerColumnFamily); -1 for no limit. */
  storeLimit = -1;
  /** Cells to skip per family per row (setRowOffsetPerColumnFamily). */
  storeOffset = 0;
  consistency: Consistency = Consistency.STRONG;
  isolationLevel: IsolationLevel = IsolationLevel.READ_COMMITTED;
  readonly attributes = new Map<string, Uint8Array>();
  /** Server-side filter (data-semantics.md §5); each region reads through its own copy. */
  filter: Filter | undefined;
  /**
   * Whether families the filter does not need (Filter.isFamilyEssential) are read only for rows
   * the filter keeps; undefined takes the server's default, which is on. HBase refuses a reversed
   * scan that would need this (§5.1).
   */
  loadColumnFamiliesOnDemand: boolean | undefined;

  setLoadColumnFamiliesOnDemand(on: boolean): this {
    this.loadColumnFamiliesOnDemand = on;
    return this;
  }

  /** Sets the read's filter; the filter object is copied per region, never run in place. */
  setFilter(filter: Filter | undefined): this {
    this.filter = filter;
    return this;
  }

  addFamily(family: BytesLike): this {
    this.columns.addFamily(family);
    return this;
  }

  addColumn(family: BytesLike, qualifier: BytesLike): this {
    this.columns.addColumn(family, qualifier);
    return this;
  }

  /** Versions per column (requires n > 0). */
  readVersions(n: number): this {
    if (!Number.isInteger(n) || n <= 0) throw new IllegalArgumentError("versions must be positive");
    this.maxVersions = n;
    return this;
  }

  readAllVersions(): this {
    this.maxVersions = 0x7fffffff;
    return this;
  }

  setTimeRange(min: bigint, max: bigint): this {
    this.timeRange = new TimeRange(min, max);
    return this;
  }

  setTimestamp(ts: bigint): this {
    this.timeRange = TimeRange.at(ts);
    return this;
  }

  setColumnFamilyTimeRange(family: BytesLike, min: bigint, max: bigint): this {
    const f = toBytes(family);
    this.familyTimeRanges.set(bytesKey(f), { family: f, range: new TimeRange(min, max) });
    return this;
  }

  setMaxResultsPerColumnFamily(limit: number): this {
    this.storeLimit = limit;
    return this;
  }

  setRowOffsetPerColumnFamily(offset: number): this {
    this.storeOffset = offset;
    return this;
  }

  setConsistency(consistency: Consistency): this {
    this.consistency = consistency;
    return this;
  }

  setIsolationLevel(level: IsolationLevel): this {
    this.isolationLevel = level;
    return this;
  }

  setAttribute(name: string, value: BytesLike): this {
    this.attributes.set(name, toBytes(value));
    return this;
  }
}

/** Reads one row; executed as a one-row Scan (§3.1). */
export class Get extends Query {
  readonly row: Uint8Array;
  /** Only whether the row has a visible cell is returned (Result.exists). */
  existenceOnly = false;

  constructor(row: BytesLike) {
    super();
    this.row = checkRow(row);
  }

  setCheckExistenceOnly(on: boolean): this {
    this.existenceOnly = on;
    return this;
  }
}

/** Reads a range of rows (§3.2). */
export class Scan extends Query {
  startRow: Uint8Array = EMPTY_BYTES;
  includeStartRow = true;
  stopRow: Uint8Array = EMPTY_BYTES;
  includeStopRow = false;
  reversed = false;
  /** Max cells per Result; -1 for whole rows. */
  batch = -1;
  /** Results fetched per round trip (or per next() batch in embedded mode); -1 for the default. */
  caching = -1;
  /** Size budget per round trip in bytes; -1 for the default. */
  maxResultSize = -1n;
  /** Total rows for the whole scan; -1 for no limit. */
  limit = -1;
  raw = false;
  allowPartialResults = false;

  withStartRow(row: BytesLike, inclusive = true): this {
    const bytes = toBytes(row);
    if (bytes.length > LIMITS.rowLengthMax) throw new IllegalArgumentError("startRow's length must be less than or equal to 32767");
    this.startRow = bytes;
    this.includeStartRow = inclusive;
    return this;
  }

  withStopRow(row: BytesLike, inclusive = false): this {
    const bytes = toBytes(row);
    if (bytes.length > LIMITS.rowLengthMax) throw new IllegalArgumentError("stopRow's length must be less than or equal to 32767");
    this.stopRow = bytes;
    this.includeStopRow = inclusive;
    return this;
  }

  /** Rows starting with `prefix` (ClientUtil.calculateTheClosestNextRowKeyForPrefix). */
  setRowPrefixFilter(prefix: BytesLike): this {
    const p = toBytes(prefix);
    this.withStartRow(p);
    this.withStopRow(closestRowAfterPrefix(p));
    return this;
  }

  setReversed(reversed: boolean): this {
    this.reversed = reversed;
    return this;
  }

  /** Cells per Result; refused with a filter that needs whole rows (hasFilterRow), as HBase's client does. */
  setBatch(batch: number): this {
    if (this.filter?.hasFilterRow()) {
      throw new IncompatibleFilterError("Cannot set batch on a scan using a filter that returns true for filter.hasFilterRow");
    }
    this.batch = batch;
    return this;
  }

  setCaching(caching: number): this {
    this.caching = caching;
    return this;
  }

  setMaxResultSize(bytes: bigint | number): this {
    this.maxResultSize = BigInt(bytes);
    return this;
  }

  setLimit(limit: number): this {
    this.limit = limit;
    return this;
  }

  setRaw(raw: boolean): this {
    this.raw = raw;
    return this;
  }

  setAllowPartialResults(allow: boolean): this {
    this.allowPartialResults = allow;
    return this;
  }
}

/** Smallest row greater than every row starting with `prefix`; empty (unbounded) if none. */
export function closestRowAfterPrefix(prefix: Uint8Array): Uint8Array {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return EMPTY_BYTES;
  const out = prefix.slice(0, end);
  out[end - 1]++;
  return out;
}

/** What every mutation has: row, cells, timestamp, durability, attributes, per-cell TTL. */
export abstract class Mutation {
  readonly row: Uint8Array;
  /** Default timestamp for cells added without one. */
  readonly timestamp: bigint;
  readonly cells: Cell[] = [];
  durability: Durability = Durability.USE_DEFAULT;
  readonly attributes = new Map<string, Uint8Array>();
  /** Per-cell TTL in ms (`_ttl` attribute), or undefined. */
  ttlMs: bigint | undefined;

  constructor(row: BytesLike, timestamp: bigint) {
    this.row = checkRow(row);
    this.timestamp = checkTimestamp(timestamp);
  }

  setDurability(durability: Durability): this {
    this.durability = durability;
    return this;
  }

  setTTL(ms: bigint | number): this {
    this.ttlMs = BigInt(ms);
    return this;
  }

  setAttribute(name: string, value: BytesLike): this {
    this.attributes.set(name, toBytes(value));
    return this;
  }

  protected addCell(fields: Omit<Partial<Cell>, "row">): this {
    const cell = makeCell({ ...fields, row: this.row });
    checkTimestamp(cell.timestamp);
    this.cells.push(cell);
    return this;
  }
}

export class Put extends Mutation {
  constructor(row: BytesLike, timestamp: bigint = LATEST_TIMESTAMP) {
    super(row, timestamp);
  }

  addColumn(family: BytesLike, qualifier: BytesLike, value: BytesLike, timestamp?: bigint): this {
    return this.addCell({
      family: toBytes(family),
      qualifier: toBytes(qualifier),
      value: toBytes(value),
      timestamp: timestamp ?? this.timestamp,
      type: CellType.Put,
    });
  }
}

/** Delete markers (§2.3). A Delete with no markers deletes the whole row. */
export class Delete extends Mutation {
  constructor(row: BytesLike, timestamp: bigint = LATEST_TIMESTAMP) {
    super(row, timestamp);
  }

  /** DeleteFamily: every column of `family` with ts <= timestamp; replaces markers for it. */
  addFamily(family: BytesLike, timestamp?: bigint): this {
    const f = toBytes(family);
    for (let i = this.cells.length - 1; i >= 0; i--) {
      if (compareBytes(this.cells[i].family, f) === 0) this.cells.splice(i, 1);
    }
    return this.addCell({ family: f, timestamp: timestamp ?? this.timestamp, type: CellType.DeleteFamily });
  }

  /** DeleteFamilyVersion: every column of `family` at exactly `timestamp`. */
  addFamilyVersion(family: BytesLike, timestamp: bigint): this {
    return this.addCell({ family: toBytes(family), timestamp, type: CellType.DeleteFamilyVersion });
  }

  /** DeleteColumn: all versions of the column with ts <= timestamp. */
  addColumns(family: BytesLike, qualifier: BytesLike, timestamp?: bigint): this {
    return this.addCell({
      family: toBytes(family),
      qualifier: toBytes(qualifier),
      timestamp: timestamp ?? this.timestamp,
      type: CellType.DeleteColumn,
    });
  }

  /** Delete: one version at exactly `timestamp`, or without one the newest visible version. */
  addColumn(family: BytesLike, qualifier: BytesLike, timestamp?: bigint): this {
    return this.addCell({
      family: toBytes(family),
      qualifier: toBytes(qualifier),
      timestamp: timestamp ?? this.timestamp,
      type: CellType.Delete,
    });
  }
}

/** Atomic read-modify-write on 8-byte counters (§4.3). */
export class Increment extends Mutation {
  timeRange: TimeRange = TimeRange.ALL_TIME;
  returnResults = true;

  constructor(row: BytesLike) {
    super(row, LATEST_TIMESTAMP);
  }

  addColumn(family: BytesLike, qualifier: BytesLike, amount: bigint | number): this {
    return this.addCell({
      family: toBytes(family),
      qualifier: toBytes(qualifier),
      value: longToBytes(BigInt(amount)),
      timestamp: this.timestamp,
      type: CellType.Put,
    });
  }

  setTimeRange(min: bigint, max: bigint): this {
    this.timeRange = new TimeRange(min, max);
    return this;
  }

  setReturnResults(on: boolean): this {
    this.returnResults = on;
    return this;
  }
}

/** Atomic append of bytes to column values (§4.4). */
export class Append extends Mutation {
  timeRange: TimeRange = TimeRange.ALL_TIME;
  returnResults = true;

  constructor(row: BytesLike) {
    super(row, LATEST_TIMESTAMP);
  }

  addColumn(family: BytesLike, qualifier: BytesLike, value: BytesLike): this {
    return this.addCell({
      family: toBytes(family),
      qualifier: toBytes(qualifier),
      value: toBytes(value),
      timestamp: this.timestamp,
      type: CellType.Put,
    });
  }

  setTimeRange(min: bigint, max: bigint): this {
    this.timeRange = new TimeRange(min, max);
    return this;
  }

  setReturnResults(on: boolean): this {
    this.returnResults = on;
    return this;
  }
}

/** Mutations of one row applied atomically, with one timestamp and sequence id (§4.6). */
export class RowMutations {
  readonly row: Uint8Array;
  readonly mutations: (Put | Delete | Increment | Append)[] = [];

  constructor(row: BytesLike) {
    this.row = checkRow(row);
  }

  add(mutation: Put | Delete | Increment | Append): this {
    if (compareBytes(mutation.row, this.row) !== 0) {
      throw new WrongRowIOError(`The row in ${toUtf8(mutation.row)} doesn't match the original one ${toUtf8(this.row)}`);
    }
    this.mutations.push(mutation);
    return this;
  }
}

/** The value condition of a CheckAndMutate. */
export interface CheckCondition {
  family: Uint8Array;
  qualifier: Uint8Array;
  op: CompareOperator;
  /** Expected value; empty means "the column does not exist" (ifNotExists). */
  value: Uint8Array;
}

/** A conditional mutation (§4.5). Build with CheckAndMutate.newBuilder(row). */
export class CheckAndMutate {
  readonly row: Uint8Array;
  /** The value condition; absent for the filter form. */
  readonly condition: CheckCondition | undefined;
  /** The filter form: passes iff a Get of the row with this filter returns a cell. */
  readonly filter: Filter | undefined;
  readonly timeRange: TimeRange;
  readonly action: Put | Delete | Increment | Append | RowMutations;

  constructor(fields: {
    row: Uint8Array;
    condition?: CheckCondition;
    filter?: Filter;
    timeRange: TimeRange;
    action: Put | Delete | Increment | Append | RowMutations;
  }) {
    if ((fields.condition === undefined) === (fields.filter === undefined)) {
      throw new IllegalArgumentError("A CheckAndMutate needs either a value condition or a filter");
    }
    this.row = fields.row;
    this.condition = fields.condition;
    this.filter = fields.filter;
    this.timeRange = fields.timeRange;
    this.action = fields.action;
  }

  static newBuilder(row: BytesLike): CheckAndMutateBuilder {
    return new CheckAndMutateBuilder(checkRow(row));
  }
}

export class CheckAndMutateBuilder {
  readonly #row: Uint8Array;
  #condition: CheckCondition | undefined;
  #filter: Filter | undefined;
  #timeRange = TimeRange.ALL_TIME;

  constructor(row: Uint8Array) {
    this.#row = row;
  }

  ifNotExists(family: BytesLike, qualifier: BytesLike): this {
    return this.ifMatches(family, qualifier, CompareOperator.EQUAL, EMPTY_BYTES);
  }

  ifEquals(family: BytesLike, qualifier: BytesLike, value: BytesLike): this {
    return this.ifMatches(family, qualifier, CompareOperator.EQUAL, value);
  }

  /**
   * Passes when "value OP stored" holds (note the direction, §4.5); or, given only a filter, when a
   * Get of the row with that filter returns at least one cell.
   */
  ifMatches(filter: Filter): this;
  ifMatches(family: BytesLike, qualifier: BytesLike, op: CompareOperator, value: BytesLike): this;
  ifMatches(familyOrFilter: BytesLike | Filter, qualifier?: BytesLike, op?: CompareOperator, value?: BytesLike): this {
    if (typeof familyOrFilter === "string" || familyOrFilter instanceof Uint8Array) {
      if (qualifier === undefined || op === undefined || value === undefined) throw new IllegalArgumentError("ifMatches needs family, qualifier, op and value");
      this.#condition = { family: toBytes(familyOrFilter), qualifier: toBytes(qualifier), op, value: toBytes(value) };
      this.#filter = undefined;
    } else {
      this.#filter = familyOrFilter;
      this.#condition = undefined;
    }
    return this;
  }

  timeRange(range: TimeRange): this {
    this.#timeRange = range;
    return this;
  }

  build(action: Put | Delete | Increment | Append | RowMutations): CheckAndMutate {
    if (this.#condition === undefined && this.#filter === undefined) throw new IllegalArgumentError("condition is null");
    if (compareBytes(action.row, this.#row) !== 0) {
      throw new IllegalArgumentError("The row of the action must be the same as the row of the condition");
    }
    return new CheckAndMutate({ row: this.#row, condition: this.#condition, filter: this.#filter, timeRange: this.#timeRange, action });
  }
}

/** Anything batch() accepts. */
export type BatchAction = Get | Put | Delete | Increment | Append | RowMutations | CheckAndMutate;
