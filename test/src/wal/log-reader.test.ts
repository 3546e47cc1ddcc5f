// TESTING.md T1: a real WAL segment (>= 64 KiB, >= 300 mixed records, written through WAL with
// group commit) is cut at every byte offset and bit-flipped in its last two records and in a
// middle record; the pure reader must keep exactly the whole records, or fail loudly. Every cut and
// flip runs the frame scanner (which alone decides what is kept); thousands also decode the edits.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CorruptWALError } from "../../../src/api/errors.ts";
import { NodeFs } from "../../../src/platform/node-fs.ts";
import { RECORD_HEADER_SIZE, SEGMENT_HEADER_SIZE, readUint32 } from "../../../src/wal/log-format.ts";
import { type RecoveredSegment, type ScannedSegment, recoverRecords, scanRecords } from "../../../src/wal/log-reader.ts";
import { type WALEdit, walEditSize } from "../../../src/wal/wal-edit.ts";
import { WAL } from "../../../src/wal/wal.ts";
import { SeededRandom, testSeed } from "../../helpers/seeded-random.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";
import { editsDifference, sampleEdit } from "./sample-edits.ts";

const seed = testSeed();
const EDITS_MIN = 300;
const IMAGE_BYTES_MIN = 66_000;
const FILE_NAME = "wal-0000000000000001.log";

interface Image {
  bytes: Uint8Array;
  edits: WALEdit[];
  /** Start offset of every record, the trailer last. */
  starts: number[];
  /** End offset of every record, the trailer last. */
  ends: number[];
}

let image: Image;
let cleanup: () => Promise<void> = async () => {};

/** At least EDITS_MIN edits and IMAGE_BYTES_MIN bytes of records; the last two edits are small ones. */
function imageEdits(random: SeededRandom): WALEdit[] {
  const edits: WALEdit[] = [];
  let bytes = 0;
  const small = (back: number) => walEditSize(edits[edits.length - back]) <= 1024;
  while (edits.length < EDITS_MIN || bytes < IMAGE_BYTES_MIN || !small(1) || !small(2)) {
    const edit = sampleEdit(random, edits.length, 100, 4);
    edits.push(edit);
    bytes += RECORD_HEADER_SIZE + walEditSize(edit);
  }
  return edits;
}

/** Writes `edits` through a real WAL, in concurrent groups of 1 to 8 so group commit batches them. */
async function writeImage(edits: WALEdit[], random: SeededRandom): Promise<Uint8Array> {
  const dir = await makeTempDir("shale-wal-t1-");
  cleanup = dir.cleanup;
  const fs = new NodeFs();
  const wal = await WAL.open({ fs, dir: dir.path });
  await wal.replay(() => {});
  for (let i = 0; i < edits.length;) {
    const group = edits.slice(i, i + 1 + random.int(8));
    await Promise.all(group.map((edit, j) => wal.append(edit, j % 3 === 0 ? "fsync" : "sync")));
    i += group.length;
  }
  await wal.close();
  const names = await wal.segments();
  expect(names).toEqual([FILE_NAME]);
  return fs.readFile(`${dir.path}/${FILE_NAME}`);
}

/** Record boundaries, walked with the length fields alone. */
function recordBounds(bytes: Uint8Array): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = SEGMENT_HEADER_SIZE; at < bytes.length;) {
    starts.push(at);
    at += RECORD_HEADER_SIZE + readUint32(bytes, at);
    ends.push(at);
  }
  return { starts, ends };
}

function expectCorruptAt(run: () => unknown, offset: number): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CorruptWALError);
    expect((error as Error).message).toContain(`"${FILE_NAME}" at offset ${offset}:`);
    return;
  }
  throw new Error(`expected CorruptWALError at offset ${offset} (SEED=${seed})`);
}

beforeAll(async () => {
  const random = new SeededRandom(seed);
  const edits = imageEdits(random);
  const bytes = await writeImage(edits, random);
  image = { bytes, edits, ...recordBounds(bytes) };
});

