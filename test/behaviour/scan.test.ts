// Scan ranges and order: start/stop rows with their inclusive flags, reversed scans, row prefixes
// (0xFF tails included), limits, scans across the regions of a pre-split table, and closing a
// scanner early (data-semantics.md §3.2, §3.3).

import { describe, expect, test } from "bun:test";
import { NoSuchColumnFamilyError, Put, Scan, type Table } from "../../src/index.ts";
import { backends } from "./backends.ts";
import {
  bytes, cell, cellsOf, cellsOfAll, createTable, expectError, putCell, rowsOf, scanAll, useStore,
} from "./fixtures.ts";

for (const backend of backends) {
  describe(`Scan [${backend.name}]`, () => {
    const store = useStore(backend);

    async function rowsTable(rows: (string | Uint8Array)[], splitKeys?: string[]): Promise<Table> {
      const table = await createTable(store.conn, ["f"], { splitKeys });
      for (const row of rows) await putCell(table, { row, value: "v", ts: 1n });
      return table;
    }

    const ROWS = ["a", "b", "c", "d", "e"];

    test("a scan of an empty table returns nothing", async () => {
      const table = await createTable(store.conn);
      expect(await scanAll(table)).toEqual([]);
    });

    test("a full scan returns every row in ascending order, one Result per row", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("b").addColumn("g", "x", "bgx", 2n).addColumn("f", "y", "bfy", 2n));
      await table.put(new Put("a").addColumn("f", "x", "afx", 1n));
      const results = await scanAll(table);
      expect(results.map(cellsOf)).toEqual([
        [cell("a", "f", "x", 1n, "afx")],
        [cell("b", "f", "y", 2n, "bfy"), cell("b", "g", "x", 2n, "bgx")],
      ]);
      expect(results.every((r) => !r.mayHaveMoreCellsInRow)).toBe(true);
    });

    test("startRow is inclusive by default and exclusive on request", async () => {
      const table = await rowsTable(ROWS);
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("b")))).toEqual(["b", "c", "d", "e"]);
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("b", false)))).toEqual(["c", "d", "e"]);
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("bb")))).toEqual(["c", "d", "e"]);
    });

    test("stopRow is exclusive by default and inclusive on request", async () => {
      const table = await rowsTable(ROWS);
      expect(rowsOf(await scanAll(table, new Scan().withStopRow("d")))).toEqual(["a", "b", "c"]);
      expect(rowsOf(await scanAll(table, new Scan().withStopRow("d", true)))).toEqual(["a", "b", "c", "d"]);
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("b", false).withStopRow("d", true)))).toEqual(["c", "d"]);
    });

    test("a start row equal to an exclusive stop row yields nothing, an inclusive one yields that row", async () => {
      const table = await rowsTable(ROWS);
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("c").withStopRow("c", true)))).toEqual(["c"]);
      // [inf] §3.2: an empty [c, c) range returns no row.
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("c").withStopRow("c")))).toEqual([]);
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("c").withStopRow("d")))).toEqual(["c"]);
    });

    test("a reversed scan returns rows in descending order", async () => {
      const table = await rowsTable(ROWS);
      expect(rowsOf(await scanAll(table, new Scan().setReversed(true)))).toEqual(["e", "d", "c", "b", "a"]);
    });

    test("a reversed scan starts at its (inclusive) start row, the high end, and stops above its stop row", async () => {
      const table = await rowsTable(ROWS);
      const scan = () => new Scan().setReversed(true);
      expect(rowsOf(await scanAll(table, scan().withStartRow("d")))).toEqual(["d", "c", "b", "a"]);
      expect(rowsOf(await scanAll(table, scan().withStartRow("d", false)))).toEqual(["c", "b", "a"]);
      expect(rowsOf(await scanAll(table, scan().withStartRow("d").withStopRow("b")))).toEqual(["d", "c"]);
      expect(rowsOf(await scanAll(table, scan().withStartRow("d").withStopRow("b", true)))).toEqual(["d", "c", "b"]);
      expect(rowsOf(await scanAll(table, scan().withStartRow("cc")))).toEqual(["c", "b", "a"]);
    });

    test("inside a row a reversed scan keeps cells in ascending key order", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }, "g"]);
      await table.put(new Put("r1").addColumn("g", "a", "g", 1n).addColumn("f", "b", "fb", 1n).addColumn("f", "a", "fa1", 1n));
      await table.put(new Put("r1").addColumn("f", "a", "fa2", 2n));
      await table.put(new Put("r2").addColumn("f", "a", "x", 1n));
      const results = await scanAll(table, new Scan().setReversed(true).readAllVersions());
      expect(results.map(cellsOf)).toEqual([
        [cell("r2", "f", "a", 1n, "x")],
        [cell("r1", "f", "a", 2n, "fa2"), cell("r1", "f", "a", 1n, "fa1"), cell("r1", "f", "b", 1n, "fb"), cell("r1", "g", "a", 1n, "g")],
      ]);
    });

    test("setRowPrefixFilter returns exactly the rows starting with the prefix", async () => {
      const table = await rowsTable(["a", "ab", "ab\x00", "abc", "ac", "b"]);
      expect(rowsOf(await scanAll(table, new Scan().setRowPrefixFilter("ab")))).toEqual(["ab", "ab\\x00", "abc"]);
    });

    test("a prefix ending in 0xFF bytes still covers every row that starts with it", async () => {
      const table = await rowsTable([bytes(0x61, 0xfe), bytes(0x61, 0xff), bytes(0x61, 0xff, 0xff, 0x01), bytes(0x62), bytes(0x62, 0x00)]);
      const scan = new Scan().setRowPrefixFilter(bytes(0x61, 0xff));
      expect(rowsOf(await scanAll(table, scan))).toEqual(["a\\xFF", "a\\xFF\\xFF\\x01"]);
    });

    test("an all-0xFF prefix scans to the end of the table", async () => {
      const table = await rowsTable([bytes(0xfe), bytes(0xff), bytes(0xff, 0x00), bytes(0xff, 0xff, 0xff)]);
      const scan = new Scan().setRowPrefixFilter(bytes(0xff));
      expect(rowsOf(await scanAll(table, scan))).toEqual(["\\xFF", "\\xFF\\x00", "\\xFF\\xFF\\xFF"]);
    });

    test("setLimit returns at most that many rows, forward and reversed", async () => {
      const table = await rowsTable(ROWS);
      expect(rowsOf(await scanAll(table, new Scan().setLimit(2)))).toEqual(["a", "b"]);
      expect(rowsOf(await scanAll(table, new Scan().setReversed(true).setLimit(3)))).toEqual(["e", "d", "c"]);
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("d").setLimit(10)))).toEqual(["d", "e"]);
    });

    test("a scan can select families and columns", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("a").addColumn("f", "x", "afx", 1n).addColumn("g", "x", "agx", 1n));
      await table.put(new Put("b").addColumn("f", "y", "bfy", 1n));
      expect(cellsOfAll(await scanAll(table, new Scan().addFamily("g")))).toEqual([cell("a", "g", "x", 1n, "agx")]);
      expect(cellsOfAll(await scanAll(table, new Scan().addColumn("f", "y")))).toEqual([cell("b", "f", "y", 1n, "bfy")]);
    });

    test("a scan naming a family the table lacks fails with NoSuchColumnFamilyError", async () => {
      const table = await rowsTable(ROWS);
      await expectError(() => scanAll(table, new Scan().addFamily("nope")), NoSuchColumnFamilyError);
    });

    test("a scan crosses every region of a pre-split table in order", async () => {
      const table = await rowsTable(["a", "b", "c", "d", "e", "f", "g"], ["c", "e"]);
      expect(rowsOf(await scanAll(table))).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("b").withStopRow("f")))).toEqual(["b", "c", "d", "e"]);
      expect(rowsOf(await scanAll(table, new Scan().withStartRow("c", false).withStopRow("e", true)))).toEqual(["d", "e"]);
    });

    test("a reversed scan crosses every region of a pre-split table in order", async () => {
      const table = await rowsTable(["a", "b", "c", "d", "e", "f", "g"], ["c", "e"]);
      expect(rowsOf(await scanAll(table, new Scan().setReversed(true)))).toEqual(["g", "f", "e", "d", "c", "b", "a"]);
      expect(rowsOf(await scanAll(table, new Scan().setReversed(true).withStartRow("f").withStopRow("b")))).toEqual(["f", "e", "d", "c"]);
      expect(rowsOf(await scanAll(table, new Scan().setReversed(true).withStartRow("e", false)))).toEqual(["d", "c", "b", "a"]);
    });

    test("a scan limit counts rows across regions", async () => {
      const table = await rowsTable(["a", "b", "c", "d", "e"], ["b", "c", "d"]);
      expect(rowsOf(await scanAll(table, new Scan().setLimit(3)))).toEqual(["a", "b", "c"]);
      expect(rowsOf(await scanAll(table, new Scan().setReversed(true).setLimit(2)))).toEqual(["e", "d"]);
    });

    test("a scanner is async-iterable and next() keeps returning undefined at the end", async () => {
      const table = await rowsTable(["a", "b"]);
      const scanner = table.scan(new Scan());
      const rows: string[] = [];
      for await (const result of scanner) rows.push(cellsOf(result)[0].row);
      expect(rows).toEqual(["a", "b"]);
      expect(await scanner.next()).toBeUndefined();
      expect(await scanner.next()).toBeUndefined();
      await scanner.close();
    });

    test("closing a scanner early ends it, and the table keeps working", async () => {
      const table = await rowsTable(["a", "b", "c", "d"], ["c"]);
      const scanner = table.scan(new Scan().setCaching(1));
      expect(cellsOf((await scanner.next())!)[0].row).toBe("a");
      await scanner.close();
      expect(await scanner.next()).toBeUndefined();
      await putCell(table, { row: "e", value: "v", ts: 1n });
      expect(rowsOf(await scanAll(table))).toEqual(["a", "b", "c", "d", "e"]);
    });

    test("breaking out of a for-await loop releases the scanner", async () => {
      const table = await rowsTable(ROWS);
      for (let i = 0; i < 5; i++) {
        for await (const result of table.scan(new Scan())) {
          expect(cellsOf(result)[0].row).toBe("a");
          break;
        }
      }
      expect(rowsOf(await scanAll(table))).toEqual(ROWS);
    });

    test("two scanners over the same table run independently", async () => {
      const table = await rowsTable(ROWS);
      const forward = table.scan(new Scan());
      const backward = table.scan(new Scan().setReversed(true));
      const seen: string[] = [];
      for (let i = 0; i < 5; i++) {
        seen.push(cellsOf((await forward.next())!)[0].row, cellsOf((await backward.next())!)[0].row);
      }
      await forward.close();
      await backward.close();
      expect(seen).toEqual(["a", "e", "b", "d", "c", "c", "d", "b", "e", "a"]);
    });
  });
}
