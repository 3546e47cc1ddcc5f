import { describe, expect, test } from "bun:test";
import { BloomType } from "../../../src/api/descriptors.ts";
import { type Cell, firstOnRow, lastOnRow, makeCell } from "../../../src/cell/cell.ts";
import { compareBytes, toBytes } from "../../../src/util/bytes.ts";
import { LONG_MAX, LONG_MIN } from "../../../src/util/int64.ts";
import { BlockCache } from "../../../src/storefile/block-cache.ts";
import { StoreFileReader } from "../../../src/storefile/storefile-reader.ts";
import { StoreFileWriter } from "../../../src/storefile/storefile-writer.ts";
import { SeededRandom, testSeed } from "../../helpers/seeded-random.ts";
import {
  BytesFs, describeCell, distinctRows, drain, FAMILY, generateCells, rowKey, sameCell, scanAll, sortedUnique, step,
} from "./storefile-test-kit.ts";

const seed = testSeed();

async function writeFile(fs: BytesFs, path: string, cells: readonly Cell[], options: { blockSizeBytes: number; bloomType: BloomType }) {
  const writer = await StoreFileWriter.create(fs, path, { ...options, expectedCellCount: cells.length, createdAtMs: 1n });
  for (const cell of cells) await writer.append(cell);
  return writer.finish({ maxSequenceId: 5n, majorCompaction: false });
}

/** Index of the first cell of each row. */
function rowStarts(cells: readonly Cell[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < cells.length; i++) if (i === 0 || compareBytes(cells[i - 1].row, cells[i].row) !== 0) starts.push(i);
  return starts;
}

/** Asserts seeks to every key, and to keys just before and after each, land on the right cell. */
async function checkSeeks(reader: StoreFileReader, cells: readonly Cell[]): Promise<void> {
  const scanner = reader.scanner();
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    await step(scanner.seek(c));
    if (!sameCell(scanner.peek(), c)) throw new Error(`seek(${describeCell(c)}) gave ${describeCell(scanner.peek())}`);
    await step(scanner.seek({ ...c, sequenceId: c.sequenceId + 1n })); // sorts just before c
    expect(sameCell(scanner.peek(), c)).toBe(true);
    await step(scanner.seek({ ...c, sequenceId: c.sequenceId - 1n })); // sorts just after c
    expect(sameCell(scanner.peek(), cells[i + 1])).toBe(true);
  }
  const starts = rowStarts(cells);
  for (let r = 0; r < starts.length; r++) {
    const row = cells[starts[r]].row;
    await step(scanner.seek(firstOnRow(row)));
    expect(sameCell(scanner.peek(), cells[starts[r]])).toBe(true);
    await step(scanner.seek(lastOnRow(row)));
    expect(sameCell(scanner.peek(), cells[starts[r + 1] ?? cells.length])).toBe(true);
  }
  await step(scanner.seek(lastOnRow(toBytes("\xff\xff\xff"))));
  expect(scanner.peek()).toBeUndefined();
  scanner.close();
}

/** Walks all rows backwards with seekToLastRow / seekToPreviousRow, checking each row's cells. */
async function checkReverse(reader: StoreFileReader, cells: readonly Cell[]): Promise<void> {
  const starts = rowStarts(cells);
  const scanner = reader.scanner();
  await step(scanner.seekToLastRow());
  let r = starts.length - 1;
  for (let cell = scanner.peek(); cell !== undefined; cell = scanner.peek(), r--) {
    if (r < 0) throw new Error("reverse walk does not end");
    expect(sameCell(cell, cells[starts[r]])).toBe(true);
    await step(scanner.seekToPreviousRow(cell.row));
  }
  expect(r).toBe(-1);
  scanner.close();
}