afterAll(() => cleanup());

describe("recoverRecords", () => {
  test("reads back the whole image: every edit, sealed, nothing torn", () => {
    expect(image.bytes.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(image.starts.length).toBe(image.edits.length + 1);
    expect(image.edits.length).toBeGreaterThanOrEqual(EDITS_MIN);
    const result = recoverRecords(image.bytes, { fileName: FILE_NAME, isLastSegment: false });
    expect(editsDifference(result.edits, image.edits)).toBeUndefined();
    expect(result).toMatchObject({ validLength: image.bytes.length, torn: false, sealed: true });
  });

  test("keeps exactly the records whose last byte is within the cut, at every byte offset", () => {
    const started = performance.now();
    const { bytes, ends } = image;
    const boundaries = new Set(ends.flatMap((end) => [end - 1, end, end + 1]));
    let mismatches = 0;
    let decoded = 0;
    let whole = 0;
    for (let cut = 0; cut <= bytes.length; cut++) {
      while (whole < ends.length && ends[whole] <= cut) whole++;
      const cutBytes = bytes.subarray(0, cut);
      let ok = cutMatches(scanRecords(cutBytes, { fileName: FILE_NAME, isLastSegment: true }), cut, whole);
      if (ok && (cut % 211 === 0 || boundaries.has(cut))) {
        decoded++;
        ok = recoveryMatches(recoverRecords(cutBytes, { fileName: FILE_NAME, isLastSegment: true }), cut, whole);
      }
      if (!ok && mismatches++ === 0) console.error(`first mismatch at cut ${cut} (SEED=${seed})`);
    }
    const ms = performance.now() - started;
    console.log(
      `T1 cuts: ${bytes.length + 1} byte offsets of a ${bytes.length}-byte segment with ${ends.length} records ` +
        `(${decoded} also fully decoded), ${mismatches} mismatches, ${ms.toFixed(0)} ms`,
    );
    expect(mismatches).toBe(0);
  }, 60_000);

  for (const variant of ["sealed", "unsealed"] as const) {
    test(`never accepts a single-bit flip in the last two records of an ${variant === "sealed" ? "orderly closed" : "unsealed (crashed)"} segment`, () => {
      const started = performance.now();
      const { starts } = image;
      // The sealed image ends with the last edit and the trailer; the unsealed one (a crash before
      // close) ends with the last two edits.
      const length = variant === "sealed" ? image.bytes.length : starts[starts.length - 1];
      const bytes = image.bytes.subarray(0, length);
      const first = starts[starts.length - (variant === "sealed" ? 2 : 3)];
      const outcomes = { dropped: 0, errors: 0, accepted: 0 };
      for (let offset = first; offset < bytes.length; offset++) {
        for (let bit = 0; bit < 8; bit++) {
          bytes[offset] ^= 1 << bit;
          const outcome = flipOutcome(bytes, offset, (offset * 8 + bit) % 97 === 0);
          bytes[offset] ^= 1 << bit;
          outcomes[outcome]++;
          if (outcome === "accepted" && outcomes.accepted === 1) console.error(`accepted flip at ${offset}.${bit} (SEED=${seed})`);
        }
      }
      const ms = performance.now() - started;
      const flips = outcomes.dropped + outcomes.errors + outcomes.accepted;
      console.log(
        `T1 tail flips (${variant}): ${flips} single-bit flips in the last 2 records, ${outcomes.dropped} dropped, ` +
          `${outcomes.errors} CorruptWALError, ${outcomes.accepted} accepted, ${ms.toFixed(0)} ms`,
      );
      expect(outcomes.accepted).toBe(0);
      expect(flips).toBe((bytes.length - first) * 8);
      expect(outcomes.dropped).toBeGreaterThan(0);
    }, 60_000);
  }

  test("throws CorruptWALError naming file and offset for every bit flipped in a middle record", () => {
    const { bytes, starts } = image;
    const middle = Math.floor(starts.length / 2);
    let flips = 0;
    for (let offset = starts[middle]; offset < starts[middle + 1]; offset++) {
      for (let bit = 0; bit < 8; bit++) {
        bytes[offset] ^= 1 << bit;
        try {
          expectCorruptAt(() => recoverRecords(bytes, { fileName: FILE_NAME, isLastSegment: true }), starts[middle]);
        } finally {
          bytes[offset] ^= 1 << bit;
        }
        flips++;
      }
    }
    console.log(`T1 middle flips: ${flips} single-bit flips in record ${middle}, all CorruptWALError at offset ${starts[middle]}`);
  });

  test("throws CorruptWALError at offset 0 for every bit flipped in the header of a segment with records", () => {
    const { bytes } = image;
    for (let offset = 0; offset < SEGMENT_HEADER_SIZE; offset++) {
      for (let bit = 0; bit < 8; bit++) {
        bytes[offset] ^= 1 << bit;
        try {
          expectCorruptAt(() => recoverRecords(bytes, { fileName: FILE_NAME, isLastSegment: true }), 0);
        } finally {
          bytes[offset] ^= 1 << bit;
        }
      }
    }
  });

  test("throws CorruptWALError for an older segment cut anywhere, record boundaries included", () => {
    const { bytes, starts } = image;
    const cuts = [0, 1, SEGMENT_HEADER_SIZE - 1, SEGMENT_HEADER_SIZE, ...starts, bytes.length - 1];
    for (const cut of cuts) {
      expect(() => recoverRecords(bytes.subarray(0, cut), { fileName: FILE_NAME, isLastSegment: false })).toThrow(CorruptWALError);
    }
  });
});

/** The frames kept at `cut` are exactly the first `whole` records, and the lengths and flags agree. */
function cutMatches(result: ScannedSegment, cut: number, whole: number): boolean {
  const { starts, ends } = image;
  const validLength = expectedValidLength(cut, whole);
  if (result.records.length !== whole || result.validLength !== validLength) return false;
  if (result.torn !== (cut !== validLength) || result.sealed !== (whole === ends.length)) return false;
  for (let i = 0; i < whole; i++) {
    if (result.records[i].offset !== starts[i] || result.records[i].end !== ends[i]) return false;
  }
  return true;
}

/** The decoded edits at `cut` equal the first whole edits written, field by field. */
function recoveryMatches(result: RecoveredSegment, cut: number, whole: number): boolean {
  const editsWhole = Math.min(whole, image.edits.length);
  if (editsDifference(result.edits, image.edits.slice(0, editsWhole)) !== undefined) return false;
  return result.validLength === expectedValidLength(cut, whole);
}

/** End of the last whole record, else of the header when it is whole, else 0. */
function expectedValidLength(cut: number, whole: number): number {
  if (whole > 0) return image.ends[whole - 1];
  return cut >= SEGMENT_HEADER_SIZE ? SEGMENT_HEADER_SIZE : 0;
}

/**
 * "dropped": only whole records before the flipped one are kept; "errors": CorruptWALError; else
 * "accepted". When `decode` is set, the kept edits are also decoded and compared.
 */
function flipOutcome(bytes: Uint8Array, offset: number, decode: boolean): "dropped" | "errors" | "accepted" {
  const flippedRecord = image.starts.findLastIndex((start) => start <= offset);
  const options = { fileName: FILE_NAME, isLastSegment: true };
  try {
    const result = scanRecords(bytes, options);
    if (result.records.length > flippedRecord || result.validLength > image.starts[flippedRecord]) return "accepted";
    if (!decode) return "dropped";
    const edits = recoverRecords(bytes, options).edits;
    return editsDifference(edits, image.edits.slice(0, edits.length)) === undefined && edits.length <= flippedRecord ? "dropped" : "accepted";
  } catch (error) {
    return error instanceof CorruptWALError ? "errors" : "accepted";
  }
}
