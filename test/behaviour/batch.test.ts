// batch(): one outcome per action in request order, partial failure reported in the failing slot
// (data-semantics.md §4.7). Whether a Get sees a Put of the same batch is wire-specific and is
// deliberately not asserted here.

import { describe, expect, test } from "bun:test";
import {
  Append, CheckAndMutate, type CheckAndMutateResult, Delete, Get, Increment, NoSuchColumnFamilyError, Put,
  Result, RowMutations, ShaleError,
} from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cell, cellsOf, cellsOfAll, createTable, longValue, putCell, scanAll, useStore } from "./fixtures.ts";

for (const backend of backends) {
  describe(`batch [${backend.name}]`, () => {
    const store = useStore(backend);

    test("an empty batch returns no outcomes", async () => {
      const table = await createTable(store.conn);
      expect(await table.batch([])).toEqual([]);
    });

    test("Puts and Deletes each get an empty Result and are all applied", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "gone", value: "x", ts: 1n });
      const outcomes = await table.batch([
        new Put("a").addColumn("f", "q", "A", 5n),
        new Delete("gone"),
        new Put("b").addColumn("f", "q", "B", 5n),
      ]);
      expect(outcomes.length).toBe(3);
      for (const outcome of outcomes) {
        expect(outcome).toBeInstanceOf(Result);
        expect((outcome as Result).isEmpty).toBe(true);
      }
      expect(cellsOfAll(await scanAll(table))).toEqual([cell("a", "f", "q", 5n, "A"), cell("b", "f", "q", 5n, "B")]);
    });

    test("one bad family fails only its own action; the others are applied", async () => {
      const table = await createTable(store.conn);
      const outcomes = await table.batch([
        new Put("a").addColumn("f", "q", "A", 5n),
        new Put("b").addColumn("nope", "q", "B", 5n),
        new Put("c").addColumn("f", "q", "C", 5n),
      ]);
      expect(outcomes[0]).toBeInstanceOf(Result);
      expect(outcomes[1]).toBeInstanceOf(NoSuchColumnFamilyError);
      expect(outcomes[1]).toBeInstanceOf(ShaleError);
      expect(outcomes[2]).toBeInstanceOf(Result);
      expect(cellsOfAll(await scanAll(table))).toEqual([cell("a", "f", "q", 5n, "A"), cell("c", "f", "q", 5n, "C")]);
    });

    test("batch does not throw when every action fails", async () => {
      const table = await createTable(store.conn);
      const outcomes = await table.batch([new Put("a").addColumn("x", "q", "1"), new Get("a").addFamily("y")]);
      expect(outcomes.map((o) => o instanceof NoSuchColumnFamilyError)).toEqual([true, true]);
    });

    test("Gets return their rows in request order", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "a", value: "A", ts: 1n });
      await putCell(table, { row: "b", value: "B", ts: 1n });
      const outcomes = await table.batch([new Get("b"), new Get("missing"), new Get("a")]);
      expect(outcomes.map((o) => cellsOf(o as Result))).toEqual([[cell("b", "f", "q", 1n, "B")], [], [cell("a", "f", "q", 1n, "A")]]);
    });

    test("Increments and Appends return their new cells", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "s", qualifier: "a", value: "x", ts: 1n });
      const outcomes = await table.batch([new Increment("n").addColumn("f", "c", 4), new Append("s").addColumn("f", "a", "y")]);
      expect(longValue((outcomes[0] as Result).getValue("f", "c"))).toBe(4n);
      expect(cellsOf(outcomes[1] as Result).map((c) => c.value)).toEqual(["xy"]);
    });

    test("a CheckAndMutate in a batch yields a CheckAndMutateResult", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", qualifier: "c", value: "v", ts: 1n });
      const outcomes = await table.batch([
        CheckAndMutate.newBuilder("r").ifEquals("f", "c", "v").build(new Put("r").addColumn("f", "ok", "1", 2n)),
        CheckAndMutate.newBuilder("r").ifNotExists("f", "c").build(new Put("r").addColumn("f", "no", "1", 2n)),
      ]);
      expect(outcomes.map((o) => (o as CheckAndMutateResult).success)).toEqual([true, false]);
      expect(cellsOf(await table.get(new Get("r"))).map((c) => c.qualifier)).toEqual(["c", "ok"]);
    });

    test("a RowMutations in a batch is applied atomically and yields a Result", async () => {
      const table = await createTable(store.conn);
      const rm = new RowMutations("r").add(new Put("r").addColumn("f", "a", "1", 5n)).add(new Put("r").addColumn("f", "b", "2", 5n));
      const outcomes = await table.batch([rm]);
      expect(outcomes[0]).toBeInstanceOf(Result);
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "a", 5n, "1"), cell("r", "f", "b", 5n, "2")]);
    });

    test("a batch spanning the regions of a pre-split table applies every action", async () => {
      const table = await createTable(store.conn, ["f"], { splitKeys: ["c", "m"] });
      const rows = ["a", "d", "n", "b", "z"];
      const outcomes = await table.batch(rows.map((row) => new Put(row).addColumn("f", "q", row, 1n)));
      expect(outcomes.every((o) => o instanceof Result)).toBe(true);
      const gets = await table.batch(rows.map((row) => new Get(row)));
      expect(gets.map((o) => cellsOf(o as Result)[0].value)).toEqual(rows);
    });

    test("many Puts in one batch are all applied", async () => {
      const table = await createTable(store.conn);
      const puts = Array.from({ length: 500 }, (_, i) => new Put(`row${String(i).padStart(4, "0")}`).addColumn("f", "q", `${i}`, 1n));
      const outcomes = await table.batch(puts);
      expect(outcomes.length).toBe(500);
      const results = await scanAll(table);
      expect(results.length).toBe(500);
      expect(cellsOf(results[499])).toEqual([cell("row0499", "f", "q", 1n, "499")]);
    });
  });
}
