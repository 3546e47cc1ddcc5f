// TESTING.md T2: flip bytes of a ~32 KiB store file (data blocks, index, bloom, file info, trailer)
// and truncate it at many lengths. Every open + full scan + point seeks + bloom checks must either
// return exactly the right data or throw CorruptStoreFileError: 0 wrong values, no other error.

import { describe, expect, test } from "bun:test";
import { BloomType } from "../../../src/api/descriptors.ts";
import { CorruptStoreFileError } from "../../../src/api/errors.ts";
import type { Cell } from "../../../src/cell/cell.ts";
import { encodedKeyValueSize } from "../../../src/cell/key-value.ts";
import { BlockCache } from "../../../src/storefile/block-cache.ts";
import { crc32c } from "../../../src/util/crc32c.ts";
import { AssertionError } from "../../../src/util/assert.ts";
import { StoreFileReader } from "../../../src/storefile/storefile-reader.ts";
import { StoreFileWriter } from "../../../src/storefile/storefile-writer.ts";
import { TRAILER_SIZE } from "../../../src/storefile/trailer.ts";
import { SeededRandom, testScale, testSeed } from "../../helpers/seeded-random.ts";
import { BytesFs, distinctRows, generateCells, sameCell, scanAll, step } from "./storefile-test-kit.ts";

const seed = testSeed();
const PATH = "region/f/corrupt-me";
/** Offsets flipped at SHALE_TEST_SCALE=1; at or above the file size, every byte is flipped. */
const FLIP_OFFSETS = 5000;

interface Original {
  bytes: Uint8Array;
  cells: Cell[];
  rows: Uint8Array[];
  seekTargets: Cell[];
  sections: { name: string; start: number; end: number }[];
}

async function makeOriginal(random: SeededRandom): Promise<Original> {
  const fs = new BytesFs();
  const cells = prefixOfBytes(generateCells(random, { rowCount: 200, largeValueBytes: 1500 }), 30 * 1024);
  const writer = await StoreFileWriter.create(fs, PATH, { blockSizeBytes: 4096, bloomType: BloomType.ROW, expectedCellCount: cells.length, createdAtMs: 7n });
  for (const c of cells) await writer.append(c);
  await writer.finish({ maxSequenceId: 0n, majorCompaction: true });
  const bytes = fs.files.get(PATH)!;
  const reader = await StoreFileReader.open(fs, PATH, { blockCache: new BlockCache(0) });
  const index = reader.blockIndex;
  const indexStart = index.blockCount === 0 ? 0 : index.entry(index.blockCount - 1).offset + index.entry(index.blockCount - 1).length;
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const trailerAt = bytes.length - TRAILER_SIZE;
  const bloomAt = Number(view.getBigUint64(trailerAt + 32));
  const infoAt = Number(view.getBigUint64(trailerAt + 48));
  await reader.close();
  const seekTargets = Array.from({ length: 12 }, () => random.pick(cells));
  return {
    bytes, cells, rows: distinctRows(cells), seekTargets,
    sections: [
      { name: "data blocks", start: 0, end: indexStart },
      { name: "index", start: indexStart, end: bloomAt },
      { name: "bloom", start: bloomAt, end: infoAt },
      { name: "file info", start: infoAt, end: trailerAt },
      { name: "trailer", start: trailerAt, end: bytes.length },
    ],
  };
}

/** The longest prefix of `cells` whose KeyValues take at most `bytes`. */
function prefixOfBytes(cells: Cell[], bytes: number): Cell[] {
  let total = 0;
  let n = 0;
  while (n < cells.length && total + encodedKeyValueSize(cells[n], true) + 12 <= bytes) total += encodedKeyValueSize(cells[n++], true) + 12;
  return cells.slice(0, n);
}

type Outcome = "correct" | "detected" | "wrong" | "other-error";

/** Opens, scans, seeks and probes the bloom of `bytes`; classifies what happened. */
async function readBack(bytes: Uint8Array, original: Original): Promise<{ outcome: Outcome; error?: unknown; atOpen: boolean }> {
  const fs = new BytesFs();
  fs.files.set(PATH, bytes);
  let opened = false;
  try {
    const reader = await StoreFileReader.open(fs, PATH, { blockCache: new BlockCache(1 << 20) });
    opened = true;
    for (const row of original.rows) if (!reader.mightContainRow(row)) return { outcome: "wrong", atOpen: false };
    const scanner = reader.scanner();
    for (const target of original.seekTargets) {
      await step(scanner.seek(target));
      if (!sameCell(scanner.peek(), target)) return { outcome: "wrong", atOpen: false };
    }
    const fresh = await StoreFileReader.open(fs, PATH, { blockCache: new BlockCache(1 << 20) });
    const scanned = await scanAll(fresh.scanner());
    if (scanned.length !== original.cells.length) return { outcome: "wrong", atOpen: false };
    for (let i = 0; i < scanned.length; i++) if (!sameCell(scanned[i], original.cells[i])) return { outcome: "wrong", atOpen: false };
    await reader.close();
    await fresh.close();
    return { outcome: "correct", atOpen: false };
  } catch (error) {
    if (!(error instanceof CorruptStoreFileError)) return { outcome: "other-error", error, atOpen: !opened };
    if (!error.message.includes(PATH)) return { outcome: "other-error", error, atOpen: !opened };
    return { outcome: "detected", atOpen: !opened };
  }
}

