// WAL physical layout: segment file names, the segment header, the record frame and the trailer.
// Specification: docs/format/wal.md. A change here changes that file, the fixture under
// test/fixtures/format/wal/ and its golden test in the same commit.

import { assert } from "../util/assert.ts";
import { crc32c } from "../util/crc32c.ts";

/** "SWAL": the first four bytes of every segment. */
export const SEGMENT_MAGIC: Uint8Array = new Uint8Array([0x53, 0x57, 0x41, 0x4c]);
/** The only segment version this code writes and reads. */
export const SEGMENT_VERSION = 1;
/** magic(4) version(2) flags(2) segmentNumber(8) headerCrc(4). */
export const SEGMENT_HEADER_SIZE: number = 4 + 2 + 2 + 8 + 4;
/** payloadLength(4) crc(4) type(1). */
export const RECORD_HEADER_SIZE: number = 4 + 4 + 1;
/** Record type whose payload is one WALEdit. Type 0 is never valid, so zero-filled tails never parse. */
export const RECORD_TYPE_EDIT: number = 1;
/** Record type that seals a segment: the last record of every segment but the newest. */
export const RECORD_TYPE_TRAILER: number = 2;
/** Trailer payload: editCount(4), the number of edit records before it. */
export const TRAILER_PAYLOAD_SIZE = 4;
/** Hex digits of the segment number in a file name; 16 hex digits hold any uint64. */
export const SEGMENT_NUMBER_DIGITS = 16;

assert(SEGMENT_HEADER_SIZE === 20, "segment header is 20 bytes");
assert(RECORD_HEADER_SIZE === 9, "record header is 9 bytes");
assert(RECORD_TYPE_EDIT !== 0, "a zero type byte must never be a valid record");
assert(RECORD_TYPE_TRAILER !== 0, "a zero type byte must never be a valid record");
assert(RECORD_TYPE_TRAILER !== RECORD_TYPE_EDIT, "record types are distinct");

const SEGMENT_NAME = /^wal-([0-9a-f]{16})\.log$/;
const UINT64_MAX = 0xffffffffffffffffn;

/** File name of segment `number`: `wal-<16 lower-case hex digits>.log`, sorting in write order. */
export function segmentFileName(number: bigint): string {
  assert(number > 0n, "segment numbers start at 1");
  assert(number <= UINT64_MAX, "segment number fits a uint64");
  return `wal-${number.toString(16).padStart(SEGMENT_NUMBER_DIGITS, "0")}.log`;
}

/** The segment number in `name` (a base name or a path ending in one), or undefined if not a segment. */
export function parseSegmentFileName(name: string): bigint | undefined {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const match = SEGMENT_NAME.exec(base);
  if (match === null) return undefined;
  const number = BigInt(`0x${match[1]}`);
  return number > 0n ? number : undefined;
}

/** Encodes the 20-byte header of segment `number`. */
export function encodeSegmentHeader(number: bigint): Uint8Array {
  const out = new Uint8Array(SEGMENT_HEADER_SIZE);
  const view = new DataView(out.buffer);
  out.set(SEGMENT_MAGIC, 0);
  view.setUint16(4, SEGMENT_VERSION);
  view.setUint16(6, 0);
  view.setBigUint64(8, number);
  view.setUint32(16, crc32c(out, 0, 0, 16));
  return out;
}

/** Why a segment header fails magic or checksum, or undefined. `bytes` holds at least the header. */
export function checkSegmentHeader(bytes: Uint8Array): string | undefined {
  assert(bytes.length >= SEGMENT_HEADER_SIZE, "caller checks the header is present");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < SEGMENT_MAGIC.length; i++) {
    if (bytes[i] !== SEGMENT_MAGIC[i]) return "bad segment magic";
  }
  if (view.getUint32(16) !== crc32c(bytes, 0, 0, 16)) return "segment header checksum mismatch";
  return undefined;
}

