// The interfaces every backend implements: embedded (src/embedded/), remote (client/). One
// behaviour suite (test/behaviour/) runs against each, so their semantics cannot drift.

import type { TableName, TableNameLike } from "./table-name.ts";
import type {
  Append, BatchAction, CheckAndMutate, Delete, Get, Increment, Put, RowMutations, Scan,
} from "./operations.ts";
import type { CheckAndMutateResult, Result } from "./result.ts";
import type {
  ColumnFamilyDescriptorInput, NamespaceDescriptor, TableDescriptor, TableDescriptorInput,
} from "./descriptors.ts";
import type { BytesLike } from "../util/bytes.ts";
import type { ShaleError } from "./errors.ts";

/** A scan in progress: iterate with `for await`; close() releases it early. */
export interface ResultScanner extends AsyncIterable<Result> {
  /** Next Result, or undefined at the end. */
  next(): Promise<Result | undefined>;
  close(): Promise<void>;
}

/** Per-action outcome of batch(): a Result, a CheckAndMutateResult, or the error for that action. */
export type BatchOutcome = Result | CheckAndMutateResult | ShaleError;

export interface Table {
  readonly name: TableName;
  get(get: Get): Promise<Result>;
  get(gets: Get[]): Promise<Result[]>;
  exists(get: Get): Promise<boolean>;
  put(put: Put | Put[]): Promise<void>;
  delete(del: Delete | Delete[]): Promise<void>;
  /** Rows in scan order; each Result is one row (or part of one with batch/partials). */
  scan(scan?: Scan): ResultScanner;
  increment(increment: Increment): Promise<Result>;
  append(append: Append): Promise<Result>;
  checkAndMutate(checkAndMutate: CheckAndMutate): Promise<CheckAndMutateResult>;
  /** Applies all mutations atomically; returns merged Increment/Append cells. */
  mutateRow(mutations: RowMutations): Promise<Result>;
  /** Runs every action; one outcome per action, in order. Never throws for a single action's failure. */
  batch(actions: BatchAction[]): Promise<BatchOutcome[]>;
}

/** A region of a table as Admin reports it. */
export interface RegionInfo {
  readonly table: TableName;
  readonly startKey: Uint8Array;
  readonly endKey: Uint8Array;
  readonly regionId: bigint;
  /** Full region name bytes: "<table>,<startKey>,<regionId>.<encoded>." */
  readonly regionName: Uint8Array;
  readonly encodedName: string;
}

export interface Admin {
  createTable(descriptor: TableDescriptorInput, splitKeys?: Uint8Array[]): Promise<void>;
  deleteTable(name: TableNameLike): Promise<void>;
  truncateTable(name: TableNameLike, preserveSplits: boolean): Promise<void>;
  enableTable(name: TableNameLike): Promise<void>;
  disableTable(name: TableNameLike): Promise<void>;
  isTableEnabled(name: TableNameLike): Promise<boolean>;
  isTableDisabled(name: TableNameLike): Promise<boolean>;
  tableExists(name: TableNameLike): Promise<boolean>;
  listTableNames(): Promise<TableName[]>;
  listTableDescriptors(): Promise<TableDescriptor[]>;
  getDescriptor(name: TableNameLike): Promise<TableDescriptor>;
  getRegions(name: TableNameLike): Promise<RegionInfo[]>;
  /** Flushes every region of the table to store files. */
  flush(name: TableNameLike): Promise<void>;
  /** Minor compaction of every region of the table (the exploring selection per store). */
  compact(name: TableNameLike): Promise<void>;
  /** Major compaction: rewrites every store into one file, dropping deletes and expired cells. */
  majorCompact(name: TableNameLike): Promise<void>;
  /**
   * Splits the region holding `splitPoint` at that row, or without one every region at its own
   * split point (the midkey of its largest store). Resolves when the daughters serve.
   */
  split(name: TableNameLike, splitPoint?: Uint8Array): Promise<void>;
  /**
   * Replaces the table's descriptor (HBase modifyTable): regions reopen with the new families, and
   * the data of families no longer named is removed. The table keeps its name and regions.
   */
  modifyTable(descriptor: TableDescriptorInput): Promise<void>;
  /** Adds a family; InvalidFamilyOperationError when it exists. */
  addColumnFamily(name: TableNameLike, family: ColumnFamilyDescriptorInput | BytesLike): Promise<void>;
  /** Deletes a family and its data; InvalidFamilyOperationError when absent or the only one. */
  deleteColumnFamily(name: TableNameLike, family: BytesLike): Promise<void>;
  /** Replaces a family's settings; InvalidFamilyOperationError when absent. */
  modifyColumnFamily(name: TableNameLike, family: ColumnFamilyDescriptorInput): Promise<void>;
  /** Replaces a namespace's configuration; NamespaceNotFoundError when absent. */
  modifyNamespace(descriptor: NamespaceDescriptor): Promise<void>;
  createNamespace(descriptor: NamespaceDescriptor): Promise<void>;
  deleteNamespace(name: string): Promise<void>;
  getNamespaceDescriptor(name: string): Promise<NamespaceDescriptor>;
  listNamespaceDescriptors(): Promise<NamespaceDescriptor[]>;
}

export interface Connection {
  table(name: TableNameLike): Table;
  readonly admin: Admin;
  close(): Promise<void>;
}
