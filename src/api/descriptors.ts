// Table, column family and namespace descriptors: the DDL vocabulary (data-semantics.md §2.1).
// Callers pass the `...Input` shapes with only what they change; `normalize*` fills HBase's
// defaults and validates, so every backend stores and returns the same full descriptors.

import { type BytesLike, toBytes, toUtf8 } from "../util/bytes.ts";
import { LIMITS } from "../util/limits.ts";
import { IllegalArgumentError } from "./errors.ts";
import { type TableName, type TableNameLike, tableName } from "./table-name.ts";
import { Durability } from "./operations.ts";

export const KeepDeletedCells = { FALSE: "FALSE", TRUE: "TRUE", TTL: "TTL" } as const;
export type KeepDeletedCells = (typeof KeepDeletedCells)[keyof typeof KeepDeletedCells];

export const BloomType = { NONE: "NONE", ROW: "ROW", ROWCOL: "ROWCOL" } as const;
export type BloomType = (typeof BloomType)[keyof typeof BloomType];

/** HConstants.FOREVER: a TTL that never expires. */
export const TTL_FOREVER = 0x7fffffff;

export interface ColumnFamilyDescriptor {
  readonly name: Uint8Array;
  /** VERSIONS: newest N versions kept and shown per column. */
  readonly maxVersions: number;
  /** MIN_VERSIONS: kept and shown even when expired by TTL. */
  readonly minVersions: number;
  /** TTL in seconds; TTL_FOREVER means no expiry. */
  readonly ttlSeconds: number;
  readonly keepDeletedCells: KeepDeletedCells;
  readonly bloomFilterType: BloomType;
  readonly blockSizeBytes: number;
}

export interface ColumnFamilyDescriptorInput {
  name: BytesLike;
  maxVersions?: number;
  minVersions?: number;
  /** Seconds; -1 and TTL_FOREVER mean no expiry. */
  ttlSeconds?: number;
  keepDeletedCells?: KeepDeletedCells | boolean;
  bloomFilterType?: BloomType;
  blockSizeBytes?: number;
}

export interface TableDescriptor {
  readonly name: TableName;
  readonly families: readonly ColumnFamilyDescriptor[];
  /** The table's durability; USE_DEFAULT means SYNC_WAL. */
  readonly durability: Durability;
  /** MemStore flush size for this table's regions, or 0 for the server default. */
  readonly memstoreFlushSizeBytes: number;
}

export interface TableDescriptorInput {
  name: TableNameLike;
  families: (ColumnFamilyDescriptorInput | BytesLike)[];
  durability?: Durability;
  memstoreFlushSizeBytes?: number;
}

export interface NamespaceDescriptor {
  readonly name: string;
  readonly configuration: Readonly<Record<string, string>>;
}

/** Fills HBase's family defaults and validates (ColumnFamilyDescriptorBuilder rules). */
export function normalizeFamily(input: ColumnFamilyDescriptorInput | BytesLike): ColumnFamilyDescriptor {
  const spec = typeof input === "string" || input instanceof Uint8Array ? { name: input } : input;
  const name = toBytes(spec.name);
  validateFamilyName(name);
  const maxVersions = spec.maxVersions ?? 1;
  const minVersions = spec.minVersions ?? 0;
  const ttl = spec.ttlSeconds ?? TTL_FOREVER;
  checkInteger(maxVersions, 1, LIMITS.familyVersionsMax, "VERSIONS");
  checkInteger(minVersions, 0, maxVersions, "MIN_VERSIONS (must be <= VERSIONS)");
  if (ttl !== -1) checkInteger(ttl, 1, TTL_FOREVER, "TTL");
  const kdc = spec.keepDeletedCells;
  return {
    name,
    maxVersions,
    minVersions,
    ttlSeconds: ttl === -1 ? TTL_FOREVER : ttl,
    keepDeletedCells: kdc === true ? "TRUE" : kdc === false || kdc === undefined ? "FALSE" : kdc,
    bloomFilterType: spec.bloomFilterType ?? BloomType.ROW,
    blockSizeBytes: spec.blockSizeBytes ?? LIMITS.blockSizeBytes,
  };
}

/** Fills table defaults, validates families, rejects duplicates. */
export function normalizeTable(input: TableDescriptorInput): TableDescriptor {
  if (input.families.length === 0) {
    throw new IllegalArgumentError("Table should have at least one column family");
  }
  if (input.families.length > LIMITS.familiesPerTableMax) {
    throw new IllegalArgumentError(`Too many column families: limit is ${LIMITS.familiesPerTableMax}`);
  }
  const families = input.families.map(normalizeFamily);
  const seen = new Set<string>();
  for (const f of families) {
    const key = toUtf8(f.name);
    if (seen.has(key)) throw new IllegalArgumentError(`Column family "${key}" is defined twice`);
    seen.add(key);
  }
  return {
    name: tableName(input.name),
    families,
    durability: input.durability ?? Durability.USE_DEFAULT,
    memstoreFlushSizeBytes: input.memstoreFlushSizeBytes ?? 0,
  };
}

/** HBase's isLegalColumnFamilyName. */
export function validateFamilyName(name: Uint8Array): void {
  const text = toUtf8(name);
  const illegal = name.length === 0 || name.length > LIMITS.familyLengthMax || name[0] === 0x2e ||
    text === "recovered.edits" || name.some((b) => b < 0x20 || b === 0x7f || b === 0x3a || b === 0x5c || b === 0x2f);
  if (illegal) throw new IllegalArgumentError(`Illegal column family name "${text}"`);
}

function checkInteger(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new IllegalArgumentError(`Illegal ${what}: ${value}`);
  }
}