/** Why a header that passed its checksum still cannot be read (version, flags, number), or undefined. */
export function checkSegmentHeaderFields(bytes: Uint8Array, number: bigint): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4);
  if (version !== SEGMENT_VERSION) return `unsupported WAL segment version ${version}`;
  const flags = view.getUint16(6);
  if (flags !== 0) return `unknown WAL segment flags 0x${flags.toString(16)}`;
  const stored = view.getBigUint64(8);
  if (stored !== number) return `segment header names segment ${stored}, file name says ${number}`;
  return undefined;
}

/** Where a record sits: the checksum binds it to this segment and offset. */
export interface RecordPlace {
  readonly segmentNumber: bigint;
  /** Byte offset of the record's first header byte in its segment file. */
  readonly fileOffset: number;
}

/**
 * The record checksum of the frame at `bytes[at]`: CRC-32C over the length field, then the type
 * byte and the payload (the checksum field skipped), continued from the seed
 * `crc32c(segmentNumber as 8 big-endian bytes) XOR (fileOffset mod 2^32)`. The seed binds a record
 * to the segment and offset it was written at. The length field at `at` must be written and in range.
 */
export function recordChecksum(bytes: Uint8Array, at: number, place: RecordPlace): number {
  const end = at + RECORD_HEADER_SIZE + readUint32(bytes, at);
  assert(end <= bytes.length, "record lies inside the buffer");
  const seed = (segmentNumberCrc(place.segmentNumber) ^ place.fileOffset) >>> 0;
  return crc32c(bytes, crc32c(bytes, seed, at, at + 4), at + 8, end);
}

/** CRC-32C of the segment number's 8 big-endian bytes; the last one is cached (records come by segment). */
function segmentNumberCrc(segmentNumber: bigint): number {
  if (segmentNumber !== lastSegmentNumber) {
    const number = new Uint8Array(8);
    new DataView(number.buffer).setBigUint64(0, segmentNumber);
    lastSegmentNumberCrc = crc32c(number);
    lastSegmentNumber = segmentNumber;
  }
  return lastSegmentNumberCrc;
}

// The cached segment-number CRC. Besides saving work, it keeps small scratch arrays out of the hot
// crc32c call site, which otherwise runs several times slower on Bun (measured in T1).
let lastSegmentNumber = -1n;
let lastSegmentNumberCrc = 0;

/** Big-endian uint32 at `bytes[at]`; the caller checks the four bytes are there. */
export function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

/** True for the record types version 1 defines. */
export function isKnownRecordType(type: number): boolean {
  return type === RECORD_TYPE_EDIT || type === RECORD_TYPE_TRAILER;
}

/** Encodes the trailer payload for a segment holding `editCount` edit records. */
export function encodeTrailerPayload(editCount: number): Uint8Array {
  assert(Number.isInteger(editCount), "edit count is an integer");
  assert(editCount >= 0, "edit count is not negative");
  assert(editCount <= 0xffffffff, "edit count fits its uint32");
  const out = new Uint8Array(TRAILER_PAYLOAD_SIZE);
  new DataView(out.buffer).setUint32(0, editCount);
  return out;
}

/**
 * Frames `payload` as a record of `type` at `out[at]`; returns the offset after it. `out` must
 * have room.
 */
export function writeRecord(
  out: Uint8Array,
  at: number,
  record: { type: number; payload: Uint8Array },
  place: RecordPlace,
): number {
  const { type, payload } = record;
  assert(isKnownRecordType(type), "writers write known record types");
  assert(at + RECORD_HEADER_SIZE + payload.length <= out.length, "record fits the output buffer");
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(at, payload.length);
  out[at + 8] = type;
  out.set(payload, at + RECORD_HEADER_SIZE);
  view.setUint32(at + 4, recordChecksum(out, at, place));
  return at + RECORD_HEADER_SIZE + payload.length;
}