async function checkAll(cells: readonly Cell[], options: { blockSizeBytes: number; bloomType: BloomType }) {
  const fs = new BytesFs();
  const written = await writeFile(fs, "sf", cells, options);
  const cache = new BlockCache(64 * 1024 * 1024);
  const reader = await StoreFileReader.open(fs, "sf", { blockCache: cache });
  expect(reader.info).toEqual(written);
  expect(reader.info.cellCount).toBe(cells.length);
  const scanned = await scanAll(reader.scanner());
  expect(scanned.length).toBe(cells.length);
  for (let i = 0; i < cells.length; i++) {
    if (!sameCell(scanned[i], cells[i])) throw new Error(`cell ${i}: ${describeCell(scanned[i])} != ${describeCell(cells[i])}`);
  }
  await checkSeeks(reader, cells);
  await checkReverse(reader, cells);
  for (const row of distinctRows(cells)) expect(reader.mightContainRow(row)).toBe(true);
  for (const c of cells) expect(reader.mightContainRowColumn(c.row, c.family, c.qualifier)).toBe(true);
  await reader.close();
  expect(cache.stats().sizeBytes).toBe(0);
  return { reader, written };
}

describe("StoreFileReader", () => {
  test("reads back many cells of every shape: full scan, seeks, reverse row walk, blooms", async () => {
    const random = new SeededRandom(seed);
    try {
      const cells = generateCells(random, { rowCount: 600, largeValueBytes: 9000 });
      for (const bloomType of [BloomType.NONE, BloomType.ROW, BloomType.ROWCOL]) {
        const { written } = await checkAll(cells, { blockSizeBytes: 4096, bloomType });
        expect(written.deleteCount).toBe(cells.filter((c) => c.type >= 8 && c.type <= 14).length);
        expect(written.maxSequenceId).toBe(cells.reduce((m, c) => (c.sequenceId > m ? c.sequenceId : m), 5n));
      }
    } catch (error) {
      console.error(`SEED=${seed}`);
      throw error;
    }
  });

  const edgeCases: { name: string; cells: () => Cell[]; blockSizeBytes: number }[] = [
    { name: "an empty file", cells: () => [], blockSizeBytes: 4096 },
    { name: "one cell", cells: () => [makeCell({ row: rowKey(1), family: FAMILY, timestamp: 3n, sequenceId: 9n, value: toBytes("v") })], blockSizeBytes: 4096 },
    {
      name: "a single row bigger than many blocks",
      cells: () => sortedUnique(Array.from({ length: 800 }, (_, i) => makeCell({ row: rowKey(7), family: FAMILY, qualifier: toBytes(`q${i}`), timestamp: 1n, value: new Uint8Array(40).fill(i & 0xff) }))),
      blockSizeBytes: 1024,
    },
    {
      name: "several rows each spanning several blocks",
      cells: () => sortedUnique(Array.from({ length: 600 }, (_, i) => makeCell({ row: rowKey(i % 6), family: FAMILY, qualifier: toBytes(`q${i}`), timestamp: 1n, sequenceId: BigInt(i), value: new Uint8Array(30).fill(i & 0xff) }))),
      blockSizeBytes: 1024,
    },
    { name: "block size 1 KiB", cells: () => generateCells(new SeededRandom(seed + 1), { rowCount: 150, largeValueBytes: 3000 }), blockSizeBytes: 1024 },
    { name: "block size 64 KiB", cells: () => generateCells(new SeededRandom(seed + 2), { rowCount: 1500, largeValueBytes: 100_000 }), blockSizeBytes: 64 * 1024 },
  ];
  for (const c of edgeCases) {
    test(`round-trips ${c.name}`, async () => {
      const cells = c.cells();
      const { written } = await checkAll(cells, { blockSizeBytes: c.blockSizeBytes, bloomType: BloomType.ROW });
      if (cells.length === 0) {
        expect(written.firstKey).toBeUndefined();
        expect(written.minTimestamp).toBe(LONG_MAX);
        expect(written.maxTimestamp).toBe(LONG_MIN);
      } else {
        expect(sameCell(written.firstKey, { ...cells[0], value: new Uint8Array(0), tags: new Uint8Array(0) })).toBe(true);
      }
    });
  }

  test("bloom filters have no false negatives and about the target false-positive rate", async () => {
    const fs = new BytesFs();
    const cells = Array.from({ length: 20_000 }, (_, i) => makeCell({ row: rowKey(2 * i), family: FAMILY, qualifier: toBytes("q"), timestamp: 1n }));
    await writeFile(fs, "row", cells, { blockSizeBytes: 64 * 1024, bloomType: BloomType.ROW });
    await writeFile(fs, "rowcol", cells, { blockSizeBytes: 64 * 1024, bloomType: BloomType.ROWCOL });
    const cache = new BlockCache(1 << 20);
    const row = await StoreFileReader.open(fs, "row", { blockCache: cache });
    const rowcol = await StoreFileReader.open(fs, "rowcol", { blockCache: cache });
    let rowFalse = 0;
    let colFalse = 0;
    const probes = 20_000;
    for (let i = 0; i < probes; i++) {
      expect(row.mightContainRow(rowKey(2 * i))).toBe(true);
      expect(rowcol.mightContainRowColumn(rowKey(2 * i), FAMILY, toBytes("q"))).toBe(true);
      if (row.mightContainRow(rowKey(2 * i + 1))) rowFalse++;
      if (rowcol.mightContainRowColumn(rowKey(2 * i), FAMILY, toBytes("other"))) colFalse++;
    }
    console.log(`bloom false-positive rate: ROW ${(rowFalse / probes).toFixed(4)}, ROWCOL ${(colFalse / probes).toFixed(4)} (target 0.01, ${probes} probes)`);
    expect(rowFalse / probes).toBeLessThan(0.02);
    expect(colFalse / probes).toBeLessThan(0.02);
    expect(rowcol.mightContainRow(rowKey(1))).toBe(true); // a ROWCOL bloom cannot answer row questions
  });

  test("the block cache serves re-reads and stays within its byte budget", async () => {
    const fs = new BytesFs();
    const cells = generateCells(new SeededRandom(seed + 3), { rowCount: 400, largeValueBytes: 2000 });
    await writeFile(fs, "sf", cells, { blockSizeBytes: 2048, bloomType: BloomType.NONE });
    const big = new BlockCache(1 << 24);
    const reader = await StoreFileReader.open(fs, "sf", { blockCache: big });
    const blocks = reader.blockIndex.blockCount;
    await scanAll(reader.scanner());
    expect(big.stats()).toMatchObject({ hits: 0, misses: blocks, evictions: 0 });
    await scanAll(reader.scanner());
    expect(big.stats()).toMatchObject({ hits: blocks, misses: blocks });
    await reader.close();

    const small = new BlockCache(5 * 2048);
    const limited = await StoreFileReader.open(fs, "sf", { blockCache: small });
    const scanner = limited.scanner();
    for (let i = 0; i < 3; i++) {
      const scanned = await scanAll(scanner);
      expect(scanned.length).toBe(cells.length);
      expect(small.stats().sizeBytes).toBeLessThanOrEqual(small.stats().capacityBytes);
    }
    expect(small.stats().evictions).toBeGreaterThan(0);
    await limited.close();
  });

  test("a scanner steps within a cached block without returning a Promise", async () => {
    const fs = new BytesFs();
    const cells = generateCells(new SeededRandom(seed + 4), { rowCount: 50, largeValueBytes: 100 });
    await writeFile(fs, "sf", cells, { blockSizeBytes: 1 << 20, bloomType: BloomType.NONE });
    const reader = await StoreFileReader.open(fs, "sf", { blockCache: new BlockCache(1 << 22) });
    const scanner = reader.scanner();
    const loading = scanner.seek(cells[0]);
    expect(loading).toBeInstanceOf(Promise);
    expect(scanner.peek()).toBeUndefined();
    await loading;
    for (let i = 1; i < cells.length; i++) expect(scanner.next()).toBeUndefined();
    expect(scanner.seek(cells[3])).toBeUndefined();
    expect(sameCell(scanner.peek(), cells[3])).toBe(true);
    expect((await drain(scanner)).length).toBe(cells.length - 3);
  });
});
