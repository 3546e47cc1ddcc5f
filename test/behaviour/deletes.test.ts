// Every delete kind and how markers hide Puts (data-semantics.md §2.3, §2.4 step 5, §2.8, §4.2).

import { describe, expect, test } from "bun:test";
import { Delete, Get, NoSuchColumnFamilyError, Put, Scan } from "../../src/index.ts";
import { backends } from "./backends.ts";
import {
  cell, cellsOf, cellsOfAll, createTable, expectBetween, expectError, putCell, putVersions, rawScan, scanAll,
  timed, useStore,
} from "./fixtures.ts";

for (const backend of backends) {
  describe(`Deletes [${backend.name}]`, () => {
    const store = useStore(backend);
    const threeVersions = [{ name: "f", maxVersions: 3 }];

    // A DeleteFamily marker sorts in the empty-qualifier column, after any newer cell of that
    // column; a read leaving that column must still meet it (HBASE-18471), also for one column.
    test("a DeleteFamily below a newer empty-qualifier cell still hides the family's older cells", async () => {
      const table = await createTable(store.conn, threeVersions);
      await table.put(new Put("r").addColumn("f", "", "future", 1000n).addColumn("f", "n", "old", 10n));
      await table.delete(new Delete("r").addFamily("f", 500n));
      expect(cellsOf(await table.get(new Get("r").addColumn("f", "n")))).toEqual([]);
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "", 1000n, "future")]);
      await store.conn.admin.flush(table.name);
      expect(cellsOf(await table.get(new Get("r").addColumn("f", "n")))).toEqual([]);
      expect(cellsOfAll(await scanAll(table, new Scan().addColumn("f", "n")))).toEqual([]);
    });

    test("addColumn with a timestamp hides exactly that version", async () => {
      const table = await createTable(store.conn, threeVersions);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"]]);
      await table.delete(new Delete("r").addColumn("f", "q", 2n));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 3n, "t3"),
        cell("r", "f", "q", 1n, "t1"),
      ]);
    });

    test("addColumn without a timestamp deletes the newest visible version and takes its timestamp", async () => {
      const table = await createTable(store.conn, threeVersions);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"]]);
      await table.delete(new Delete("r").addColumn("f", "q"));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 2n, "t2"),
        cell("r", "f", "q", 1n, "t1"),
      ]);
      const markers = cellsOfAll(await scanAll(table, rawScan())).filter((c) => c.type !== "Put");
      expect(markers).toEqual([cell("r", "f", "q", 3n, "", "Delete")]);
    });

    test("addColumn without a timestamp twice in one Delete deletes the two newest versions", async () => {
      const table = await createTable(store.conn, threeVersions);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"]]);
      await table.delete(new Delete("r").addColumn("f", "q").addColumn("f", "q"));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 1n, "t1")]);
    });

    test("addColumn without a timestamp skips versions that are already deleted", async () => {
      const table = await createTable(store.conn, threeVersions);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"]]);
      await table.delete(new Delete("r").addColumn("f", "q", 3n));
      await table.delete(new Delete("r").addColumn("f", "q"));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 1n, "t1")]);
    });

    test("addColumn without a timestamp on a column with no version writes its marker at now", async () => {
      const table = await createTable(store.conn);
      const { before, after } = await timed(() => table.delete(new Delete("r").addColumn("f", "q")));
      const raw = cellsOfAll(await scanAll(table, rawScan()));
      expect(raw.length).toBe(1);
      expect({ ...raw[0], ts: 0n }).toEqual(cell("r", "f", "q", 0n, "", "Delete"));
      expectBetween(raw[0].ts, before, after);
    });

    test("addColumns hides every version at or before its timestamp and keeps newer ones", async () => {
      const table = await createTable(store.conn, threeVersions);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 2n));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 3n, "t3")]);
    });

    test("addColumns without a timestamp hides every current version and stamps the marker now", async () => {
      const table = await createTable(store.conn, threeVersions);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"]]);
      const { before, after } = await timed(() => table.delete(new Delete("r").addColumns("f", "q")));
      expect((await table.get(new Get("r").readAllVersions())).isEmpty).toBe(true);
      const markers = cellsOfAll(await scanAll(table, rawScan())).filter((c) => c.type === "DeleteColumn");
      expect(markers.length).toBe(1);
      expectBetween(markers[0].ts, before, after);
    });

    test("a DeleteColumn hides a Put written later with a covered timestamp, but not a newer one", async () => {
      const table = await createTable(store.conn, threeVersions);
      await table.delete(new Delete("r").addColumns("f", "q", 100n));
      await putCell(table, { row: "r", value: "old", ts: 50n });
      await putCell(table, { row: "r", value: "edge", ts: 100n });
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
      await putCell(table, { row: "r", value: "new", ts: 150n });
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 150n, "new")]);
    });

    test("a version Delete hides every Put at exactly its timestamp, including ones written later", async () => {
      const table = await createTable(store.conn, threeVersions);
      await putVersions(table, "r", [[10n, "a"], [5n, "five"]]);
      await table.delete(new Delete("r").addColumn("f", "q", 10n));
      await putCell(table, { row: "r", value: "b", ts: 10n });
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 5n, "five")]);
    });

    test("addFamily hides every column of that family only", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("r").addColumn("f", "a", "fa", 5n).addColumn("f", "b", "fb", 5n).addColumn("g", "a", "ga", 5n));
      await putCell(table, { row: "r", family: "f", qualifier: "c", value: "fc", ts: 20n });
      await table.delete(new Delete("r").addFamily("f", 10n));
      expect(cellsOf(await table.get(new Get("r")))).toEqual([
        cell("r", "f", "c", 20n, "fc"),
        cell("r", "g", "a", 5n, "ga"),
      ]);
    });

    test("Delete(row) with nothing added writes a DeleteFamily for every family at one timestamp", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("r").addColumn("f", "a", "fa", 5n).addColumn("g", "b", "gb", 5n));
      const { before, after } = await timed(() => table.delete(new Delete("r")));
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
      const markers = cellsOfAll(await scanAll(table, rawScan())).filter((c) => c.type !== "Put");
      expect(markers.map((m) => [m.family, m.qualifier, m.type])).toEqual([
        ["f", "", "DeleteFamily"],
        ["g", "", "DeleteFamily"],
      ]);
      expect(markers[0].ts).toBe(markers[1].ts);
      expectBetween(markers[0].ts, before, after);
    });

    test("Delete(row, ts) hides everything in the row at or before ts", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("r").addColumn("f", "a", "old", 5n).addColumn("f", "b", "new", 15n).addColumn("g", "c", "g10", 10n));
      await table.delete(new Delete("r", 10n));
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "b", 15n, "new")]);
    });

    test("addFamilyVersion hides every column of the family at exactly that timestamp", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }, "g"]);
      await table.put(new Put("r").addColumn("f", "a", "a10", 10n).addColumn("f", "b", "b10", 10n).addColumn("g", "a", "g10", 10n));
      await table.put(new Put("r").addColumn("f", "a", "a9", 9n).addColumn("f", "b", "b11", 11n));
      await table.delete(new Delete("r").addFamilyVersion("f", 10n));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "a", 9n, "a9"),
        cell("r", "f", "b", 11n, "b11"),
        cell("r", "g", "a", 10n, "g10"),
      ]);
    });

    test("addFamily replaces the markers already added for that family in the same Delete", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", qualifier: "q", value: "v80", ts: 80n });
      await table.delete(new Delete("r").addColumns("f", "q", 100n).addFamily("f", 50n));
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 80n, "v80")]);
      const markers = cellsOfAll(await scanAll(table, rawScan())).filter((c) => c.type !== "Put");
      expect(markers).toEqual([cell("r", "f", "", 50n, "", "DeleteFamily")]);
    });

    test("a Delete of a row that does not exist succeeds and still writes its markers", async () => {
      const table = await createTable(store.conn);
      await table.delete(new Delete("ghost").addColumns("f", "q", 7n));
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([cell("ghost", "f", "q", 7n, "", "DeleteColumn")]);
      await putCell(table, { row: "ghost", value: "hidden", ts: 7n });
      expect((await table.get(new Get("ghost"))).isEmpty).toBe(true);
    });

    test("markers in the MemStore hide Puts in store files, and markers survive a flush", async () => {
      const table = await createTable(store.conn, threeVersions);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"]]);
      await store.conn.admin.flush(table.name);
      await table.delete(new Delete("r").addColumns("f", "q", 1n));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 2n, "t2")]);
      await store.conn.admin.flush(table.name);
      await putCell(table, { row: "r", value: "late", ts: 1n });
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 2n, "t2")]);
    });

    test("a deleted row is left out of scans", async () => {
      const table = await createTable(store.conn);
      for (const row of ["a", "b", "c"]) await putCell(table, { row, value: row, ts: 5n });
      await table.delete(new Delete("b"));
      expect(cellsOfAll(await scanAll(table, new Scan()))).toEqual([cell("a", "f", "q", 5n, "a"), cell("c", "f", "q", 5n, "c")]);
    });

    test("a Delete naming a family the table lacks fails with NoSuchColumnFamilyError", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", value: "v", ts: 5n });
      await expectError(() => table.delete(new Delete("r").addFamily("nope")), NoSuchColumnFamilyError);
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 5n, "v")]);
    });

    test("a list of Deletes is applied in full", async () => {
      const table = await createTable(store.conn);
      for (const row of ["a", "b", "c"]) await putCell(table, { row, value: row, ts: 5n });
      await table.delete([new Delete("a"), new Delete("c").addColumns("f", "q")]);
      expect(cellsOfAll(await scanAll(table))).toEqual([cell("b", "f", "q", 5n, "b")]);
    });
  });
}
