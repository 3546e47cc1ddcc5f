// Replay on open: reads every segment in write order and hands each edit to the caller. The last
// segment may end in a torn tail: it is cut (logged with file and offset) and the segment sealed
// with its trailer, or removed when not even its header is whole. Corruption anywhere else throws
// CorruptWALError (docs/format/wal.md, "Torn tails and corruption").

import type { Fs } from "../platform/fs.ts";
import { joinPath } from "../platform/fs.ts";
import { assert } from "../util/assert.ts";
import { log } from "../util/log.ts";
import { SEGMENT_HEADER_SIZE, parseSegmentFileName } from "./log-format.ts";
import { type RecoveredSegment, recoverRecords } from "./log-reader.ts";
import { LogWriter, io } from "./log-writer.ts";
import type { WALEdit } from "./wal-edit.ts";

export interface ReplayedSegment {
  readonly number: bigint;
  /** Region → highest sequence id of its edits in this segment. */
  readonly regions: Map<string, bigint>;
}

export interface ReplayResult {
  /** Segments still on disk after replay, in write order. */
  kept: ReplayedSegment[];
  /** Highest segment number seen, removed ones included; 0n when there were none. */
  highestNumber: bigint;
  segments: number;
  edits: number;
  truncatedBytes: number;
}

/** Segment file names in `dir`, in write order (the names sort by number). */
export async function listSegments(fs: Fs, dir: string): Promise<string[]> {
  const names = await fs.list(dir);
  return names.filter((name) => parseSegmentFileName(name) !== undefined);
}

/** Replays every segment of `dir` through `visit`; see the file comment. */
export async function replaySegments(options: {
  fs: Fs;
  dir: string;
  recordBytesMax: number;
  visit: (edit: WALEdit) => void;
}): Promise<ReplayResult> {
  const { fs, dir } = options;
  const names = await io("list", dir, () => listSegments(fs, dir));
  const result: ReplayResult = { kept: [], highestNumber: 0n, segments: names.length, edits: 0, truncatedBytes: 0 };
  for (let i = 0; i < names.length; i++) {
    const number = parseSegmentFileName(names[i]);
    assert(number !== undefined, "listSegments keeps segment names only");
    assert(number > result.highestNumber, "segments listed in number order");
    result.highestNumber = number;
    const path = joinPath(dir, names[i]);
    const bytes = await io("read", path, () => fs.readFile(path));
    const recovered = recoverRecords(bytes, { fileName: path, isLastSegment: i === names.length - 1, recordBytesMax: options.recordBytesMax });
    const regions = visitEdits(recovered, options.visit);
    result.edits += recovered.edits.length;
    result.truncatedBytes += bytes.length - recovered.validLength;
    const kept = await finishSegment(fs, { dir, path, number, recovered, size: bytes.length });
    if (kept) result.kept.push({ number, regions });
  }
  return result;
}

function visitEdits(recovered: RecoveredSegment, visit: (edit: WALEdit) => void): Map<string, bigint> {
  const regions = new Map<string, bigint>();
  for (const edit of recovered.edits) {
    visit(edit);
    const known = regions.get(edit.regionName);
    if (known === undefined || edit.sequenceId > known) regions.set(edit.regionName, edit.sequenceId);
  }
  return regions;
}

/**
 * Leaves a replayed segment whole and sealed: removes it when not even its header is whole, else
 * cuts a torn tail and writes the trailer it lacks (only the last segment can lack one). Returns
 * false when the file was removed.
 */
async function finishSegment(fs: Fs, segment: { dir: string; path: string; number: bigint; recovered: RecoveredSegment; size: number }): Promise<boolean> {
  const { path, recovered } = segment;
  if (recovered.torn) {
    log.warn("Cut torn WAL tail", { file: path, offset: recovered.validLength, bytes: segment.size - recovered.validLength });
  }
  if (recovered.validLength < SEGMENT_HEADER_SIZE) {
    assert(recovered.edits.length === 0, "a segment without a header holds no edits");
    await io("remove", path, () => fs.remove(path));
    await io("sync the directory", segment.dir, () => fs.syncDir(segment.dir));
    return false;
  }
  if (recovered.sealed && !recovered.torn) return true;
  const writer = await LogWriter.resume(fs, { path, number: segment.number, validLength: recovered.validLength, records: recovered.edits.length });
  try {
    if (!recovered.sealed) await writer.seal();
    await writer.sync();
  } finally {
    await writer.close();
  }
  return true;
}
