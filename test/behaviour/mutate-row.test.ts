// mutateRow (RowMutations): one row, applied atomically with one timestamp; a bad family fails all
// of it; Increment/Append output merged into one Result (data-semantics.md §4.6, §2.8.3).

import { describe, expect, test } from "bun:test";
import {
  Append, Delete, Get, Increment, NoSuchColumnFamilyError, Put, RowMutations, WrongRowIOError, longToBytes,
} from "../../src/index.ts";
import { backends } from "./backends.ts";
import {
  cell, cellsOf, cellsOfAll, createTable, expectBetween, expectError, longValue, rawScan, scanAll, timed, useStore,
} from "./fixtures.ts";

for (const backend of backends) {
  describe(`mutateRow [${backend.name}]`, () => {
    const store = useStore(backend);

    test("a Put and a Delete in one RowMutations are both applied", async () => {
      const table = await createTable(store.conn);
      await table.put(new Put("r").addColumn("f", "old", "x", 5n));
      const rm = new RowMutations("r").add(new Put("r").addColumn("f", "new", "y", 6n)).add(new Delete("r").addColumns("f", "old", 5n));
      const result = await table.mutateRow(rm);
      expect(result.isEmpty).toBe(true);
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "new", 6n, "y")]);
    });

    test("Delete(row) followed by a Put, both at LATEST, leaves the row empty", async () => {
      const table = await createTable(store.conn);
      await table.put(new Put("r").addColumn("f", "a", "x", 5n));
      await table.mutateRow(new RowMutations("r").add(new Delete("r")).add(new Put("r").addColumn("f", "b", "y")));
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
    });

    test("the order inside the RowMutations does not matter: a Put then Delete(row) also leaves it empty", async () => {
      const table = await createTable(store.conn);
      await table.mutateRow(new RowMutations("r").add(new Put("r").addColumn("f", "b", "y")).add(new Delete("r")));
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
    });

    test("every LATEST cell and marker of a RowMutations shares one timestamp", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      const rm = new RowMutations("r")
        .add(new Put("r").addColumn("f", "a", "1"))
        .add(new Put("r").addColumn("g", "b", "2"))
        .add(new Delete("r").addColumns("f", "z"));
      const { before, after } = await timed(() => table.mutateRow(rm));
      const raw = cellsOfAll(await scanAll(table, rawScan()));
      expect(raw.map((c) => [c.family, c.qualifier, c.type])).toEqual([
        ["f", "a", "Put"], ["f", "z", "DeleteColumn"], ["g", "b", "Put"],
      ]);
      expect(new Set(raw.map((c) => c.ts)).size).toBe(1);
      expectBetween(raw[0].ts, before, after);
    });

    test("a bad family anywhere fails the whole RowMutations and applies nothing", async () => {
      const table = await createTable(store.conn);
      const rm = new RowMutations("r").add(new Put("r").addColumn("f", "a", "1", 5n)).add(new Put("r").addColumn("nope", "b", "2", 5n));
      await expectError(() => table.mutateRow(rm), NoSuchColumnFamilyError);
      expect(await scanAll(table, rawScan())).toEqual([]);
    });

    // HRegion.mutateRow concatenates each action's result in action order (checked in the 2.6
    // source and by the differential runner); Result.getValue still finds each column.
    test("Increment and Append results are merged into one Result in action order", async () => {
      const table = await createTable(store.conn);
      await table.put(new Put("r").addColumn("f", "c", longToBytes(5n), 5n).addColumn("f", "a", "ab", 5n));
      const rm = new RowMutations("r")
        .add(new Increment("r").addColumn("f", "c", 5))
        .add(new Put("r").addColumn("f", "p", "v"))
        .add(new Append("r").addColumn("f", "a", "cd"));
      const result = await table.mutateRow(rm);
      expect(cellsOf(result).map((c) => c.qualifier)).toEqual(["c", "a"]);
      expect(new TextDecoder().decode(result.getValue("f", "a"))).toBe("abcd");
      expect(longValue(result.getValue("f", "c"))).toBe(10n);
      expect(cellsOf(await table.get(new Get("r"))).map((c) => c.qualifier)).toEqual(["a", "c", "p"]);
    });

    test("a mutation for another row is rejected when added", async () => {
      await expectError(() => new RowMutations("r").add(new Put("s").addColumn("f", "q", "v")), WrongRowIOError);
    });

    test("explicit timestamps inside a RowMutations are kept", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await table.put(new Put("r").addColumn("f", "q", "old", 5n));
      const rm = new RowMutations("r").add(new Delete("r").addColumns("f", "q", 5n)).add(new Put("r").addColumn("f", "q", "new", 10n));
      await table.mutateRow(rm);
      expect(cellsOf(await table.get(new Get("r").readAllVersions()))).toEqual([cell("r", "f", "q", 10n, "new")]);
    });

    test("a RowMutations of Deletes only removes the row", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("r").addColumn("f", "a", "1", 5n).addColumn("g", "b", "2", 5n));
      await table.mutateRow(new RowMutations("r").add(new Delete("r").addFamily("f")).add(new Delete("r").addFamily("g")));
      expect(await scanAll(table)).toEqual([]);
    });
  });
}