function sectionOf(original: Original, offset: number): string {
  return original.sections.find((s) => offset >= s.start && offset < s.end)!.name;
}

describe("StoreFileReader on corrupt files (T2)", () => {
  test("every flipped byte yields the right data or CorruptStoreFileError, never a wrong value", async () => {
    const random = new SeededRandom(seed);
    const original = await makeOriginal(random);
    const size = original.bytes.length;
    const budget = Math.round(FLIP_OFFSETS * testScale());
    const offsets = budget >= size ? Array.from({ length: size }, (_, i) => i) : Array.from({ length: budget }, () => random.int(size));
    const tally = new Map<string, { tried: number; detected: number; atOpen: number }>();
    for (const s of original.sections) tally.set(s.name, { tried: 0, detected: 0, atOpen: 0 });
    const failures: string[] = [];
    const started = performance.now();
    for (const offset of offsets) {
      const corrupted = original.bytes.slice();
      corrupted[offset] ^= 1 + random.int(255);
      const result = await readBack(corrupted, original);
      const t = tally.get(sectionOf(original, offset))!;
      t.tried++;
      if (result.outcome === "detected") t.detected++;
      if (result.outcome === "detected" && result.atOpen) t.atOpen++;
      if (result.outcome === "wrong" || result.outcome === "other-error") {
        failures.push(`offset ${offset} (${sectionOf(original, offset)}): ${result.outcome} ${String(result.error)}`);
      }
    }
    const elapsedMs = performance.now() - started;
    console.log(`T2 flip sweep: file ${size} bytes, ${offsets.length} offsets in ${elapsedMs.toFixed(0)} ms (SEED=${seed})`);
    for (const [name, t] of tally) console.log(`  ${name.padEnd(12)} tried ${t.tried}, detected ${t.detected} (${t.atOpen} at open)`);
    if (failures.length > 0) console.error(`SEED=${seed}\n${failures.slice(0, 20).join("\n")}`);
    expect(failures).toEqual([]);
    expect(size).toBeGreaterThan(28 * 1024);
    expect(size).toBeLessThan(36 * 1024);
    for (const [name, t] of tally) {
      expect(`${name}: ${t.detected}`).toBe(`${name}: ${t.tried}`); // every byte is under some checksum
      if (name !== "data blocks") expect(t.atOpen).toBe(t.detected); // load-on-open sections fail at open
    }
  }, 120_000);

  test("every truncation and any trailing garbage fail at open with CorruptStoreFileError", async () => {
    const random = new SeededRandom(seed + 1);
    const original = await makeOriginal(random);
    const size = original.bytes.length;
    const step = Math.max(1, Math.floor(size / Math.round(2000 * testScale())));
    const lengths: number[] = [];
    for (let n = 0; n < size; n += step) lengths.push(n);
    for (let n = Math.max(0, size - 300); n < size; n++) lengths.push(n);
    const started = performance.now();
    for (const n of lengths) {
      const result = await readBack(original.bytes.slice(0, n), original);
      if (result.outcome !== "detected" || !result.atOpen) throw new Error(`truncated to ${n}: ${result.outcome} ${String(result.error)}`);
    }
    for (const extra of [1, 7, TRAILER_SIZE, 4096]) {
      const longer = new Uint8Array(size + extra);
      longer.set(original.bytes);
      longer.set(random.bytes(extra), size);
      const result = await readBack(longer, original);
      expect(result.outcome).toBe("detected");
    }
    console.log(`T2 truncation: ${lengths.length} lengths of a ${size}-byte file in ${(performance.now() - started).toFixed(0)} ms, all detected at open`);
  }, 60_000);

  test("a data block with a valid checksum but bad contents never causes an untyped error", async () => {
    const random = new SeededRandom(seed + 2);
    const original = await makeOriginal(random);
    const view = new DataView(original.bytes.buffer, original.bytes.byteOffset);
    const blockLength = 20 + view.getUint32(8); // the first data block
    const outcomes = new Map<string, number>();
    const tries = Math.round(1500 * testScale());
    for (let t = 0; t < tries; t++) {
      const offset = 16 + random.int(blockLength - 20);
      const corrupted = original.bytes.slice();
      corrupted[offset] ^= 1 + random.int(255);
      new DataView(corrupted.buffer).setUint32(blockLength - 4, crc32c(corrupted, 0, 0, blockLength - 4));
      const result = await readBack(corrupted, original);
      let kind: string = result.outcome;
      if (result.outcome === "other-error") {
        const ordering = result.error instanceof AssertionError && /out of order/.test(result.error.message);
        if (!ordering) throw new Error(`offset ${offset}: ${String(result.error)} (SEED=${seed})`);
        kind = "order assertion";
      }
      outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    }
    console.log(`re-checksummed block sweep (${tries} flips in a ${blockLength}-byte block): ${JSON.stringify(Object.fromEntries(outcomes))}`);
  }, 60_000);
});
