// The WALEdit: one logged mini-batch of one region, and its record payload codec
// (docs/format/wal.md, "Record payload"). Cells are KeyValues with tags; their sequence id is not
// stored per cell but once per edit, and every decoded cell carries it.

import { type Cell, keyLength } from "../cell/cell.ts";
import { KeyValueFormatError, decodeKeyValue, encodedKeyValueSize, writeKeyValue } from "../cell/key-value.ts";
import { assert } from "../util/assert.ts";

export interface WALEdit {
  /** Encoded region name (hex string, ASCII). */
  readonly regionName: string;
  /** The region's sequence id for this mini-batch; every cell in `cells` carries it too. */
  readonly sequenceId: bigint;
  /** Wall-clock ms when written. */
  readonly writeTimeMs: bigint;
  /** Cells with tags (KeyValue + tags); sequenceId of each cell equals edit.sequenceId after decode. */
  readonly cells: readonly Cell[];
}

/** "async": resolved once queued; "sync": after write(2) returned; "fsync": after fdatasync returned. */
export type WALSyncMode = "async" | "sync" | "fsync";

/** regionNameLength(2) + sequenceId(8) + writeTimeMs(8) + cellCount(4), around the name and cells. */
export const EDIT_FIXED_SIZE = 2 + 8 + 8 + 4;
/** Smallest KeyValue with tags: lengths(8) + empty key(12) + tagsLength(2). */
const CELL_SIZE_MIN = 8 + 12 + 2;

/** Thrown by decodeWALEdit on a payload that is not a well-formed edit (the reader adds file and offset). */
export class WALEditFormatError extends Error {
  override name = "WALEditFormatError";
}

/** Encoded payload size of `edit`, computed without encoding it. */
export function walEditSize(edit: WALEdit): number {
  let size = EDIT_FIXED_SIZE + edit.regionName.length;
  for (const cell of edit.cells) size += encodedKeyValueSize(cell, true);
  return size;
}

/** Encodes `edit` as a record payload into a new array of `walEditSize(edit)` bytes. */
export function encodeWALEdit(edit: WALEdit): Uint8Array {
  assert(edit.regionName.length > 0, "region name is not empty");
  assert(edit.regionName.length <= 0xffff, "region name fits its uint16 length");
  assert(edit.cells.length <= 0xffffffff, "cell count fits its uint32");
  const out = new Uint8Array(walEditSize(edit));
  const view = new DataView(out.buffer);
  view.setUint16(0, edit.regionName.length);
  let at = 2;
  for (let i = 0; i < edit.regionName.length; i++) {
    const code = edit.regionName.charCodeAt(i);
    assert(isPrintableAscii(code), "region name is printable ASCII");
    out[at++] = code;
  }
  view.setBigInt64(at, edit.sequenceId);
  view.setBigInt64(at + 8, edit.writeTimeMs);
  view.setUint32(at + 16, edit.cells.length);
  at += 20;
  for (const cell of edit.cells) at = writeKeyValue(out, at, cell, true);
  assert(at === out.length, "edit size matches walEditSize");
  return out;
}

/**
 * Decodes a record payload. The cells' byte fields alias `payload` (subarray): the caller hands
 * over a buffer nobody modifies afterwards. Malformed input throws WALEditFormatError.
 */
export function decodeWALEdit(payload: Uint8Array): WALEdit {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  need(payload.length >= EDIT_FIXED_SIZE, "edit shorter than its fixed fields");
  const nameLength = view.getUint16(0);
  need(nameLength > 0, "empty region name");
  need(EDIT_FIXED_SIZE + nameLength <= payload.length, "region name runs past the payload");
  const regionName = readAscii(payload, 2, nameLength);
  let at = 2 + nameLength;
  const sequenceId = view.getBigInt64(at);
  const writeTimeMs = view.getBigInt64(at + 8);
  const cellCount = view.getUint32(at + 16);
  at += 20;
  need(cellCount <= (payload.length - at) / CELL_SIZE_MIN, `cell count ${cellCount} cannot fit the payload`);
  const cells = new Array<Cell>(cellCount);
  for (let i = 0; i < cellCount; i++) {
    const decoded = decodeCell(payload, at, sequenceId);
    cells[i] = decoded.cell;
    at = decoded.end;
  }
  need(at === payload.length, `${payload.length - at} bytes after the last cell`);
  return { regionName, sequenceId, writeTimeMs, cells };
}

function decodeCell(payload: Uint8Array, at: number, sequenceId: bigint): { cell: Cell; end: number } {
  try {
    const decoded = decodeKeyValue(payload, at, { withTags: true, sequenceId });
    assert(decoded.end - at === 8 + keyLength(decoded.cell) + decoded.cell.value.length + 2 + decoded.cell.tags.length, "decoded size");
    return decoded;
  } catch (error) {
    if (error instanceof KeyValueFormatError) throw new WALEditFormatError(`cell at payload offset ${at}: ${error.message}`);
    throw error;
  }
}

const ASCII = new TextDecoder();

function readAscii(bytes: Uint8Array, start: number, length: number): string {
  for (let i = start; i < start + length; i++) need(isPrintableAscii(bytes[i]), "region name is not printable ASCII");
  return ASCII.decode(bytes.subarray(start, start + length));
}

function isPrintableAscii(code: number): boolean {
  return code >= 0x21 && code <= 0x7e;
}

function need(condition: boolean, message: string): asserts condition {
  if (!condition) throw new WALEditFormatError(message);
}
