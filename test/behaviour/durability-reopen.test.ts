// What survives closing and reopening the store: every acknowledged write under SYNC_WAL,
// FSYNC_WAL, USE_DEFAULT and ASYNC_WAL (the last once the store was closed), before and after a
// flush; markers, versions, descriptors and table states too (data-semantics.md §4.8, §2.7).
// SKIP_WAL may lose data on a crash, which a clean reopen cannot show; only what holds is tested.

import { describe, expect, test } from "bun:test";
import { Delete, Durability, Get, Increment, Put, Scan } from "../../src/index.ts";
import { backends } from "./backends.ts";
import {
  cell, cellsOf, cellsOfAll, createTable, longValue, putVersions, rawScan, scanAll, text, useStore,
} from "./fixtures.ts";

const DURABLE: [string, Durability][] = [
  ["USE_DEFAULT", Durability.USE_DEFAULT],
  ["SYNC_WAL", Durability.SYNC_WAL],
  ["FSYNC_WAL", Durability.FSYNC_WAL],
  ["ASYNC_WAL", Durability.ASYNC_WAL],
];

for (const backend of backends) {
  describe(`Durability across reopen [${backend.name}]`, () => {
    const store = useStore(backend);

    for (const [name, durability] of DURABLE) {
      test(`a ${name} write is visible at once and after reopen`, async () => {
        const table = await createTable(store.conn);
        await table.put(new Put("r").addColumn("f", "q", name, 5n).setDurability(durability));
        expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 5n, name)]);
        const conn = await store.reopen();
        expect(cellsOf(await conn.table(table.name).get(new Get("r")))).toEqual([cell("r", "f", "q", 5n, name)]);
      });

      test(`a ${name} write flushed before reopen is still there, next to one written after the flush`, async () => {
        const table = await createTable(store.conn);
        await table.put(new Put("a").addColumn("f", "q", "flushed", 5n).setDurability(durability));
        await store.conn.admin.flush(table.name);
        await table.put(new Put("b").addColumn("f", "q", "memstore", 6n).setDurability(durability));
        const conn = await store.reopen();
        expect(cellsOfAll(await scanAll(conn.table(table.name)))).toEqual([
          cell("a", "f", "q", 5n, "flushed"),
          cell("b", "f", "q", 6n, "memstore"),
        ]);
      });
    }

    test("a SKIP_WAL write is visible before reopen, and after a flush it survives reopen", async () => {
      const table = await createTable(store.conn);
      await table.put(new Put("r").addColumn("f", "q", "skip", 5n).setDurability(Durability.SKIP_WAL));
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 5n, "skip")]);
      await store.conn.admin.flush(table.name);
      const conn = await store.reopen();
      expect(cellsOf(await conn.table(table.name).get(new Get("r")))).toEqual([cell("r", "f", "q", 5n, "skip")]);
    });

    test("flushed cells and cells written after the flush are both there after reopen", async () => {
      const table = await createTable(store.conn, ["f"], { splitKeys: ["m"] });
      for (const row of ["a", "x"]) await table.put(new Put(row).addColumn("f", "q", `${row}-1`, 1n));
      await store.conn.admin.flush(table.name);
      for (const row of ["b", "y"]) await table.put(new Put(row).addColumn("f", "q", `${row}-2`, 2n));
      const conn = await store.reopen();
      expect(cellsOfAll(await scanAll(conn.table(table.name)))).toEqual([
        cell("a", "f", "q", 1n, "a-1"),
        cell("b", "f", "q", 2n, "b-2"),
        cell("x", "f", "q", 1n, "x-1"),
        cell("y", "f", "q", 2n, "y-2"),
      ]);
    });

    test("versions and timestamps come back exactly after reopen", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putVersions(table, "r", [[10n, "t10"], [30n, "t30"]]);
      await store.conn.admin.flush(table.name);
      await putVersions(table, "r", [[20n, "t20"]]);
      const conn = await store.reopen();
      expect(cellsOf(await conn.table(table.name).get(new Get("r").readAllVersions()))).toEqual([
        cell("r", "f", "q", 30n, "t30"),
        cell("r", "f", "q", 20n, "t20"),
        cell("r", "f", "q", 10n, "t10"),
      ]);
    });

    test("delete markers survive reopen, written before or after a flush", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await table.put(new Put("a").addColumn("f", "q", "a", 5n));
      await table.delete(new Delete("a").addColumns("f", "q", 5n));
      await store.conn.admin.flush(table.name);
      await table.put(new Put("b").addColumn("f", "q", "b", 5n));
      await table.delete(new Delete("b", 6n));
      const conn = await store.reopen();
      const reopened = conn.table(table.name);
      expect(await scanAll(reopened)).toEqual([]);
      const markers = cellsOfAll(await scanAll(reopened, rawScan())).filter((c) => c.type !== "Put");
      expect(markers).toEqual([cell("a", "f", "q", 5n, "", "DeleteColumn"), cell("b", "f", "", 6n, "", "DeleteFamily")]);
      await reopened.put(new Put("a").addColumn("f", "q", "late", 4n));
      expect((await reopened.get(new Get("a"))).isEmpty).toBe(true);
    });

    test("counters keep counting across reopen", async () => {
      const table = await createTable(store.conn);
      for (let i = 0; i < 3; i++) await table.increment(new Increment("r").addColumn("f", "c", 10));
      const conn = await store.reopen();
      const result = await conn.table(table.name).increment(new Increment("r").addColumn("f", "c", 1));
      expect(longValue(result.getValue("f", "c"))).toBe(31n);
    });

    test("descriptors, namespaces, split regions and the disabled state survive reopen", async () => {
      await store.conn.admin.createNamespace({ name: "durable_ns", configuration: { a: "1" } });
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 4, ttlSeconds: 86_400 }, "g"], {
        name: "durable_ns:kept",
        splitKeys: ["k"],
      });
      const other = await createTable(store.conn);
      await store.conn.admin.disableTable(other.name);
      const admin = (await store.reopen()).admin;
      const families = (await admin.getDescriptor(table.name)).families;
      expect(families.map((f) => [text(f.name), f.maxVersions, f.ttlSeconds])).toEqual([["f", 4, 86_400], ["g", 1, 0x7fffffff]]);
      expect((await admin.getNamespaceDescriptor("durable_ns")).configuration).toEqual({ a: "1" });
      expect((await admin.getRegions(table.name)).map((r) => [text(r.startKey), text(r.endKey)])).toEqual([["", "k"], ["k", ""]]);
      expect(await admin.isTableDisabled(other.name)).toBe(true);
    });

    test("a deleted table stays deleted after reopen", async () => {
      const table = await createTable(store.conn);
      await table.put(new Put("r").addColumn("f", "q", "v", 5n));
      await store.conn.admin.disableTable(table.name);
      await store.conn.admin.deleteTable(table.name);
      const conn = await store.reopen();
      expect(await conn.admin.tableExists(table.name)).toBe(false);
    });

    test("a store can be reopened several times with writes in between", async () => {
      const table = await createTable(store.conn);
      let conn = store.conn;
      for (let round = 0; round < 3; round++) {
        await conn.table(table.name).put(new Put(`r${round}`).addColumn("f", "q", `${round}`, 1n));
        conn = await store.reopen();
      }
      expect(cellsOfAll(await scanAll(conn.table(table.name), new Scan()))).toEqual([
        cell("r0", "f", "q", 1n, "0"),
        cell("r1", "f", "q", 1n, "1"),
        cell("r2", "f", "q", 1n, "2"),
      ]);
    });

    // [inf] §2.7, §2.8.2: HBase flushes the MemStore when a region closes cleanly, and a flush drops
    // versions beyond VERSIONS, so a version beyond VERSIONS does not come back after a reopen.
    test("a version beyond VERSIONS does not come back after a reopen and a delete of the newest", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 2 }]);
      await putVersions(table, "r", [[1n, "t1"], [2n, "t2"], [3n, "t3"]]);
      const conn = await store.reopen();
      const reopened = conn.table(table.name);
      await reopened.delete(new Delete("r").addColumn("f", "q", 3n));
      expect(cellsOf(await reopened.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 2n, "t2")]);
    });
  });
}
