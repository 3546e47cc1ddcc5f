// VERSIONS and the query's maxVersions (data-semantics.md §2.1, §2.4 step 8), and version
// resurrection before and after a flush (§2.8.2).

import { describe, expect, test } from "bun:test";
import { Delete, Get, Scan } from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cell, cellsOf, cellsOfAll, createTable, putVersions, scanAll, useStore } from "./fixtures.ts";

for (const backend of backends) {
  describe(`Versions [${backend.name}]`, () => {
    const store = useStore(backend);

    test("a family with the default VERSIONS 1 shows only the newest version, even when all are asked for", async () => {
      const table = await createTable(store.conn);
      await putVersions(table, "r", [[1n, "a"], [3n, "c"], [2n, "b"]]);
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 3n, "c")]);
    });

    test("a Get returns one version by default and readVersions(n) returns the n newest", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 5 }]);
      await putVersions(table, "r", [[1n, "a"], [2n, "b"], [3n, "c"], [4n, "d"]]);
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 4n, "d")]);
      expect(cellsOf(await table.get(new Get("r").readVersions(2)))).toEqual([
        cell("r", "f", "q", 4n, "d"),
        cell("r", "f", "q", 3n, "c"),
      ]);
    });

    test("the query's maxVersions is capped by the family's VERSIONS", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putVersions(table, "r", [[1n, "a"], [2n, "b"], [3n, "c"], [4n, "d"]]);
      expect(cellsOf(await table.get(new Get("r").readVersions(10)))).toEqual([
        cell("r", "f", "q", 4n, "d"),
        cell("r", "f", "q", 3n, "c"),
        cell("r", "f", "q", 2n, "b"),
      ]);
    });

    test("versions are counted per column and per family", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 2 }, { name: "g", maxVersions: 1 }]);
      await putVersions(table, "r", [[1n, "f1"], [2n, "f2"], [3n, "f3"]], { family: "f", qualifier: "a" });
      await putVersions(table, "r", [[7n, "b7"], [8n, "b8"]], { family: "f", qualifier: "b" });
      await putVersions(table, "r", [[4n, "g4"], [5n, "g5"]], { family: "g", qualifier: "a" });
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "a", 3n, "f3"),
        cell("r", "f", "a", 2n, "f2"),
        cell("r", "f", "b", 8n, "b8"),
        cell("r", "f", "b", 7n, "b7"),
        cell("r", "g", "a", 5n, "g5"),
      ]);
    });

    test("a scan with readVersions(2) returns two versions of each column of each row", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putVersions(table, "r1", [[1n, "a"], [2n, "b"], [3n, "c"]]);
      await putVersions(table, "r2", [[5n, "x"]]);
      expect(cellsOfAll(await scanAll(table, new Scan().readVersions(2)))).toEqual([
        cell("r1", "f", "q", 3n, "c"),
        cell("r1", "f", "q", 2n, "b"),
        cell("r2", "f", "q", 5n, "x"),
      ]);
    });

    test("deleting the newest version brings back an older one still in the MemStore", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 2 }]);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"]]);
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 3n, "t3"),
        cell("r", "f", "q", 2n, "t2"),
      ]);
      await table.delete(new Delete("r").addColumn("f", "q", 3n));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 2n, "t2"),
        cell("r", "f", "q", 1n, "t1"),
      ]);
    });

    test("a version dropped by a flush does not come back when a newer one is deleted", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 2 }]);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"]]);
      await store.conn.admin.flush(table.name);
      await table.delete(new Delete("r").addColumn("f", "q", 3n));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 2n, "t2")]);
    });

    test("a flush keeps the newest VERSIONS versions readable", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 2 }]);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"]]);
      await store.conn.admin.flush(table.name);
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 3n, "t3"),
        cell("r", "f", "q", 2n, "t2"),
      ]);
    });

    test("versions in store files and in the MemStore merge into one newest-first list", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 4 }]);
      await putVersions(table, "r", [[2n, "t2"], [4n, "t4"]]);
      await store.conn.admin.flush(table.name);
      await putVersions(table, "r", [[3n, "t3"], [1n, "t1"]]);
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 4n, "t4"),
        cell("r", "f", "q", 3n, "t3"),
        cell("r", "f", "q", 2n, "t2"),
        cell("r", "f", "q", 1n, "t1"),
      ]);
      expect(cellsOf(await table.get(new Get("r").readVersions(3)))).toEqual([
        cell("r", "f", "q", 4n, "t4"),
        cell("r", "f", "q", 3n, "t3"),
        cell("r", "f", "q", 2n, "t2"),
      ]);
    });

    test("hidden versions do not count toward VERSIONS", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 2 }]);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"], [4n, "t4"]]);
      await table.delete(new Delete("r").addColumn("f", "q", 4n).addColumn("f", "q", 3n));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 2n, "t2"),
        cell("r", "f", "q", 1n, "t1"),
      ]);
    });
  });
}
