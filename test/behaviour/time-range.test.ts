// Read time ranges: [min, max), setTimestamp, per-family ranges, and how they meet VERSIONS and
// delete markers (data-semantics.md §2.2, §2.4 step 6, §2.5).

import { describe, expect, test } from "bun:test";
import { Delete, Get, IllegalArgumentError, LATEST_TIMESTAMP, Put, Scan } from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cell, cellsOf, cellsOfAll, createTable, expectError, putVersions, scanAll, useStore } from "./fixtures.ts";

for (const backend of backends) {
  describe(`Time ranges [${backend.name}]`, () => {
    const store = useStore(backend);
    const fiveVersions = [{ name: "f", maxVersions: 5 }];

    test("a time range includes its min and excludes its max", async () => {
      const table = await createTable(store.conn, fiveVersions);
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"], [30n, "t30"], [40n, "t40"]]);
      expect(cellsOf(await table.get(new Get("r").setTimeRange(20n, 40n).readAllVersions()))).toEqual([
        cell("r", "f", "q", 30n, "t30"),
        cell("r", "f", "q", 20n, "t20"),
      ]);
    });

    test("with one version asked for, a time range returns the newest version inside it", async () => {
      const table = await createTable(store.conn, fiveVersions);
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"], [30n, "t30"]]);
      expect(cellsOf(await table.get(new Get("r").setTimeRange(0n, 25n)))).toEqual([cell("r", "f", "q", 20n, "t20")]);
    });

    test("setTimestamp returns exactly the version at that timestamp", async () => {
      const table = await createTable(store.conn, fiveVersions);
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"], [30n, "t30"]]);
      expect(cellsOf(await table.get(new Get("r").setTimestamp(20n).readAllVersions()))).toEqual([cell("r", "f", "q", 20n, "t20")]);
      expect((await table.get(new Get("r").setTimestamp(21n))).isEmpty).toBe(true);
    });

    test("a scan with a time range leaves out rows with nothing inside it", async () => {
      const table = await createTable(store.conn);
      await putVersions(table, "a", [[10n, "a10"]]);
      await putVersions(table, "b", [[50n, "b50"]]);
      await putVersions(table, "c", [[15n, "c15"]]);
      expect(cellsOfAll(await scanAll(table, new Scan().setTimeRange(10n, 20n)))).toEqual([
        cell("a", "f", "q", 10n, "a10"),
        cell("c", "f", "q", 15n, "c15"),
      ]);
      expect(cellsOfAll(await scanAll(table, new Scan().setTimestamp(50n)))).toEqual([cell("b", "f", "q", 50n, "b50")]);
    });

    test("versions above the range's max are skipped before versions are counted", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 2 }]);
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"]]);
      expect(cellsOf(await table.get(new Get("r").setTimeRange(0n, 20n)))).toEqual([cell("r", "f", "q", 10n, "t10")]);
    });

    // [src] §2.4 steps 6 and 8, §2.7: the time range is checked before versions are counted, so a
    // version beyond VERSIONS stays readable by time range until a flush drops it.
    test("with VERSIONS 1 an older version is readable by time range until a flush drops it", async () => {
      const table = await createTable(store.conn);
      await putVersions(table, "r", [[10n, "old"], [20n, "new"]]);
      expect(cellsOf(await table.get(new Get("r").setTimestamp(10n)))).toEqual([cell("r", "f", "q", 10n, "old")]);
      await store.conn.admin.flush(table.name);
      expect((await table.get(new Get("r").setTimestamp(10n))).isEmpty).toBe(true);
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 20n, "new")]);
    });

    test("a per-family time range overrides the query's range for that family only", async () => {
      const table = await createTable(store.conn, fiveVersions.concat([{ name: "g", maxVersions: 5 }]));
      await putVersions(table, "r", [[10n, "f10"], [20n, "f20"], [30n, "f30"]], { family: "f" });
      await putVersions(table, "r", [[10n, "g10"], [20n, "g20"], [30n, "g30"]], { family: "g" });
      const get = new Get("r").readAllVersions().setTimeRange(20n, 40n).setColumnFamilyTimeRange("f", 0n, 15n);
      expect(cellsOf(await table.get(get))).toEqual([
        cell("r", "f", "q", 10n, "f10"),
        cell("r", "g", "q", 30n, "g30"),
        cell("r", "g", "q", 20n, "g20"),
      ]);
    });

    test("a scan honours a per-family time range too", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("r").addColumn("f", "q", "f5", 5n).addColumn("g", "q", "g5", 5n));
      const scan = new Scan().setColumnFamilyTimeRange("g", 6n, 100n);
      expect(cellsOfAll(await scanAll(table, scan))).toEqual([cell("r", "f", "q", 5n, "f5")]);
    });

    test("with KEEP_DELETED_CELLS FALSE a marker newer than the range's max still hides older data", async () => {
      const table = await createTable(store.conn, fiveVersions);
      await putVersions(table, "r", [[10n, "t10"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 30n));
      expect((await table.get(new Get("r").setTimeRange(0n, 20n))).isEmpty).toBe(true);
    });

    test("a marker does not hide data newer than itself, whatever the range", async () => {
      const table = await createTable(store.conn, fiveVersions);
      await putVersions(table, "r", [[10n, "t10"], [40n, "t40"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 30n));
      expect(cellsOf(await table.get(new Get("r").setTimeRange(0n, 100n).readAllVersions()))).toEqual([cell("r", "f", "q", 40n, "t40")]);
    });

    test("time ranges are validated on the client", async () => {
      await expectError(() => new Get("r").setTimeRange(-1n, 5n), IllegalArgumentError);
      await expectError(() => new Get("r").setTimeRange(10n, 5n), IllegalArgumentError);
      await expectError(() => new Scan().setTimestamp(LATEST_TIMESTAMP), IllegalArgumentError);
      await expectError(() => new Get("r").setColumnFamilyTimeRange("f", 5n, 1n), IllegalArgumentError);
    });

    // HBase's StoreScanner.selectScannersFrom leaves out store files (and MemStore segments) whose
    // time span misses the read's time range, but a DeleteColumn or DeleteFamily widens its
    // source's span down to 0 (TimeRangeTracker.includeTimestamp), so a marker newer than a
    // bounded range still hides the older cells it masks, from a file of its own too.
    // See src/scan/source-selection.ts.
    test("a DeleteColumn or DeleteFamily newer than a bounded time range hides older cells, also from its own file", async () => {
      const table = await createTable(store.conn);
      await putVersions(table, "r", [[5n, "v5"]]);
      await putVersions(table, "s", [[5n, "v5"]]);
      await store.conn.admin.flush(table.name);
      await table.delete(new Delete("r").addColumns("f", "q", 20n));
      await table.delete(new Delete("s").addFamily("f", 20n));
      await store.conn.admin.flush(table.name);
      expect((await table.get(new Get("r").setTimeRange(0n, 10n))).isEmpty).toBe(true);
      expect((await table.get(new Get("s").setTimeRange(0n, 10n))).isEmpty).toBe(true);
      expect(cellsOfAll(await scanAll(table, new Scan().setTimeRange(0n, 10n)))).toEqual([]);
      await putVersions(table, "t", [[5n, "v5"]]);
      expect(cellsOf(await table.get(new Get("t").setTimeRange(0n, 10n)))).toEqual([cell("t", "f", "q", 5n, "v5")]);
    });
  });
}
