// Errors a caller sees: client-side validation (IllegalArgumentError, data-semantics.md §4.1, §3.1,
// §2.2), unknown families on every operation (NoSuchColumnFamilyError, §4.10), raw-scan misuse
// (§2.5) and the error classes' retry flags.

import { describe, expect, test } from "bun:test";
import {
  Append, Delete, DoNotRetryIOError, Get, IllegalArgumentError, Increment, NoSuchColumnFamilyError, Put,
  RowMutations, Scan, ShaleError,
} from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cell, cellsOf, cellsOfAll, createTable, expectError, putCell, scanAll, useStore } from "./fixtures.ts";

const ROW_MAX = 32_767;

describe("Client-side validation (no store needed)", () => {
  test("an empty row is rejected by every operation's constructor", async () => {
    for (const make of [
      () => new Get(""), () => new Put(""), () => new Delete(""), () => new Increment(""), () => new Append(""),
      () => new RowMutations(""),
    ]) {
      await expectError(make, IllegalArgumentError, "Row length is 0");
    }
  });

  test("a row longer than 32767 bytes is rejected, 32767 is accepted", async () => {
    const long = new Uint8Array(ROW_MAX + 1).fill(0x61);
    await expectError(() => new Put(long), IllegalArgumentError);
    await expectError(() => new Get(long), IllegalArgumentError);
    await expectError(() => new Scan().withStartRow(long), IllegalArgumentError);
    expect(new Put(long.subarray(0, ROW_MAX)).row.length).toBe(ROW_MAX);
  });

  test("negative timestamps are rejected on mutations and cells", async () => {
    await expectError(() => new Put("r", -1n), IllegalArgumentError, "Timestamp cannot be negative");
    await expectError(() => new Put("r").addColumn("f", "q", "v", -5n), IllegalArgumentError);
    await expectError(() => new Delete("r", -1n), IllegalArgumentError);
    await expectError(() => new Delete("r").addColumns("f", "q", -1n), IllegalArgumentError);
  });

  test("readVersions(0) and negative versions are rejected", async () => {
    await expectError(() => new Get("r").readVersions(0), IllegalArgumentError, "versions must be positive");
    await expectError(() => new Scan().readVersions(-1), IllegalArgumentError);
  });

  test("IllegalArgumentError and DoNotRetryIOError are not retryable ShaleErrors", () => {
    const illegal = new IllegalArgumentError("x");
    const family = new NoSuchColumnFamilyError("y");
    expect(illegal).toBeInstanceOf(ShaleError);
    expect(illegal.doNotRetry).toBe(true);
    expect(family).toBeInstanceOf(DoNotRetryIOError);
    expect(family.doNotRetry).toBe(true);
  });
});

