// StoreFileInfo: what a store file says about itself, and its file info section codec
// (docs/format/storefile.md §2.6). The file size is not stored; the reader takes it from the file
// system. Keys alias the decoded payload.

import { BloomType } from "../api/descriptors.ts";
import type { Cell } from "../cell/cell.ts";
import { compareCells } from "../cell/comparator.ts";
import { assert } from "../util/assert.ts";
import { LONG_MIN } from "../util/int64.ts";
import { check } from "./storefile-errors.ts";
import { cellKeySize, decodeCellKey, writeCellKey } from "./key-codec.ts";

export interface StoreFileInfo {
  /** First cell's key (value and tags empty), or undefined for an empty file. */
  readonly firstKey: Cell | undefined;
  readonly lastKey: Cell | undefined;
  /**
   * Smallest cell timestamp, where a DeleteColumn or DeleteFamily counts as 0 (HBase's
   * TimeRangeTracker; version 1 files with any marker read as 0); LONG_MAX for an empty file.
   */
  readonly minTimestamp: bigint;
  /** Largest cell timestamp; LONG_MIN for an empty file. */
  readonly maxTimestamp: bigint;
  /** max(largest cell sequence id, what the writer was given). */
  readonly maxSequenceId: bigint;
  readonly cellCount: number;
  /** Delete markers among the cells. */
  readonly deleteCount: number;
  /**
   * Smallest timestamp of a Put among the cells; LONG_MAX when there is none, LONG_MIN when the
   * file predates this field (version 1). A major compaction uses it to drop markers that can mask
   * nothing (HBase's EARLIEST_PUT_TS).
   */
  readonly earliestPutTs: bigint;
  readonly bloomType: BloomType;
  readonly createdAtMs: bigint;
  /** Written by a major compaction (the caller says so). */
  readonly majorCompaction: boolean;
  readonly fileSizeBytes: number;
}

/** Bloom types by their code in the file. */
const BLOOM_CODES: readonly BloomType[] = [BloomType.NONE, BloomType.ROW, BloomType.ROWCOL];
/** Seven int64s, bloom type and major-compaction bytes, two key lengths (version 1: six int64s). */
const FIXED_SIZE = { 1: 6 * 8 + 2 + 2 * 4, 2: 7 * 8 + 2 + 2 * 4 } as const;

/** Encodes the file info payload (everything but fileSizeBytes) in the current version's layout. */
export function encodeFileInfo(info: Omit<StoreFileInfo, "fileSizeBytes">): Uint8Array {
  const firstSize = info.firstKey === undefined ? 0 : cellKeySize(info.firstKey);
  const lastSize = info.lastKey === undefined ? 0 : cellKeySize(info.lastKey);
  const out = new Uint8Array(FIXED_SIZE[2] + firstSize + lastSize);
  const view = new DataView(out.buffer);
  view.setBigInt64(0, info.createdAtMs);
  view.setBigInt64(8, info.minTimestamp);
  view.setBigInt64(16, info.maxTimestamp);
  view.setBigInt64(24, info.maxSequenceId);
  view.setBigUint64(32, BigInt(info.cellCount));
  view.setBigUint64(40, BigInt(info.deleteCount));
  view.setBigInt64(48, info.earliestPutTs);
  out[56] = BLOOM_CODES.indexOf(info.bloomType);
  out[57] = info.majorCompaction ? 1 : 0;
  let at = writeKey(out, 58, info.firstKey, firstSize);
  at = writeKey(out, at, info.lastKey, lastSize);
  assert(at === out.length, "file info size mismatch");
  return out;
}

function writeKey(out: Uint8Array, at: number, key: Cell | undefined, size: number): number {
  new DataView(out.buffer, out.byteOffset).setUint32(at, size);
  return key === undefined ? at + 4 : writeCellKey(out, at + 4, key);
}

/**
 * Decodes and checks a file info payload of store file `version` (1 or 2); throws
 * StoreFileFormatError on anything inconsistent.
 */
export function decodeFileInfo(payload: Uint8Array, fileSizeBytes: number, version: 1 | 2 = 2): StoreFileInfo {
  check(payload.length >= FIXED_SIZE[version], "file info too short");
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const cellCount = view.getBigUint64(32);
  const deleteCount = view.getBigUint64(40);
  const earliestPutTs = version === 1 ? LONG_MIN : view.getBigInt64(48);
  // Version 1 kept the plain minimum: with markers, assume one reaches back to 0.
  const storedMin = view.getBigInt64(8);
  const minTimestamp = version === 1 && deleteCount > 0n && storedMin > 0n ? 0n : storedMin;
  const flags = version === 1 ? 48 : 56;
  check(cellCount <= BigInt(Number.MAX_SAFE_INTEGER), "file info cell count out of range");
  check(deleteCount <= cellCount, "file info delete count exceeds its cell count");
  check(payload[flags] < BLOOM_CODES.length, `unknown bloom type code ${payload[flags]}`);
  check(payload[flags + 1] <= 1, "file info major-compaction flag is not 0 or 1");
  const first = readKey(payload, flags + 2);
  const last = readKey(payload, first.end);
  check(last.end === payload.length, "file info has trailing bytes");
  check((first.key === undefined) === (cellCount === 0n), "file info first key disagrees with its cell count");
  check((last.key === undefined) === (cellCount === 0n), "file info last key disagrees with its cell count");
  if (first.key !== undefined && last.key !== undefined) {
    check(compareCells(first.key, last.key) <= 0, "file info first key sorts after its last key");
  }
  const info: StoreFileInfo = {
    firstKey: first.key,
    lastKey: last.key,
    minTimestamp,
    maxTimestamp: view.getBigInt64(16),
    maxSequenceId: view.getBigInt64(24),
    cellCount: Number(cellCount),
    deleteCount: Number(deleteCount),
    earliestPutTs,
    bloomType: BLOOM_CODES[payload[flags]],
    createdAtMs: view.getBigInt64(0),
    majorCompaction: payload[flags + 1] === 1,
    fileSizeBytes,
  };
  if (info.cellCount > 0) check(info.minTimestamp <= info.maxTimestamp, "file info time range is inverted");
  return info;
}

function readKey(payload: Uint8Array, at: number): { key: Cell | undefined; end: number } {
  check(at + 4 <= payload.length, "file info key length truncated");
  const size = new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(at);
  check(size <= payload.length - at - 4, "file info key runs past its section");
  if (size === 0) return { key: undefined, end: at + 4 };
  return { key: decodeCellKey(payload, at + 4, at + 4 + size), end: at + 4 + size };
}
