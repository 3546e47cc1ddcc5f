import { describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { BloomType } from "../../../src/api/descriptors.ts";
import { makeCell } from "../../../src/cell/cell.ts";
import { AssertionError } from "../../../src/util/assert.ts";
import { toBytes } from "../../../src/util/bytes.ts";
import { StoreFileWriter } from "../../../src/storefile/storefile-writer.ts";
import { FIXTURE_CELLS, FIXTURE_FINISH, FIXTURE_WRITER_OPTIONS } from "../../fixtures/format/storefile/fixture-cells.ts";
import { dumpStoreFile } from "../../fixtures/format/storefile/storefile-dump.ts";
import { BytesFs, FAMILY, rowKey } from "./storefile-test-kit.ts";

const FIXTURE_DIR = new URL("../../fixtures/format/storefile/", import.meta.url).pathname;
const options = { blockSizeBytes: 4096, bloomType: BloomType.ROW, expectedCellCount: 10 };

describe("StoreFileWriter", () => {
  test("the golden fixture decodes to its expected dump", async () => {
    const fs = new BytesFs();
    fs.files.set("small.storefile", new Uint8Array(await readFile(`${FIXTURE_DIR}small.storefile`)));
    const expected = JSON.parse(await readFile(`${FIXTURE_DIR}small.expected.json`, "utf8"));
    expect(JSON.parse(JSON.stringify(await dumpStoreFile(fs, "small.storefile")))).toEqual(expected);
  });

  test("a version 1 file (no earliestPutTs) still opens, reporting LONG_MIN", async () => {
    const fs = new BytesFs();
    fs.files.set("small-v1.storefile", new Uint8Array(await readFile(`${FIXTURE_DIR}small-v1.storefile`)));
    const expected = JSON.parse(await readFile(`${FIXTURE_DIR}small-v1.expected.json`, "utf8"));
    const dump = JSON.parse(JSON.stringify(await dumpStoreFile(fs, "small-v1.storefile")));
    expect(dump).toEqual(expected);
    expect(dump.info.earliestPutTs).toBe("-9223372036854775808");
  });

  test("re-writing the fixture's cells yields identical bytes", async () => {
    const fs = new BytesFs();
    const writer = await StoreFileWriter.create(fs, "again", FIXTURE_WRITER_OPTIONS);
    for (const cell of FIXTURE_CELLS) await writer.append(cell);
    const info = await writer.finish(FIXTURE_FINISH);
    const golden = new Uint8Array(await readFile(`${FIXTURE_DIR}small.storefile`));
    expect(info.fileSizeBytes).toBe(golden.length);
    expect(Buffer.from(fs.files.get("again")!).equals(Buffer.from(golden))).toBe(true);
    // The layout the format doc's worked example walks through.
    expect(new TextDecoder().decode(golden.subarray(0, 8))).toBe("SFDATBLK");
    expect(new TextDecoder().decode(golden.subarray(golden.length - 68, golden.length - 60))).toBe("SFTRAILR");
  });

  test("append() asserts strictly increasing cell order, duplicates included", async () => {
    const fs = new BytesFs();
    const writer = await StoreFileWriter.create(fs, "sf", options);
    const cell = makeCell({ row: rowKey(2), family: FAMILY, timestamp: 5n, sequenceId: 3n });
    await writer.append(cell);
    await expect(writer.append(cell)).rejects.toThrow(AssertionError);
    await expect(writer.append({ ...cell, row: rowKey(1) })).rejects.toThrow("cells out of order");
    await writer.append({ ...cell, sequenceId: 2n }); // same coordinates, older write: sorts after
    await writer.abort();
  });

  test("abort() removes the partial file and create() refuses an existing path", async () => {
    const fs = new BytesFs();
    const writer = await StoreFileWriter.create(fs, "sf", options);
    await writer.append(makeCell({ row: toBytes("r"), family: FAMILY, timestamp: 1n }));
    expect(await fs.exists("sf")).toBe(true);
    await writer.abort();
    expect(await fs.exists("sf")).toBe(false);
    fs.files.set("taken", new Uint8Array(1));
    await expect(StoreFileWriter.create(fs, "taken", options)).rejects.toThrow("Cannot create store file");
  });

  test("finish() records max(given, cells') sequence id and the major-compaction flag", async () => {
    const fs = new BytesFs();
    const writer = await StoreFileWriter.create(fs, "sf", { ...options, createdAtMs: 42n });
    await writer.append(makeCell({ row: toBytes("r"), family: FAMILY, timestamp: 1n, sequenceId: 30n }));
    const info = await writer.finish({ maxSequenceId: 12n, majorCompaction: true });
    expect(info).toMatchObject({ maxSequenceId: 30n, majorCompaction: true, createdAtMs: 42n, cellCount: 1, minTimestamp: 1n, maxTimestamp: 1n });
    expect(info.fileSizeBytes).toBe(fs.files.get("sf")!.length);
  });
});
