// Region splits (data-semantics.md §6): on admin request with and without a split row; daughters
// serve at once through references; every row stays readable exactly once, forward and reversed,
// before and after the daughters' compaction and a reopen.

import { describe, expect, test } from "bun:test";
import { Delete, Get, Put, Scan, toBytes, toUtf8 } from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cellsOfAll, createTable, rowsOf, scanAll, useStore } from "./fixtures.ts";

const ROWS = 300;
const rowKey = (i: number) => `row-${String(i).padStart(4, "0")}`;

for (const backend of backends) {
  describe(`Splits [${backend.name}]`, () => {
    const store = useStore(backend);

    async function loaded(blockSizeBytes = 1024) {
      const table = await createTable(store.conn, [{ name: "f", blockSizeBytes, maxVersions: 2 }, { name: "g" }]);
      for (let i = 0; i < ROWS; i++) {
        await table.put(new Put(rowKey(i)).addColumn("f", "q", `v${i}`, 10n).addColumn("g", "q", `w${i}`, 10n));
      }
      await store.conn.admin.flush(table.name);
      return table;
    }

    const allRows = () => Array.from({ length: ROWS }, (_, i) => rowKey(i));

    test("a split at an explicit row makes two contiguous daughters that serve every row", async () => {
      const table = await loaded();
      const before = cellsOfAll(await scanAll(table));
      await store.conn.admin.split(table.name, toBytes(rowKey(100)));
      const regions = await store.conn.admin.getRegions(table.name);
      expect(regions.map((r) => [toUtf8(r.startKey), toUtf8(r.endKey)])).toEqual([["", rowKey(100)], [rowKey(100), ""]]);
      expect(regions[0].regionId).toBe(regions[1].regionId);
      expect(cellsOfAll(await scanAll(table))).toEqual(before);
      expect(rowsOf(await scanAll(table, new Scan().setReversed(true)))).toEqual(allRows().reverse());
      for (const i of [0, 99, 100, 101, ROWS - 1]) {
        expect(toUtf8((await table.get(new Get(rowKey(i)))).getValue("f", "q")!)).toBe(`v${i}`);
      }
    });

    test("a split without a row splits at the middle of the largest store file", async () => {
      const table = await loaded();
      await store.conn.admin.split(table.name);
      const regions = await store.conn.admin.getRegions(table.name);
      expect(regions).toHaveLength(2);
      const splitRow = toUtf8(regions[1].startKey);
      expect(splitRow > rowKey(ROWS / 5)).toBe(true);
      expect(splitRow < rowKey((ROWS * 4) / 5)).toBe(true);
      expect(rowsOf(await scanAll(table))).toEqual(allRows());
    });

    test("daughters take writes and deletes, and keep them across compaction and reopen", async () => {
      const table = await loaded();
      await store.conn.admin.split(table.name, toBytes(rowKey(150)));
      await table.put(new Put(rowKey(10)).addColumn("f", "q", "changed", 20n));
      await table.put(new Put(rowKey(200)).addColumn("f", "q", "changed", 20n));
      await table.delete(new Delete(rowKey(151)));
      await store.conn.admin.majorCompact(table.name);
      const conn = await store.reopen();
      const t = conn.table(table.name);
      expect(toUtf8((await t.get(new Get(rowKey(10)))).getValue("f", "q")!)).toBe("changed");
      expect(toUtf8((await t.get(new Get(rowKey(200)))).getValue("f", "q")!)).toBe("changed");
      expect((await t.get(new Get(rowKey(151)))).isEmpty).toBe(true);
      const versions = (await t.get(new Get(rowKey(10)).readAllVersions())).getColumnCells("f", "q").map((c) => c.timestamp);
      expect(versions).toEqual([20n, 10n]);
      expect(rowsOf(await scanAll(t))).toEqual(allRows().filter((r) => r !== rowKey(151)));
    });

    test("daughters can split again once their references are compacted away", async () => {
      const table = await loaded();
      await store.conn.admin.split(table.name, toBytes(rowKey(150)));
      await store.conn.admin.majorCompact(table.name);
      await store.conn.admin.split(table.name, toBytes(rowKey(50)));
      await store.conn.admin.split(table.name, toBytes(rowKey(250)));
      const regions = await store.conn.admin.getRegions(table.name);
      expect(regions.map((r) => toUtf8(r.startKey))).toEqual(["", rowKey(50), rowKey(150), rowKey(250)]);
      expect(rowsOf(await scanAll(table))).toEqual(allRows());
      expect(rowsOf(await scanAll(table, new Scan().withStartRow(rowKey(260)).setReversed(true).setLimit(20)))).toEqual(
        allRows().slice(241, 261).reverse(),
      );
    });

    test("a split row outside the region or at its start is refused", async () => {
      const table = await loaded();
      await store.conn.admin.split(table.name, toBytes(rowKey(100)));
      await expect(store.conn.admin.split(table.name, toBytes(rowKey(100)))).rejects.toThrow();
      expect(await store.conn.admin.getRegions(table.name)).toHaveLength(2);
    });

    test("writes that race a split are neither lost nor duplicated", async () => {
      const table = await loaded();
      const writes = Array.from({ length: 200 }, (_, i) =>
        table.put(new Put(rowKey(i)).addColumn("g", "racing", `r${i}`, 30n))
      );
      const split = store.conn.admin.split(table.name, toBytes(rowKey(77)));
      await Promise.all([...writes, split]);
      const results = await scanAll(table, new Scan().addColumn("g", "racing"));
      expect(rowsOf(results)).toEqual(allRows().slice(0, 200));
      expect(results.every((r) => toUtf8(r.getValue("g", "racing")!) === `r${toUtf8(r.row!).slice(4) === "" ? "" : Number(toUtf8(r.row!).slice(4))}`)).toBe(true);
    });
  });
}
