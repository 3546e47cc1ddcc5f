// Reads one WAL segment image back and tells a torn tail from corruption (docs/format/wal.md,
// "Torn tails and corruption"). Pure: bytes in, no I/O. scanRecords checks the frames (header,
// lengths, checksums, trailer) and decides where the valid records end; recoverRecords also decodes
// the edits. replay.ts does the file work; TESTING.md T1 drives both at every byte offset.

import { CorruptWALError } from "../api/errors.ts";
import { LIMITS } from "../util/limits.ts";
import {
  RECORD_HEADER_SIZE,
  RECORD_TYPE_EDIT,
  SEGMENT_HEADER_SIZE,
  TRAILER_PAYLOAD_SIZE,
  checkSegmentHeader,
  checkSegmentHeaderFields,
  isKnownRecordType,
  parseSegmentFileName,
  readUint32,
  recordChecksum,
} from "./log-format.ts";
import { type WALEdit, WALEditFormatError, decodeWALEdit } from "./wal-edit.ts";

export interface RecoverOptions {
  /** The segment's file name (or a path ending in it); its number is part of every record checksum. */
  fileName: string;
  /** Only the last segment may end in a torn tail; in any other a bad record is corruption. */
  isLastSegment: boolean;
  /** Largest payload a record may declare; LIMITS.walRecordBytesMax unless given. */
  recordBytesMax?: number;
}

/** One whole, checksummed record: its type and where it lies in the image. */
export interface RecordFrame {
  readonly type: number;
  /** Offset of the record header's first byte. */
  readonly offset: number;
  /** Offset just past the payload. */
  readonly end: number;
}

export interface ScannedSegment {
  /** The whole records in file order, the trailer last when the segment is sealed. */
  records: RecordFrame[];
  /** Bytes up to the end of the last whole record (0 when not even the header is whole). */
  validLength: number;
  /** True when bytes after validLength are a torn tail, to be cut. */
  torn: boolean;
  /** True when the segment ends with its trailer (cleanly rolled or closed). */
  sealed: boolean;
}

export interface RecoveredSegment {
  /** The edits of the whole records, in file order. Each owns a copy of its payload: `bytes` is not aliased. */
  edits: WALEdit[];
  validLength: number;
  torn: boolean;
  sealed: boolean;
}

interface Scan {
  readonly bytes: Uint8Array;
  readonly number: bigint;
  readonly recordBytesMax: number;
  readonly options: RecoverOptions;
  readonly records: RecordFrame[];
  edits: number;
}

type Probe = { ok: true; frame: RecordFrame } | { ok: false; reason: string };

/**
 * Decodes a segment image into its edits. Throws CorruptWALError naming the file and byte offset
 * when the image is corrupt rather than torn (see scanRecords), or when a checksummed payload is
 * not a well-formed edit.
 */
export function recoverRecords(bytes: Uint8Array, options: RecoverOptions): RecoveredSegment {
  const scanned = scanRecords(bytes, options);
  const edits: WALEdit[] = [];
  for (const frame of scanned.records) {
    if (frame.type === RECORD_TYPE_EDIT) edits.push(decodeEdit(bytes, frame, options.fileName));
  }
  return { edits, validLength: scanned.validLength, torn: scanned.torn, sealed: scanned.sealed };
}

/**
 * Checks the frames of a segment image without decoding payloads. Returns the whole records and
 * where they end; throws CorruptWALError naming the file and byte offset when the image is corrupt.
 */
export function scanRecords(bytes: Uint8Array, options: RecoverOptions): ScannedSegment {
  const number = parseSegmentFileName(options.fileName);
  if (number === undefined) throw corrupt(options.fileName, 0, "not a WAL segment file name");
  if (!readHeader(bytes, number, options)) return { records: [], validLength: 0, torn: bytes.length > 0, sealed: false };
  const recordBytesMax = options.recordBytesMax ?? LIMITS.walRecordBytesMax;
  const scan: Scan = { bytes, number, recordBytesMax, options, records: [], edits: 0 };
  let at = SEGMENT_HEADER_SIZE;
  let sealed = false;
  while (at < bytes.length) {
    if (sealed) return tornOrThrow(scan, { at, sealed, reason: "data after the segment trailer" });
    const probe = probeRecord(bytes, at, number, recordBytesMax);
    if (!probe.ok) return tornOrThrow(scan, { at, sealed, reason: probe.reason });
    if (probe.frame.type === RECORD_TYPE_EDIT) scan.edits++;
    else sealed = checkTrailer(scan, probe.frame);
    scan.records.push(probe.frame);
    at = probe.frame.end;
  }
  if (!sealed && !options.isLastSegment) throw corrupt(options.fileName, at, "segment ends without its trailer (truncated)");
  return { records: scan.records, validLength: at, torn: false, sealed };
}

