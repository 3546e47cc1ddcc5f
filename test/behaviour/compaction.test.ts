// What flushes and compactions drop and keep (data-semantics.md §2.7, §2.8), seen through reads.

import { describe, expect, test } from "bun:test";
import { Delete, Get, Put, Scan } from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cell, cellsOf, cellsOfAll, createTable, nowMs, putCell, putVersions, rawScan, scanAll, useStore } from "./fixtures.ts";

for (const backend of backends) {
  describe(`Compaction [${backend.name}]`, () => {
    const store = useStore(backend);

    test("deletes mask later Puts until a major compaction removes the marker (§2.8.1)", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", value: "old", ts: 5n });
      await table.delete(new Delete("r").addColumns("f", "q", 10n));
      await putCell(table, { row: "r", value: "masked", ts: 7n });
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
      await store.conn.admin.flush(table.name);
      await store.conn.admin.majorCompact(table.name);
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([]);
      await putCell(table, { row: "r", value: "new", ts: 7n });
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 7n, "new")]);
    });

    test("a major compaction drops versions beyond VERSIONS and keeps the newest", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 2 }]);
      await putVersions(table, "r", [[1n, "a"]]);
      await store.conn.admin.flush(table.name);
      await putVersions(table, "r", [[2n, "b"]]);
      await store.conn.admin.flush(table.name);
      await putVersions(table, "r", [[3n, "c"]]);
      await store.conn.admin.flush(table.name);
      expect(cellsOfAll(await scanAll(table, rawScan()))).toHaveLength(3);
      await store.conn.admin.majorCompact(table.name);
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([cell("r", "f", "q", 3n, "c"), cell("r", "f", "q", 2n, "b")]);
    });

    test("a version Delete of the newest shows an older version until the compaction drops it (§2.8.2)", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 2 }]);
      // Two store files (a third flush would start a minor compaction, which may drop t1 early).
      await putCell(table, { row: "r", value: "t1", ts: 1n });
      await store.conn.admin.flush(table.name);
      await putVersions(table, "r", [[2n, "t2"], [3n, "t3"]]);
      await store.conn.admin.flush(table.name);
      await table.delete(new Delete("r").addColumn("f", "q", 3n));
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 2n, "t2"),
        cell("r", "f", "q", 1n, "t1"),
      ]);
      await store.conn.admin.flush(table.name);
      await store.conn.admin.majorCompact(table.name);
      // The marker and t3 go; VERSIONS=2 counts after masking, so t2 and t1 stay.
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([cell("r", "f", "q", 2n, "t2"), cell("r", "f", "q", 1n, "t1")]);
    });

    test("a major compaction drops cells expired by TTL", async () => {
      const table = await createTable(store.conn, [{ name: "f", ttlSeconds: 10, maxVersions: 5 }]);
      const now = nowMs();
      await putCell(table, { row: "old", value: "x", ts: now - 60_000n });
      await putCell(table, { row: "new", value: "y", ts: now });
      await store.conn.admin.flush(table.name);
      await store.conn.admin.majorCompact(table.name);
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([cell("new", "f", "q", now, "y")]);
    });

    test("with KEEP_DELETED_CELLS TRUE a major compaction keeps markers and deleted Puts", async () => {
      const table = await createTable(store.conn, [{ name: "f", keepDeletedCells: true, maxVersions: 3 }]);
      await putCell(table, { row: "r", value: "v", ts: 5n });
      await table.delete(new Delete("r").addColumns("f", "q", 10n));
      await store.conn.admin.flush(table.name);
      await store.conn.admin.majorCompact(table.name);
      expect(cellsOfAll(await scanAll(table, rawScan()))).toEqual([
        cell("r", "f", "q", 10n, "", "DeleteColumn"),
        cell("r", "f", "q", 5n, "v"),
      ]);
      expect(cellsOf(await table.get(new Get("r").setTimeRange(0n, 10n)))).toEqual([cell("r", "f", "q", 5n, "v")]);
    });

    test("a minor compaction keeps delete markers (they may mask cells in other files)", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putCell(table, { row: "r", value: "v", ts: 5n });
      await store.conn.admin.flush(table.name);
      await table.delete(new Delete("r").addColumns("f", "q", 10n));
      await store.conn.admin.flush(table.name);
      await putCell(table, { row: "s", value: "w", ts: 5n });
      await store.conn.admin.flush(table.name);
      await store.conn.admin.compact(table.name);
      const raw = cellsOfAll(await scanAll(table, rawScan()));
      expect(raw).toContainEqual(cell("r", "f", "q", 10n, "", "DeleteColumn"));
      expect(cellsOfAll(await scanAll(table, new Scan()))).toEqual([cell("s", "f", "q", 5n, "w")]);
    });

    test("a scanner opened before a major compaction keeps returning the data it started on", async () => {
      const table = await createTable(store.conn);
      for (let i = 0; i < 50; i++) {
        await table.put(new Put(`row-${String(i).padStart(3, "0")}`).addColumn("f", "q", `v${i}`, 1n));
        if (i % 10 === 9) await store.conn.admin.flush(table.name);
      }
      const scanner = table.scan(new Scan().setCaching(1));
      const first = await scanner.next();
      expect(first?.row).toBeDefined();
      await store.conn.admin.majorCompact(table.name);
      let rows = 1;
      for (let r = await scanner.next(); r !== undefined; r = await scanner.next()) rows++;
      expect(rows).toBe(50);
      expect(cellsOfAll(await scanAll(table))).toHaveLength(50);
    });

    test("data survives a compaction and a reopen", async () => {
      const table = await createTable(store.conn);
      for (let i = 0; i < 30; i++) {
        await putCell(table, { row: `r${i % 7}`, qualifier: `q${i}`, value: `v${i}`, ts: BigInt(i + 1) });
        if (i % 6 === 5) await store.conn.admin.flush(table.name);
      }
      const before = cellsOfAll(await scanAll(table));
      await store.conn.admin.majorCompact(table.name);
      const conn = await store.reopen();
      expect(cellsOfAll(await scanAll(conn.table(table.name)))).toEqual(before);
    });
  });
}
