// KEEP_DELETED_CELLS: which markers a read applies, and time-range reads of deleted data
// (data-semantics.md §2.5, §2.7).

import { describe, expect, test } from "bun:test";
import { Delete, Get, KeepDeletedCells, Put, Scan } from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cell, cellsOf, cellsOfAll, createTable, putVersions, rawScan, scanAll, useStore } from "./fixtures.ts";

for (const backend of backends) {
  describe(`KEEP_DELETED_CELLS [${backend.name}]`, () => {
    const store = useStore(backend);
    const keep = (setting: KeepDeletedCells) => [{ name: "f", maxVersions: 3, keepDeletedCells: setting }];

    test("with TRUE an ordinary read hides deleted data exactly as FALSE does", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.TRUE));
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 30n));
      expect((await table.get(new Get("r").readAllVersions())).isEmpty).toBe(true);
      expect(await scanAll(table)).toEqual([]);
    });

    test("with TRUE a time range ending before a DeleteColumn sees the deleted versions", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.TRUE));
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 30n));
      expect(cellsOf(await table.get(new Get("r").setTimeRange(0n, 30n).readAllVersions()))).toEqual([
        cell("r", "f", "q", 20n, "t20"),
        cell("r", "f", "q", 10n, "t10"),
      ]);
    });

    test("with TRUE a time range that contains the marker still hides the data", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.TRUE));
      await putVersions(table, "r", [[10n, "t10"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 30n));
      expect((await table.get(new Get("r").setTimeRange(0n, 31n))).isEmpty).toBe(true);
    });

    test("with TRUE a scan with a time range before a row delete sees the row", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.TRUE));
      await putVersions(table, "r", [[10n, "t10"]]);
      await table.delete(new Delete("r", 30n));
      expect(cellsOfAll(await scanAll(table, new Scan().setTimeRange(0n, 25n)))).toEqual([cell("r", "f", "q", 10n, "t10")]);
      expect(await scanAll(table)).toEqual([]);
    });

    test("with TRUE a time range before a version Delete sees that version", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.TRUE));
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"]]);
      await table.delete(new Delete("r").addColumn("f", "q", 20n));
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 10n, "t10")]);
      expect(cellsOf(await table.get(new Get("r").setTimeRange(15n, 20n)))).toEqual([]);
      expect(cellsOf(await table.get(new Get("r").setTimeRange(0n, 20n).readAllVersions()))).toEqual([cell("r", "f", "q", 10n, "t10")]);
    });

    test("with FALSE the same time-range read sees nothing", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.FALSE));
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 30n));
      expect((await table.get(new Get("r").setTimeRange(0n, 30n).readAllVersions())).isEmpty).toBe(true);
    });

    test("with TRUE deleted data stays readable by time range after a flush", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.TRUE));
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 30n));
      await store.conn.admin.flush(table.name);
      expect(cellsOf(await table.get(new Get("r").setTimeRange(0n, 30n).readAllVersions()))).toEqual([
        cell("r", "f", "q", 20n, "t20"),
        cell("r", "f", "q", 10n, "t10"),
      ]);
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
    });

    test("with TRUE a raw scan after a flush returns the marker and the hidden Puts", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.TRUE));
      await putVersions(table, "r", [[10n, "t10"], [20n, "t20"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 30n));
      await store.conn.admin.flush(table.name);
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([
        cell("r", "f", "q", 30n, "", "DeleteColumn"),
        cell("r", "f", "q", 20n, "t20"),
        cell("r", "f", "q", 10n, "t10"),
      ]);
    });

    // HBase's major compaction (DropDeletesCompactionScanQueryMatcher.tryDropDelete): with kept
    // deleted cells a marker older than every Put of the store masks nothing and is dropped; the
    // others are counted with their column's versions, so one past a full column goes too.
    test("with TRUE a major compaction drops markers older than every Put, and markers past a full column", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 1, keepDeletedCells: KeepDeletedCells.TRUE }]);
      await table.put(new Put("r").addColumn("f", "a", "a1", 50n));
      await putVersions(table, "r", [[100n, "t100"]]);
      await store.conn.admin.flush(table.name); // q@100 reaches the major compaction as q's second version
      await putVersions(table, "r", [[200n, "t200"]]);
      await table.delete(new Delete("r").addColumns("f", "x", 40n)); // older than every Put
      await table.delete(new Delete("r").addColumns("f", "q", 60n)); // past q's one version
      await table.delete(new Delete("r").addColumns("f", "q", 300n)); // newest: stays
      await table.delete(new Delete("s").addFamily("f", 30n)); // a row without Puts
      await store.conn.admin.flush(table.name);
      await store.conn.admin.majorCompact(table.name);
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([
        cell("r", "f", "a", 50n, "a1"),
        cell("r", "f", "q", 300n, "", "DeleteColumn"),
        cell("r", "f", "q", 200n, "t200"),
      ]);
    });

    test("with TRUE a store holding only markers loses them all in a major compaction", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.TRUE));
      await table.delete(new Delete("r").addFamily("f"));
      await table.delete(new Delete("s").addColumns("f", "q"));
      await store.conn.admin.flush(table.name);
      expect(cellsOfAll(await scanAll(table, rawScan())).length).toBe(2);
      await store.conn.admin.majorCompact(table.name);
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([]);
    });

    // [src] §2.5: TTL behaves as TRUE for reads.
    test("with TTL a time range ending before the delete sees the deleted data", async () => {
      const table = await createTable(store.conn, keep(KeepDeletedCells.TTL));
      await putVersions(table, "r", [[10n, "t10"]]);
      await table.delete(new Delete("r").addColumns("f", "q", 30n));
      expect(cellsOf(await table.get(new Get("r").setTimeRange(0n, 30n)))).toEqual([cell("r", "f", "q", 10n, "t10")]);
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
    });
  });
}
