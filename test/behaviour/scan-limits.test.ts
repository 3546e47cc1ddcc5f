// Per-call scan limits: batch (intra-row Results with mayHaveMoreCellsInRow), caching and
// maxResultSize, which must never change which rows and cells come back (data-semantics.md §3.2,
// §3.4).

import { describe, expect, test } from "bun:test";
import { Delete, Put, type Result, Scan, type Table } from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cellsOf, cellsOfAll, createTable, rowsOf, scanAll, useStore } from "./fixtures.ts";

for (const backend of backends) {
  describe(`Scan limits [${backend.name}]`, () => {
    const store = useStore(backend);

    /** Rows r0..r{n-1}; row i has `widths[i]` cells spread over families f and g. */
    async function wideRows(widths: number[], splitKeys?: string[]): Promise<Table> {
      const table = await createTable(store.conn, ["f", "g"], { splitKeys });
      for (let i = 0; i < widths.length; i++) {
        const put = new Put(`r${i}`);
        for (let c = 0; c < widths[i]; c++) put.addColumn(c % 2 === 0 ? "f" : "g", `q${c}`, `v${i}.${c}`, 7n);
        await table.put(put);
      }
      return table;
    }

    const shape = (results: Result[]) => results.map((r) => [cellsOf(r)[0]?.row, r.size, r.mayHaveMoreCellsInRow]);

    test("batch splits a row into Results of at most n cells, flagged until the row's last", async () => {
      const table = await wideRows([5]);
      const whole = cellsOfAll(await scanAll(table));
      const results = await scanAll(table, new Scan().setBatch(2));
      expect(shape(results)).toEqual([["r0", 2, true], ["r0", 2, true], ["r0", 1, false]]);
      expect(cellsOfAll(results)).toEqual(whole);
    });

    test("batch never mixes rows in one Result", async () => {
      const table = await wideRows([3, 1, 4]);
      const results = await scanAll(table, new Scan().setBatch(2));
      expect(shape(results)).toEqual([
        ["r0", 2, true], ["r0", 1, false],
        ["r1", 1, false],
        ["r2", 2, true], ["r2", 2, false],
      ]);
      expect(results.every((r) => new Set(cellsOf(r).map((c) => c.row)).size === 1)).toBe(true);
    });

    // [inf] §3.4: with no hidden cells left in the row, a row of exactly `batch` cells is one whole Result.
    test("a row of exactly batch cells comes back as one unflagged Result", async () => {
      const table = await wideRows([2, 2]);
      expect(shape(await scanAll(table, new Scan().setBatch(2)))).toEqual([["r0", 2, false], ["r1", 2, false]]);
    });

    // HBase marks a batch-cut Result partial when its scanner is still inside the row after the
    // last cell (BATCH_LIMIT_REACHED with moreCellsInRow), whether or not anything visible follows:
    // a delete marker, a later family's hidden cells, or an older version the wildcard version
    // count steps onto keep it partial; an explicit column seeks past its older versions.
    test("a full batch Result is partial when hidden cells of the row follow it", async () => {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("a").addColumn("f", "q1", "1").addColumn("f", "q2", "2"));
      await table.put(new Put("b").addColumn("f", "q1", "1").addColumn("f", "q2", "2").addColumn("f", "q3", "3"));
      await table.delete(new Delete("b").addColumns("f", "q3"));
      await table.put(new Put("c").addColumn("f", "q1", "1").addColumn("f", "q2", "2").addColumn("g", "x", "3"));
      await table.delete(new Delete("c").addFamily("g"));
      await table.put(new Put("d").addColumn("f", "q1", "old", 1n).addColumn("f", "q2", "old", 1n));
      await table.put(new Put("d").addColumn("f", "q1", "new", 2n).addColumn("f", "q2", "new", 2n));
      expect(shape(await scanAll(table, new Scan().setBatch(2)))).toEqual([
        ["a", 2, false], ["b", 2, true], ["c", 2, true], ["d", 2, true],
      ]);
      const explicit = new Scan().addColumn("f", "q1").addColumn("f", "q2").withStartRow("d").setBatch(2);
      expect(shape(await scanAll(table, explicit))).toEqual([["d", 2, false]]);
    });

    test("batch counts versions as cells", async () => {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 5 }]);
      for (const ts of [1n, 2n, 3n]) await table.put(new Put("r").addColumn("f", "q", `t${ts}`, ts));
      const results = await scanAll(table, new Scan().readAllVersions().setBatch(2));
      expect(results.map(cellsOf).map((cs) => cs.map((c) => c.ts))).toEqual([[3n, 2n], [1n]]);
      expect(results.map((r) => r.mayHaveMoreCellsInRow)).toEqual([true, false]);
    });

    test("a reversed scan with batch returns each row's chunks in ascending cell order", async () => {
      const table = await wideRows([3, 3]);
      const results = await scanAll(table, new Scan().setReversed(true).setBatch(2));
      expect(shape(results)).toEqual([["r1", 2, true], ["r1", 1, false], ["r0", 2, true], ["r0", 1, false]]);
      const reversedRows = cellsOfAll(await scanAll(table, new Scan().setReversed(true)));
      expect(cellsOfAll(results)).toEqual(reversedRows);
      expect(cellsOf(results[0]).map((c) => c.qualifier)).toEqual(["q0", "q2"]);
    });

    test("caching does not change the rows or cells returned", async () => {
      const table = await wideRows([1, 3, 2, 4, 1, 2], ["r2", "r4"]);
      const expected = cellsOfAll(await scanAll(table));
      for (const caching of [1, 2, 5, 1000]) {
        const results = await scanAll(table, new Scan().setCaching(caching));
        expect(rowsOf(results)).toEqual(["r0", "r1", "r2", "r3", "r4", "r5"]);
        expect(cellsOfAll(results)).toEqual(expected);
      }
    });

    test("a tiny maxResultSize still returns whole rows when partial Results are not allowed", async () => {
      const table = await wideRows([3, 5, 1], ["r1"]);
      const expected = await scanAll(table);
      const results = await scanAll(table, new Scan().setMaxResultSize(1));
      expect(results.map(cellsOf)).toEqual(expected.map(cellsOf));
      expect(results.every((r) => !r.mayHaveMoreCellsInRow)).toBe(true);
    });

    test("maxResultSize combined with caching 1 and a reversed scan returns the same cells", async () => {
      const table = await wideRows([2, 4, 3], ["r1", "r2"]);
      const expected = await scanAll(table, new Scan().setReversed(true));
      const results = await scanAll(table, new Scan().setReversed(true).setCaching(1).setMaxResultSize(10));
      expect(results.map(cellsOf)).toEqual(expected.map(cellsOf));
    });

    // [inf] §3.4: how a size limit cuts a row into partial Results is server-specific; only the
    // stitched content and the flag discipline are asserted.
    test("with partial Results allowed, chunks stitch back into the same rows", async () => {
      const table = await wideRows([3, 5, 1]);
      const expected = cellsOfAll(await scanAll(table));
      const results = await scanAll(table, new Scan().setMaxResultSize(1).setAllowPartialResults(true));
      expect(cellsOfAll(results)).toEqual(expected);
      for (let i = 0; i < results.length; i++) {
        expect(new Set(cellsOf(results[i]).map((c) => c.row)).size).toBe(1);
        const next = results[i + 1];
        const sameRowNext = next !== undefined && cellsOf(next)[0].row === cellsOf(results[i])[0].row;
        expect(results[i].mayHaveMoreCellsInRow).toBe(sameRowNext);
      }
    });

    test("batch across the regions of a pre-split table returns every cell once", async () => {
      const table = await wideRows([3, 3, 3, 3], ["r1", "r3"]);
      const expected = cellsOfAll(await scanAll(table));
      const results = await scanAll(table, new Scan().setBatch(2).setCaching(1));
      expect(results.map((r) => r.size)).toEqual([2, 1, 2, 1, 2, 1, 2, 1]);
      expect(cellsOfAll(results)).toEqual(expected);
    });

    // [inf] §3.2: the row limit counts rows, not the chunks batch cuts them into.
    test("a row limit counts whole rows when batch splits them", async () => {
      const table = await wideRows([3, 3, 3]);
      const results = await scanAll(table, new Scan().setBatch(2).setLimit(2));
      expect(shape(results)).toEqual([["r0", 2, true], ["r0", 1, false], ["r1", 2, true], ["r1", 1, false]]);
    });
  });
}