for (const backend of backends) {
  describe(`Operation errors [${backend.name}]`, () => {
    const store = useStore(backend);

    test("a Put with no cells is rejected with IllegalArgumentError and writes nothing", async () => {
      const table = await createTable(store.conn);
      await expectError(() => table.put(new Put("r")), IllegalArgumentError, "No columns to put");
      expect(await scanAll(table, new Scan().setRaw(true))).toEqual([]);
    });

    test("a row of exactly 32767 bytes can be written and read", async () => {
      const table = await createTable(store.conn);
      const row = new Uint8Array(ROW_MAX).fill(0x7a);
      await table.put(new Put(row).addColumn("f", "q", "v", 1n));
      const result = await table.get(new Get(row));
      expect(result.row?.length).toBe(ROW_MAX);
      expect(new TextDecoder().decode(result.getValue("f", "q"))).toBe("v");
    });

    // [unv] §4.1: the client checks hbase.client.keyvalue.maxsize (10485760) before sending.
    test("a cell larger than the key-value size limit is rejected and not written", async () => {
      const table = await createTable(store.conn);
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      let failed = false;
      try {
        await table.put(new Put("r").addColumn("f", "q", big, 1n));
      } catch (error) {
        failed = error instanceof IllegalArgumentError || error instanceof DoNotRetryIOError;
      }
      expect(failed).toBe(true);
      expect((await table.get(new Get("r"))).isEmpty).toBe(true);
    });

    const unknownFamilyCases: [string, (t: Awaited<ReturnType<typeof createTable>>) => Promise<unknown>][] = [
      ["put", (t) => t.put(new Put("r").addColumn("nope", "q", "v"))],
      ["get", (t) => t.get(new Get("r").addFamily("nope"))],
      ["exists", (t) => t.exists(new Get("r").addColumn("nope", "q"))],
      ["scan", (t) => scanAll(t, new Scan().addFamily("nope"))],
      ["delete", (t) => t.delete(new Delete("r").addColumns("nope", "q"))],
      ["increment", (t) => t.increment(new Increment("r").addColumn("nope", "q", 1))],
      ["append", (t) => t.append(new Append("r").addColumn("nope", "q", "x"))],
      ["mutateRow", (t) => t.mutateRow(new RowMutations("r").add(new Put("r").addColumn("nope", "q", "v")))],
    ];
    for (const [name, run] of unknownFamilyCases) {
      test(`${name} naming a family the table lacks fails with NoSuchColumnFamilyError`, async () => {
        const table = await createTable(store.conn);
        const error = await expectError(() => run(table), NoSuchColumnFamilyError);
        expect(error.doNotRetry).toBe(true);
      });
    }

    test("a Put with one bad family among good ones writes nothing", async () => {
      const table = await createTable(store.conn);
      await expectError(() => table.put(new Put("r").addColumn("f", "q", "v", 1n).addColumn("nope", "q", "v", 1n)), NoSuchColumnFamilyError);
      expect(await scanAll(table, new Scan().setRaw(true))).toEqual([]);
    });

    test("a raw scan naming a column fails with DoNotRetryIOError", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", value: "v", ts: 1n });
      await expectError(
        () => scanAll(table, new Scan().setRaw(true).addColumn("f", "q")),
        DoNotRetryIOError,
        "Cannot specify any column for a raw scan",
      );
    });

    test("a raw scan may name whole families", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("r").addColumn("f", "q", "fv", 1n).addColumn("g", "q", "gv", 1n));
      await table.delete(new Delete("r").addColumns("g", "q", 1n));
      expect(cellsOfAll(await scanAll(table, new Scan().setRaw(true).addFamily("g")))).toEqual([
        cell("r", "g", "q", 1n, "", "DeleteColumn"),
        cell("r", "g", "q", 1n, "gv"),
      ]);
    });

    test("a raw scan's version limit is its own maxVersions, beyond the family's VERSIONS", async () => {
      const table = await createTable(store.conn);
      for (const ts of [1n, 2n, 3n]) await putCell(table, { row: "r", value: `t${ts}`, ts });
      expect(cellsOfAll(await scanAll(table, new Scan().setRaw(true).readVersions(2)))).toEqual([
        cell("r", "f", "q", 3n, "t3"),
        cell("r", "f", "q", 2n, "t2"),
      ]);
      expect(cellsOf((await table.get(new Get("r").readAllVersions())))).toEqual([cell("r", "f", "q", 3n, "t3")]);
    });

    test("creating a table with an illegal family name or no family fails with IllegalArgumentError", async () => {
      await expectError(() => store.conn.admin.createTable({ name: "bad_family", families: [".hidden"] }), IllegalArgumentError);
      await expectError(() => store.conn.admin.createTable({ name: "bad_family2", families: ["a:b"] }), IllegalArgumentError);
      await expectError(() => store.conn.admin.createTable({ name: "no_family", families: [] }), IllegalArgumentError);
      expect(await store.conn.admin.tableExists("bad_family")).toBe(false);
    });

    test("an illegal table name fails with IllegalArgumentError", async () => {
      await expectError(() => store.conn.admin.createTable({ name: "-bad", families: ["f"] }), IllegalArgumentError);
      await expectError(() => store.conn.admin.createTable({ name: "a b", families: ["f"] }), IllegalArgumentError);
    });
  });
}
