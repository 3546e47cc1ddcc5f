// Get as a one-row Scan: missing rows, existence checks, family and column selection, unknown
// families, and per-family limit/offset (data-semantics.md §3.1, §2.4 step 9).

import { describe, expect, test } from "bun:test";
import { Delete, Get, NoSuchColumnFamilyError, Put } from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cell, cellsOf, createTable, expectError, putCell, putVersions, useStore } from "./fixtures.ts";

for (const backend of backends) {
  describe(`Get [${backend.name}]`, () => {
    const store = useStore(backend);

    async function twoFamilyRow() {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }, "g"]);
      await table.put(
        new Put("r")
          .addColumn("f", "a", "fa", 5n)
          .addColumn("f", "b", "fb", 5n)
          .addColumn("f", "c", "fc", 5n)
          .addColumn("g", "a", "ga", 5n)
          .addColumn("g", "b", "gb", 5n),
      );
      return table;
    }

    test("a Get of a missing row returns an empty Result", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "other", value: "v", ts: 1n });
      const result = await table.get(new Get("missing"));
      expect(result.isEmpty).toBe(true);
      expect(result.cells).toEqual([]);
      expect(result.row).toBeUndefined();
    });

    test("a Get without columns returns every family of the row", async () => {
      const table = await twoFamilyRow();
      expect(cellsOf(await table.get(new Get("r")))).toEqual([
        cell("r", "f", "a", 5n, "fa"),
        cell("r", "f", "b", 5n, "fb"),
        cell("r", "f", "c", 5n, "fc"),
        cell("r", "g", "a", 5n, "ga"),
        cell("r", "g", "b", 5n, "gb"),
      ]);
    });

    test("a Get reads only its row, not neighbours that share a prefix", async () => {
      const table = await createTable(store.conn);
      for (const row of ["r", "r0", "q"]) await putCell(table, { row, value: row, ts: 1n });
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 1n, "r")]);
    });

    test("addFamily selects whole families", async () => {
      const table = await twoFamilyRow();
      expect(cellsOf(await table.get(new Get("r").addFamily("g")))).toEqual([
        cell("r", "g", "a", 5n, "ga"),
        cell("r", "g", "b", 5n, "gb"),
      ]);
    });

    test("addColumn selects single columns, across families", async () => {
      const table = await twoFamilyRow();
      const get = new Get("r").addColumn("f", "c").addColumn("g", "a").addColumn("f", "a").addColumn("f", "zz");
      expect(cellsOf(await table.get(get))).toEqual([
        cell("r", "f", "a", 5n, "fa"),
        cell("r", "f", "c", 5n, "fc"),
        cell("r", "g", "a", 5n, "ga"),
      ]);
    });

    test("a whole family and single columns of another can be mixed", async () => {
      const table = await twoFamilyRow();
      expect(cellsOf(await table.get(new Get("r").addFamily("f").addColumn("g", "b")))).toEqual([
        cell("r", "f", "a", 5n, "fa"),
        cell("r", "f", "b", 5n, "fb"),
        cell("r", "f", "c", 5n, "fc"),
        cell("r", "g", "b", 5n, "gb"),
      ]);
    });

    test("a Get naming a family the table lacks fails with NoSuchColumnFamilyError", async () => {
      const table = await twoFamilyRow();
      await expectError(() => table.get(new Get("r").addFamily("nope")), NoSuchColumnFamilyError);
      await expectError(() => table.get(new Get("r").addColumn("nope", "a")), NoSuchColumnFamilyError);
    });

    test("an existence-only Get reports whether the row has a visible cell, without cells", async () => {
      const table = await twoFamilyRow();
      const present = await table.get(new Get("r").setCheckExistenceOnly(true));
      expect(present.exists).toBe(true);
      expect(present.cells).toEqual([]);
      const absent = await table.get(new Get("nobody").setCheckExistenceOnly(true));
      expect(absent.exists).toBe(false);
      expect(absent.cells).toEqual([]);
    });

    test("exists() is true for a row with visible cells and false for a missing or deleted one", async () => {
      const table = await twoFamilyRow();
      expect(await table.exists(new Get("r"))).toBe(true);
      expect(await table.exists(new Get("r").addColumn("g", "zz"))).toBe(false);
      expect(await table.exists(new Get("nobody"))).toBe(false);
      await table.delete(new Delete("r"));
      expect(await table.exists(new Get("r"))).toBe(false);
    });

    test("setMaxResultsPerColumnFamily caps the cells returned from each family", async () => {
      const table = await twoFamilyRow();
      expect(cellsOf(await table.get(new Get("r").setMaxResultsPerColumnFamily(2)))).toEqual([
        cell("r", "f", "a", 5n, "fa"),
        cell("r", "f", "b", 5n, "fb"),
        cell("r", "g", "a", 5n, "ga"),
        cell("r", "g", "b", 5n, "gb"),
      ]);
    });

    test("setRowOffsetPerColumnFamily skips the first cells of each family", async () => {
      const table = await twoFamilyRow();
      expect(cellsOf(await table.get(new Get("r").setRowOffsetPerColumnFamily(1)))).toEqual([
        cell("r", "f", "b", 5n, "fb"),
        cell("r", "f", "c", 5n, "fc"),
        cell("r", "g", "b", 5n, "gb"),
      ]);
    });

    test("per-family limit and offset count versions as cells", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putVersions(table, "r", [[1n, "a1"], [2n, "a2"]], { qualifier: "a" });
      await putVersions(table, "r", [[1n, "b1"]], { qualifier: "b" });
      const get = new Get("r").readAllVersions().setRowOffsetPerColumnFamily(1).setMaxResultsPerColumnFamily(2);
      expect(cellsOf(await table.get(get))).toEqual([cell("r", "f", "a", 1n, "a1"), cell("r", "f", "b", 1n, "b1")]);
    });

    test("a list of Gets returns one Result per Get, in order, empty for missing rows", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "a", value: "A", ts: 1n });
      await putCell(table, { row: "c", value: "C", ts: 1n });
      const results = await table.get([new Get("c"), new Get("b"), new Get("a")]);
      expect(results.map(cellsOf)).toEqual([[cell("c", "f", "q", 1n, "C")], [], [cell("a", "f", "q", 1n, "A")]]);
    });

    test("a Get sees a Put acknowledged before it", async () => {
      const table = await createTable(store.conn);
      for (let i = 0; i < 20; i++) {
        await putCell(table, { row: "r", value: `v${i}`, ts: BigInt(i + 1) });
        expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", BigInt(i + 1), `v${i}`)]);
      }
    });

    test("Result accessors find the newest cell of a column", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putVersions(table, "r", [[1n, "old"], [2n, "new"]]);
      const result = await table.get(new Get("r").readAllVersions());
      expect(result.size).toBe(2);
      expect(result.containsColumn("f", "q")).toBe(true);
      expect(result.containsColumn("f", "x")).toBe(false);
      expect(result.getColumnLatestCell("f", "q")?.timestamp).toBe(2n);
      expect(new TextDecoder().decode(result.getValue("f", "q"))).toBe("new");
      expect(result.getColumnCells("f", "q").map((c) => c.timestamp)).toEqual([2n, 1n]);
    });
  });
}