/** True for a valid header, false for a torn one (last segment only); throws on a corrupt one. */
function readHeader(bytes: Uint8Array, number: bigint, options: RecoverOptions): boolean {
  if (bytes.length < SEGMENT_HEADER_SIZE) {
    if (options.isLastSegment) return false;
    throw corrupt(options.fileName, 0, `segment is ${bytes.length} bytes, shorter than its header`);
  }
  const bad = checkSegmentHeader(bytes);
  if (bad !== undefined) {
    if (options.isLastSegment && allZero(bytes, SEGMENT_HEADER_SIZE)) return false;
    throw corrupt(options.fileName, 0, bad);
  }
  const unreadable = checkSegmentHeaderFields(bytes, number);
  if (unreadable !== undefined) throw corrupt(options.fileName, 0, unreadable);
  return true;
}

/** Checks the frame at `at` (bounds, length limit, checksum, type) without decoding its payload. */
function probeRecord(bytes: Uint8Array, at: number, segmentNumber: bigint, recordBytesMax: number): Probe {
  if (bytes.length - at < RECORD_HEADER_SIZE) return { ok: false, reason: "record header cut short" };
  const length = readUint32(bytes, at);
  if (length > recordBytesMax) return { ok: false, reason: `record length ${length} over the limit ${recordBytesMax}` };
  const end = at + RECORD_HEADER_SIZE + length;
  if (end > bytes.length) return { ok: false, reason: `record of ${length} bytes cut short` };
  const checksum = recordChecksum(bytes, at, { segmentNumber, fileOffset: at });
  if (readUint32(bytes, at + 4) !== checksum) return { ok: false, reason: "record checksum mismatch" };
  const type = bytes[at + 8];
  if (!isKnownRecordType(type)) return { ok: false, reason: `unknown record type ${type}` };
  return { ok: true, frame: { type, offset: at, end } };
}

/** A checksummed trailer must hold the count of the edits before it; returns true (sealed). */
function checkTrailer(scan: Scan, frame: RecordFrame): boolean {
  const { fileName } = scan.options;
  const length = frame.end - frame.offset - RECORD_HEADER_SIZE;
  if (length !== TRAILER_PAYLOAD_SIZE) throw corrupt(fileName, frame.offset, `trailer of ${length} bytes`);
  const editCount = readUint32(scan.bytes, frame.offset + RECORD_HEADER_SIZE);
  if (editCount !== scan.edits) {
    throw corrupt(fileName, frame.offset, `trailer counts ${editCount} edits, the segment holds ${scan.edits}`);
  }
  return true;
}

/**
 * Bytes at `at` that are not a valid record (or follow the trailer) are a torn tail in the last
 * segment when no valid record starts at or after `at` (an all-zero rest qualifies at once);
 * otherwise, and in any other segment, they are corruption.
 */
function tornOrThrow(scan: Scan, tail: { at: number; sealed: boolean; reason: string }): ScannedSegment {
  const { bytes, options } = scan;
  const { at, reason } = tail;
  if (!options.isLastSegment) throw corrupt(options.fileName, at, `${reason} in a segment that is not the last`);
  const next = findValidRecord(bytes, at, scan.number, scan.recordBytesMax);
  if (next !== -1) throw corrupt(options.fileName, at, `${reason}, and a valid record starts at offset ${next}`);
  return { records: scan.records, validLength: at, torn: true, sealed: tail.sealed };
}

/** Offset of the first valid record frame starting at or after `from`, or -1. */
function findValidRecord(bytes: Uint8Array, from: number, segmentNumber: bigint, recordBytesMax: number): number {
  for (let p = from; p + RECORD_HEADER_SIZE <= bytes.length; p++) {
    if (!isKnownRecordType(bytes[p + 8])) continue;
    if (probeRecord(bytes, p, segmentNumber, recordBytesMax).ok) return p;
  }
  return -1;
}

/** Decodes a checksummed edit payload; a malformed one was written that way: corruption anywhere. */
function decodeEdit(bytes: Uint8Array, frame: RecordFrame, fileName: string): WALEdit {
  try {
    return decodeWALEdit(bytes.slice(frame.offset + RECORD_HEADER_SIZE, frame.end));
  } catch (error) {
    if (error instanceof WALEditFormatError) throw corrupt(fileName, frame.offset, error.message);
    throw error;
  }
}

function allZero(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

function corrupt(fileName: string, offset: number, reason: string): CorruptWALError {
  return new CorruptWALError(`Cannot read WAL segment "${fileName}" at offset ${offset}: ${reason}`);
}
