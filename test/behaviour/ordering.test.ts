// Cell order inside Results and row order across them (data-semantics.md §1.3, §3.3), and what a
// second write at the same coordinates does (§1.4).

import { describe, expect, test } from "bun:test";
import { Delete, Get, Put, Scan } from "../../src/index.ts";
import { backends } from "./backends.ts";
import {
  bytes, cell, cellsOf, cellsOfAll, createTable, putCell, rawScan, rowsOf, scanAll, useStore,
} from "./fixtures.ts";

for (const backend of backends) {
  describe(`Cell and row order [${backend.name}]`, () => {
    const store = useStore(backend);

    test("cells of a row come back by family, then qualifier, then newest timestamp first", async () => {
      const table = await createTable(store.conn, [{ name: "b", maxVersions: 3 }, { name: "a", maxVersions: 3 }]);
      const put = new Put("r")
        .addColumn("b", "q", "b-q-1", 1n)
        .addColumn("a", "qq", "a-qq-5", 5n)
        .addColumn("b", "q", "b-q-3", 3n)
        .addColumn("a", "q", "a-q-2", 2n)
        .addColumn("a", "q", "a-q-9", 9n)
        .addColumn("a", "q1", "a-q1-4", 4n);
      await table.put(put);
      const result = await table.get(new Get("r").readAllVersions());
      expect(cellsOf(result)).toEqual([
        cell("r", "a", "q", 9n, "a-q-9"),
        cell("r", "a", "q", 2n, "a-q-2"),
        cell("r", "a", "q1", 4n, "a-q1-4"),
        cell("r", "a", "qq", 5n, "a-qq-5"),
        cell("r", "b", "q", 3n, "b-q-3"),
        cell("r", "b", "q", 1n, "b-q-1"),
      ]);
    });

    test("the empty qualifier is an ordinary column that sorts first in its family", async () => {
      const table = await createTable(store.conn);
      await table.put(new Put("r").addColumn("f", "a", "A", 5n).addColumn("f", "", "empty", 5n).addColumn("f", "\x00", "nul", 5n));
      expect(cellsOf(await table.get(new Get("r")))).toEqual([
        cell("r", "f", "", 5n, "empty"),
        cell("r", "f", "\\x00", 5n, "nul"),
        cell("r", "f", "a", 5n, "A"),
      ]);
      expect(cellsOf(await table.get(new Get("r").addColumn("f", "")))).toEqual([cell("r", "f", "", 5n, "empty")]);
    });

    test("rows that are prefixes of each other come back shortest first", async () => {
      const table = await createTable(store.conn);
      const rows = [bytes(0x61, 0x61), bytes(0x62), bytes(0x61, 0x00), bytes(0x61), bytes(0x61, 0x61, 0x61)];
      for (const row of rows) await putCell(table, { row, value: "v", ts: 1n });
      expect(rowsOf(await scanAll(table))).toEqual(["a", "a\\x00", "aa", "aaa", "b"]);
    });

    test("bytes at or above 0x80 sort after ASCII (unsigned comparison) in rows and qualifiers", async () => {
      const table = await createTable(store.conn);
      for (const row of [bytes(0xff), bytes(0x80), bytes(0x7f), bytes(0x00), bytes(0x80, 0x00)]) {
        await putCell(table, { row, value: "v", ts: 1n });
      }
      expect(rowsOf(await scanAll(table))).toEqual(["\\x00", "\\x7F", "\\x80", "\\x80\\x00", "\\xFF"]);
      await table.put(new Put("q").addColumn("f", bytes(0x90), "hi", 1n).addColumn("f", bytes(0x10), "lo", 1n).addColumn("f", "z", "z", 1n));
      expect(cellsOf(await table.get(new Get("q"))).map((c) => c.qualifier)).toEqual(["\\x10", "z", "\\x90"]);
    });

    test("reversed scans order rows by unsigned bytes too", async () => {
      const table = await createTable(store.conn);
      for (const row of [bytes(0x80), bytes(0x01), bytes(0xff, 0x00), bytes(0xff)]) {
        await putCell(table, { row, value: "v", ts: 1n });
      }
      expect(rowsOf(await scanAll(table, new Scan().setReversed(true)))).toEqual(["\\xFF\\x00", "\\xFF", "\\x80", "\\x01"]);
    });

    test("a second Put at the same coordinates replaces the first and is not an extra version", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putCell(table, { row: "r", value: "old", ts: 5n });
      await putCell(table, { row: "r", value: "v1", ts: 10n });
      await putCell(table, { row: "r", value: "v2", ts: 10n });
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 10n, "v2"),
        cell("r", "f", "q", 5n, "old"),
      ]);
    });

    test("the later write at the same coordinates wins across a flush", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putCell(table, { row: "r", value: "v1", ts: 10n });
      await store.conn.admin.flush(table.name);
      await putCell(table, { row: "r", value: "v2", ts: 10n });
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 10n, "v2")]);
      await store.conn.admin.flush(table.name);
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 10n, "v2")]);
    });

    test("raw scans also show only the newest of two cells at the same coordinates", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putCell(table, { row: "r", value: "v1", ts: 10n });
      await putCell(table, { row: "r", value: "v2", ts: 10n });
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([cell("r", "f", "q", 10n, "v2")]);
    });

    test("at one column and timestamp, delete markers sort before the Put, highest type code first", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putCell(table, { row: "r", value: "v", ts: 10n });
      await table.delete(new Delete("r").addColumn("f", "q", 10n));
      await table.delete(new Delete("r").addColumns("f", "q", 10n));
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([
        cell("r", "f", "q", 10n, "", "DeleteColumn"),
        cell("r", "f", "q", 10n, "", "Delete"),
        cell("r", "f", "q", 10n, "v"),
      ]);
    });

    test("family markers sort with the empty qualifier: DeleteFamily, DeleteFamilyVersion, then the Put", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await table.put(new Put("r").addColumn("f", "", "empty", 10n).addColumn("f", "a", "A", 10n));
      await table.delete(new Delete("r").addFamilyVersion("f", 10n));
      await table.delete(new Delete("r").addFamily("f", 10n));
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([
        cell("r", "f", "", 10n, "", "DeleteFamily"),
        cell("r", "f", "", 10n, "", "DeleteFamilyVersion"),
        cell("r", "f", "", 10n, "empty"),
        cell("r", "f", "a", 10n, "A"),
      ]);
    });

    test("a newer marker sorts before an older Put of the same column, an older marker after a newer Put", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putCell(table, { row: "r", value: "v20", ts: 20n });
      await putCell(table, { row: "r", value: "v5", ts: 5n });
      await table.delete(new Delete("r").addColumns("f", "q", 10n));
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([
        cell("r", "f", "q", 20n, "v20"),
        cell("r", "f", "q", 10n, "", "DeleteColumn"),
        cell("r", "f", "q", 5n, "v5"),
      ]);
    });
  });
}
