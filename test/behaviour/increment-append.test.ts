// Increment and Append: read-modify-write under the row lock, the 8-byte rule, the new timestamp
// max(old.ts + 1, now), returnResults, time ranges (data-semantics.md §4.3, §4.4).

import { describe, expect, test } from "bun:test";
import {
  Append, Delete, DoNotRetryIOError, Get, Increment, NoSuchColumnFamilyError, Put, longToBytes,
} from "../../src/index.ts";
import { backends } from "./backends.ts";
import {
  cell, cellsOf, createTable, expectBetween, expectError, longValue, nowMs, putCell, timed, useStore,
} from "./fixtures.ts";

const LONG_MAX = 0x7fffffffffffffffn;
const LONG_MIN = -0x8000000000000000n;
const HOUR = 3_600_000n;

for (const backend of backends) {
  describe(`Increment and Append [${backend.name}]`, () => {
    const store = useStore(backend);

    async function counter(value: bigint, ts: bigint, family = "f") {
      const table = await createTable(store.conn, [{ name: family, maxVersions: 3 }, "g"]);
      await table.put(new Put("r").addColumn(family, "c", longToBytes(value), ts));
      return table;
    }

    test("an Increment of an absent column stores the amount, stamped now", async () => {
      const table = await createTable(store.conn);
      const { value: result, before, after } = await timed(() => table.increment(new Increment("r").addColumn("f", "c", 7)));
      expect(result.size).toBe(1);
      const [c] = result.cells;
      expect(longValue(c.value)).toBe(7n);
      expectBetween(c.timestamp, before, after);
      const stored = (await table.get(new Get("r"))).cells[0];
      expect(longValue(stored.value)).toBe(7n);
      expect(stored.timestamp).toBe(c.timestamp);
    });

    test("an Increment adds to the stored 8-byte value and returns the new cell", async () => {
      const table = await counter(40n, 5n);
      const { value: result, before, after } = await timed(() => table.increment(new Increment("r").addColumn("f", "c", 2n)));
      const view = cellsOf(result);
      expect(view.map((c) => [c.row, c.family, c.qualifier, c.type])).toEqual([["r", "f", "c", "Put"]]);
      expect(longValue(result.getValue("f", "c"))).toBe(42n);
      expectBetween(result.cells[0].timestamp, before, after);
      expect(longValue((await table.get(new Get("r"))).getValue("f", "c"))).toBe(42n);
    });

    test("a negative amount decrements", async () => {
      const table = await counter(10n, 5n);
      expect(longValue((await table.increment(new Increment("r").addColumn("f", "c", -25n))).getValue("f", "c"))).toBe(-15n);
    });

    test("one Increment updates several columns across families and returns them in key order", async () => {
      const table = await counter(1n, 5n);
      const inc = new Increment("r").addColumn("g", "x", 3).addColumn("f", "c", 1).addColumn("f", "b", 10);
      const result = await table.increment(inc);
      expect(cellsOf(result).map((c) => `${c.family}:${c.qualifier}`)).toEqual(["f:b", "f:c", "g:x"]);
      expect(result.cells.map((c) => longValue(c.value))).toEqual([10n, 2n, 3n]);
      const ts = result.cells.map((c) => c.timestamp);
      expect(new Set(ts).size).toBe(1);
    });

    test("an Increment of a value that is not 8 bytes fails with DoNotRetryIOError and changes nothing", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", qualifier: "c", value: new Uint8Array([0, 0, 0, 1]), ts: 5n });
      const error = await expectError(
        () => table.increment(new Increment("r").addColumn("f", "c", 1)),
        DoNotRetryIOError,
        "Field is not a long, it's 4 bytes wide",
      );
      expect(error.doNotRetry).toBe(true);
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "c", 5n, "\\x00\\x00\\x00\\x01")]);
    });

    test("an Increment of an empty value fails with the 0-bytes message", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", qualifier: "c", value: "", ts: 5n });
      await expectError(() => table.increment(new Increment("r").addColumn("f", "c", 1)), DoNotRetryIOError, "it's 0 bytes wide");
    });

    test("an Increment of a future-dated cell stamps the new cell old.ts + 1", async () => {
      const future = nowMs() + HOUR;
      const table = await counter(1n, future);
      const result = await table.increment(new Increment("r").addColumn("f", "c", 1));
      expect(result.cells[0].timestamp).toBe(future + 1n);
      const versions = (await table.get(new Get("r").readAllVersions())).cells;
      expect(versions.map((c) => [c.timestamp, longValue(c.value)])).toEqual([[future + 1n, 2n], [future, 1n]]);
    });

    test("setReturnResults(false) returns an empty Result but still applies the Increment", async () => {
      const table = await counter(1n, 5n);
      const result = await table.increment(new Increment("r").addColumn("f", "c", 1).setReturnResults(false));
      expect(result.isEmpty).toBe(true);
      expect(longValue((await table.get(new Get("r"))).getValue("f", "c"))).toBe(2n);
    });

    test("an Increment by 0 writes a new version", async () => {
      const table = await counter(9n, 5n);
      const result = await table.increment(new Increment("r").addColumn("f", "c", 0));
      expect(longValue(result.getValue("f", "c"))).toBe(9n);
      const versions = (await table.get(new Get("r").readAllVersions())).cells;
      expect(versions.length).toBe(2);
      expect(versions[1].timestamp).toBe(5n);
      expect(versions[0].timestamp > 5n).toBe(true);
    });

    // [inf] §4.3, §9: Java long arithmetic wraps around.
    test("an Increment past Long.MAX_VALUE wraps around to Long.MIN_VALUE", async () => {
      const table = await counter(LONG_MAX, 5n);
      expect(longValue((await table.increment(new Increment("r").addColumn("f", "c", 1))).getValue("f", "c"))).toBe(LONG_MIN);
    });

    test("an Increment after a DeleteColumn starts from the amount", async () => {
      const table = await counter(100n, 5n);
      await table.delete(new Delete("r").addColumns("f", "c", 5n));
      expect(longValue((await table.increment(new Increment("r").addColumn("f", "c", 3))).getValue("f", "c"))).toBe(3n);
    });

    test("an Increment's time range picks the value it adds to", async () => {
      const table = await counter(5n, 100n);
      await table.put(new Put("r").addColumn("f", "c", longToBytes(7n), 200n));
      const inc = new Increment("r").addColumn("f", "c", 1).setTimeRange(0n, 150n);
      expect(longValue((await table.increment(inc)).getValue("f", "c"))).toBe(6n);
    });

    test("consecutive Increments accumulate", async () => {
      const table = await createTable(store.conn);
      for (let i = 0; i < 25; i++) await table.increment(new Increment("r").addColumn("f", "c", 2));
      expect(longValue((await table.get(new Get("r"))).getValue("f", "c"))).toBe(50n);
    });

    test("an Increment naming a family the table lacks fails with NoSuchColumnFamilyError", async () => {
      const table = await createTable(store.conn);
      await expectError(() => table.increment(new Increment("r").addColumn("nope", "c", 1)), NoSuchColumnFamilyError);
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
    });

    test("an Append of an absent column stores the bytes, stamped now", async () => {
      const table = await createTable(store.conn);
      const { value: result, before, after } = await timed(() => table.append(new Append("r").addColumn("f", "a", "xy")));
      expect(cellsOf(result).map((c) => [c.qualifier, c.value])).toEqual([["a", "xy"]]);
      expectBetween(result.cells[0].timestamp, before, after);
    });

    test("an Append concatenates onto the stored value, in several columns at once", async () => {
      const table = await createTable(store.conn);
      await table.put(new Put("r").addColumn("f", "a", "abc", 5n).addColumn("f", "b", "", 5n));
      const result = await table.append(new Append("r").addColumn("f", "b", "B").addColumn("f", "a", "def"));
      expect(cellsOf(result).map((c) => [c.qualifier, c.value])).toEqual([["a", "abcdef"], ["b", "B"]]);
      expect(cellsOf(await table.get(new Get("r"))).map((c) => c.value)).toEqual(["abcdef", "B"]);
    });

    test("an Append of a future-dated cell stamps the new cell old.ts + 1", async () => {
      const table = await createTable(store.conn);
      const future = nowMs() + HOUR;
      await putCell(table, { row: "r", qualifier: "a", value: "x", ts: future });
      const result = await table.append(new Append("r").addColumn("f", "a", "y"));
      expect(cellsOf(result)).toEqual([cell("r", "f", "a", future + 1n, "xy")]);
    });

    test("an Append with setReturnResults(false) returns an empty Result but still applies", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", qualifier: "a", value: "x", ts: 5n });
      expect((await table.append(new Append("r").addColumn("f", "a", "y").setReturnResults(false))).isEmpty).toBe(true);
      expect(cellsOf(await table.get(new Get("r"))).map((c) => c.value)).toEqual(["xy"]);
    });

    test("an Append's time range picks the value it extends", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await putCell(table, { row: "r", qualifier: "a", value: "old", ts: 100n });
      await putCell(table, { row: "r", qualifier: "a", value: "new", ts: 200n });
      const result = await table.append(new Append("r").addColumn("f", "a", "+").setTimeRange(0n, 150n));
      expect(cellsOf(result).map((c) => c.value)).toEqual(["old+"]);
    });
  });
}
