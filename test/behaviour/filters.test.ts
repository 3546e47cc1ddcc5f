// Filters through the public API (data-semantics.md §5): every filter and comparator on a small
// table, the scan-ending filters across the regions of a pre-split table (PageFilter counts per
// region, WhileMatchFilter truncates, InclusiveStopFilter stops), filters and versions (§5.3),
// batch with a whole-row filter, and the filter form of checkAndMutate.

import { describe, expect, test } from "bun:test";
import {
  BinaryComparator, BinaryPrefixComparator, BitComparator, BitwiseOp, CheckAndMutate, ColumnCountGetFilter,
  ColumnPaginationFilter, ColumnPrefixFilter, ColumnRangeFilter, CompareOperator, DependentColumnFilter, FamilyFilter,
  type Filter, FilterList, FilterListOperator, FirstKeyOnlyFilter, FuzzyRowFilter, Get, IncompatibleFilterError,
  InclusiveStopFilter, KeyOnlyFilter, LongComparator, MultiRowRangeFilter, MultipleColumnPrefixFilter, NullComparator,
  PageFilter, PrefixFilter, Put, QualifierFilter, RandomRowFilter, RegexStringComparator, RowFilter, Scan,
  SingleColumnValueExcludeFilter, SingleColumnValueFilter, SkipFilter, SubstringComparator, type Table,
  TimestampsFilter, ValueFilter, WhileMatchFilter, longToBytes, toBytes,
} from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cellsOf, createTable, expectError, rowsOf, scanAll, useStore } from "./fixtures.ts";

const b = toBytes;
const { LESS, EQUAL, NOT_EQUAL, GREATER_OR_EQUAL, GREATER } = CompareOperator;

for (const backend of backends) {
  describe(`Filters [${backend.name}]`, () => {
    const store = useStore(backend);

    /** Rows r1..r5; family f has a, b, c (value "<row>-<q>"), family g has x. */
    async function sample(splitKeys?: string[]): Promise<Table> {
      const table = await createTable(store.conn, ["f", "g"], { splitKeys });
      for (let i = 1; i <= 5; i++) {
        const row = `r${i}`;
        await table.put(new Put(row).addColumn("f", "a", `${row}-a`, 1n).addColumn("f", "b", `${row}-b`, 1n)
          .addColumn("f", "c", `${row}-c`, 1n).addColumn("g", "x", `${row}-x`, 1n));
      }
      return table;
    }

    async function scanWith(table: Table, filter: Filter, scan = new Scan()): Promise<string[][]> {
      return (await scanAll(table, scan.setFilter(filter))).map((r) => cellsOf(r).map((c) => `${c.row}/${c.family}:${c.qualifier}=${c.value}`));
    }

    async function rowsWith(table: Table, filter: Filter, scan = new Scan()): Promise<string[]> {
      return rowsOf(await scanAll(table, scan.setFilter(filter)));
    }

    test("row filters select rows: PrefixFilter, RowFilter in every direction, InclusiveStopFilter, MultiRowRangeFilter, FuzzyRowFilter", async () => {
      const t = await sample();
      const all = ["r1", "r2", "r3", "r4", "r5"];
      expect(await rowsWith(t, new PrefixFilter(b("r3")))).toEqual(["r3"]);
      expect(await rowsWith(t, new PrefixFilter(b("r")))).toEqual(all);
      expect(await rowsWith(t, new RowFilter(LESS, new BinaryComparator(b("r3"))))).toEqual(["r1", "r2"]);
      expect(await rowsWith(t, new RowFilter(GREATER_OR_EQUAL, new BinaryComparator(b("r4"))))).toEqual(["r4", "r5"]);
      expect(await rowsWith(t, new RowFilter(NOT_EQUAL, new BinaryComparator(b("r2"))))).toEqual(["r1", "r3", "r4", "r5"]);
      expect(await rowsWith(t, new RowFilter(EQUAL, new RegexStringComparator("^r[24]$")))).toEqual(["r2", "r4"]);
      expect(await rowsWith(t, new InclusiveStopFilter(b("r3")))).toEqual(["r1", "r2", "r3"]);
      expect(await rowsWith(t, new InclusiveStopFilter(b("r3")), new Scan().setReversed(true))).toEqual(["r5", "r4", "r3"]);
      const ranges = [
        { startRow: b("r4"), startRowInclusive: true, stopRow: b("r5"), stopRowInclusive: true },
        { startRow: b("r1"), startRowInclusive: false, stopRow: b("r2"), stopRowInclusive: true },
      ];
      expect(await rowsWith(t, new MultiRowRangeFilter(ranges))).toEqual(["r2", "r4", "r5"]);
      expect(await rowsWith(t, new FuzzyRowFilter([{ key: b("r?"), mask: new Uint8Array([0, 1]) }]))).toEqual(all);
      expect(await rowsWith(t, new FuzzyRowFilter([{ key: b("x3"), mask: new Uint8Array([1, 0]) }]))).toEqual(["r3"]);
      expect(await rowsWith(t, new RandomRowFilter(2))).toEqual(all);
      expect(await rowsWith(t, new RandomRowFilter(-1))).toEqual([]);
    });

    test("cell filters select cells: family, qualifier, value with each comparator, column prefixes and ranges", async () => {
      const t = await sample();
      const one = new Scan().withStartRow("r2").withStopRow("r2", true);
      expect(await scanWith(t, new FamilyFilter(EQUAL, new BinaryComparator(b("g"))), one)).toEqual([["r2/g:x=r2-x"]]);
      expect(await scanWith(t, new QualifierFilter(GREATER, new BinaryComparator(b("a"))), one)).toEqual([["r2/f:b=r2-b", "r2/f:c=r2-c", "r2/g:x=r2-x"]]);
      expect(await scanWith(t, new ValueFilter(LESS, new BinaryComparator(b("r2-b"))), one)).toEqual([["r2/f:a=r2-a"]]);
      expect(await scanWith(t, new ValueFilter(EQUAL, new BinaryPrefixComparator(b("r2-c"))), one)).toEqual([["r2/f:c=r2-c"]]);
      expect(await scanWith(t, new ValueFilter(EQUAL, new SubstringComparator("R2-X")), one)).toEqual([["r2/g:x=r2-x"]]);
      expect(await scanWith(t, new ValueFilter(EQUAL, new RegexStringComparator("-[ab]$")), one)).toEqual([["r2/f:a=r2-a", "r2/f:b=r2-b"]]);
      expect(await scanWith(t, new ValueFilter(EQUAL, new NullComparator()), one)).toEqual([]);
      expect(await scanWith(t, new ValueFilter(NOT_EQUAL, new NullComparator()), one)).toEqual([["r2/f:a=r2-a", "r2/f:b=r2-b", "r2/f:c=r2-c", "r2/g:x=r2-x"]]);
      expect(await scanWith(t, new ColumnPrefixFilter(b("b")), one)).toEqual([["r2/f:b=r2-b"]]);
      expect(await scanWith(t, new MultipleColumnPrefixFilter([b("c"), b("a")]), one)).toEqual([["r2/f:a=r2-a", "r2/f:c=r2-c"]]);
      expect(await scanWith(t, new ColumnRangeFilter({ minColumn: b("a"), minColumnInclusive: false, maxColumn: b("x"), maxColumnInclusive: true }), one))
        .toEqual([["r2/f:b=r2-b", "r2/f:c=r2-c", "r2/g:x=r2-x"]]);
      // An empty exclusive upper bound is a bound (nothing sorts below ""), not a missing one.
      expect(await scanWith(t, new ColumnRangeFilter({ maxColumn: b(""), maxColumnInclusive: false }), one)).toEqual([]);
    });

    test("LongComparator and BitComparator compare numbers and bit masks", async () => {
      const t = await createTable(store.conn, ["f"]);
      for (const [row, n] of [["a", -5n], ["b", 7n], ["c", 300n]] as const) await t.put(new Put(row).addColumn("f", "n", longToBytes(n), 1n));
      expect(await rowsWith(t, new ValueFilter(GREATER, new LongComparator(0n)))).toEqual(["b", "c"]);
      expect(await rowsWith(t, new ValueFilter(EQUAL, new BitComparator(longToBytes(4n), BitwiseOp.AND)))).toEqual(["b", "c"]);
    });

    test("key and first-cell filters: KeyOnlyFilter empties values, FirstKeyOnlyFilter keeps one cell, pagination counts columns", async () => {
      const t = await sample();
      const one = new Scan().withStartRow("r1").withStopRow("r1", true);
      expect(await scanWith(t, new KeyOnlyFilter(), one)).toEqual([["r1/f:a=", "r1/f:b=", "r1/f:c=", "r1/g:x="]]);
      const lens = await scanAll(t, new Scan().withStartRow("r1").withStopRow("r1", true).setFilter(new KeyOnlyFilter(true)));
      expect([...lens[0].cells[0].value]).toEqual([0, 0, 0, 4]);
      expect(await scanWith(t, new FirstKeyOnlyFilter(), one)).toEqual([["r1/f:a=r1-a"]]);
      expect(await scanWith(t, new ColumnPaginationFilter(2, 1), one)).toEqual([["r1/f:b=r1-b", "r1/f:c=r1-c"]]);
      expect(await scanWith(t, new ColumnPaginationFilter(2, 3), one)).toEqual([["r1/g:x=r1-x"]]);
      expect(await scanWith(t, new ColumnPaginationFilter(1, b("b")), one)).toEqual([["r1/f:b=r1-b"]]);
      const get = await t.get(new Get("r1").setFilter(new ColumnCountGetFilter(2)));
      expect(cellsOf(get).map((c) => c.qualifier)).toEqual(["a", "b"]);
    });

    test("SingleColumnValueFilter keeps whole rows; filterIfMissing drops rows without the column; the Exclude form removes it", async () => {
      const t = await createTable(store.conn, ["f"]);
      await t.put(new Put("a").addColumn("f", "s", "on", 1n).addColumn("f", "v", "1", 1n));
      await t.put(new Put("b").addColumn("f", "s", "off", 1n).addColumn("f", "v", "2", 1n));
      await t.put(new Put("c").addColumn("f", "v", "3", 1n));
      const scvf = () => new SingleColumnValueFilter({ family: b("f"), qualifier: b("s"), op: EQUAL, comparator: new BinaryComparator(b("on")) });
      expect(await rowsWith(t, scvf())).toEqual(["a", "c"]);
      expect(await rowsWith(t, scvf().setFilterIfMissing(true))).toEqual(["a"]);
      const exclude = new SingleColumnValueExcludeFilter({ family: b("f"), qualifier: b("s"), op: EQUAL, comparator: new BinaryComparator(b("on")), filterIfMissing: true });
      expect(await scanWith(t, exclude)).toEqual([["a/f:v=1"]]);
    });

    test("SingleColumnValueFilter with latestVersionOnly=false passes when any delivered version matches", async () => {
      const t = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await t.put(new Put("a").addColumn("f", "s", "on", 1n));
      await t.put(new Put("a").addColumn("f", "s", "off", 2n));
      const scvf = (latest: boolean) => new SingleColumnValueFilter({ family: b("f"), qualifier: b("s"), op: EQUAL, comparator: new BinaryComparator(b("on")), latestVersionOnly: latest });
      expect(await rowsWith(t, scvf(true))).toEqual([]);
      expect(await rowsWith(t, scvf(false))).toEqual(["a"]);
    });

    test("DependentColumnFilter keeps cells sharing a timestamp with the reference column, and can drop it", async () => {
      const t = await createTable(store.conn, ["f"]);
      await t.put(new Put("a").addColumn("f", "ref", "r", 5n).addColumn("f", "x", "x5", 5n).addColumn("f", "y", "y6", 6n));
      expect(await scanWith(t, new DependentColumnFilter({ family: b("f"), qualifier: b("ref") }))).toEqual([["a/f:ref=r", "a/f:x=x5"]]);
      expect(await scanWith(t, new DependentColumnFilter({ family: b("f"), qualifier: b("ref"), dropDependentColumn: true }))).toEqual([["a/f:x=x5"]]);
    });

    test("SkipFilter drops a row when any cell fails; FilterList ANDs and ORs, nested", async () => {
      const t = await sample();
      expect(await rowsWith(t, new SkipFilter(new ValueFilter(NOT_EQUAL, new BinaryComparator(b("r3-b")))))).toEqual(["r1", "r2", "r4", "r5"]);
      const or = new FilterList(FilterListOperator.MUST_PASS_ONE, [new PrefixFilter(b("r1")), new PrefixFilter(b("r4"))]);
      expect(await rowsWith(t, or)).toEqual(["r1", "r4"]);
      const and = new FilterList(FilterListOperator.MUST_PASS_ALL, [or, new FamilyFilter(EQUAL, new BinaryComparator(b("g")))]);
      expect(await scanWith(t, and)).toEqual([["r1/g:x=r1-x"], ["r4/g:x=r4-x"]]);
      expect(await rowsWith(t, new FilterList())).toEqual(["r1", "r2", "r3", "r4", "r5"]);
    });

    test("TimestampsFilter with Get maxVersions=1 returns the named older version (§5.7)", async () => {
      const t = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      for (const ts of [1n, 2n, 3n]) await t.put(new Put("a").addColumn("f", "q", `v${ts}`, ts));
      const got = await t.get(new Get("a").setFilter(new TimestampsFilter([2n])));
      expect(cellsOf(got).map((c) => c.value)).toEqual(["v2"]);
    });

    test("with a filter the family's VERSIONS reach the filter and the query's maxVersions caps what it includes (§5.3)", async () => {
      const t = await createTable(store.conn, [{ name: "f", maxVersions: 3 }]);
      await t.put(new Put("a").addColumn("f", "q", "y", 1n));
      await t.put(new Put("a").addColumn("f", "q", "x", 2n));
      await t.put(new Put("a").addColumn("f", "q", "z", 3n));
      const got = await t.get(new Get("a").readVersions(1).setFilter(new ValueFilter(EQUAL, new BinaryComparator(b("x")))));
      expect(cellsOf(got).map((c) => `${c.ts}:${c.value}`)).toEqual(["2:x"]);
      const two = await t.get(new Get("a").readVersions(2).setFilter(new ValueFilter(NOT_EQUAL, new BinaryComparator(b("z")))));
      expect(cellsOf(two).map((c) => c.value)).toEqual(["x", "y"]);
    });

    test("PageFilter counts rows per region, so a scan over two regions returns a page from each", async () => {
      const t = await sample(["r3"]);
      expect(await rowsWith(t, new PageFilter(2))).toEqual(["r1", "r2", "r3", "r4"]);
      expect(await rowsWith(t, new PageFilter(2), new Scan().setReversed(true))).toEqual(["r5", "r4", "r2", "r1"]);
      expect(await rowsWith(t, new PageFilter(0))).toEqual([]);
    });

    test("WhileMatchFilter ends the whole scan at the first failing row, across regions", async () => {
      const t = await sample(["r2", "r4"]);
      expect(await rowsWith(t, new WhileMatchFilter(new RowFilter(LESS, new BinaryComparator(b("r3")))))).toEqual(["r1", "r2"]);
      const prefix = new WhileMatchFilter(new PrefixFilter(b("r1")));
      expect(await rowsWith(t, prefix)).toEqual(["r1"]);
    });

    test("WhileMatchFilter returns the row in progress truncated to the cells before the first failing cell", async () => {
      const t = await sample();
      const results = await scanWith(t, new WhileMatchFilter(new QualifierFilter(NOT_EQUAL, new BinaryComparator(b("b")))), new Scan().withStartRow("r2"));
      expect(results).toEqual([["r2/f:a=r2-a"]]);
    });

    test("InclusiveStopFilter and PrefixFilter stop a scan that spans regions", async () => {
      const t = await sample(["r2", "r4"]);
      expect(await rowsWith(t, new InclusiveStopFilter(b("r2")))).toEqual(["r1", "r2"]);
      expect(await rowsWith(t, new PrefixFilter(b("r4")))).toEqual(["r4"]);
      expect(await rowsWith(t, new PrefixFilter(b("r2")), new Scan().setReversed(true))).toEqual(["r2"]);
    });

    // HBase's client refuses setBatch after such a filter; its server fails only when the limit
    // is reached inside a row, so a scan whose rows all fit the batch runs.
    test("batch with a filter that needs whole rows is refused with IncompatibleFilterError", async () => {
      const t = await sample();
      await expectError(() => new Scan().setFilter(new PageFilter(1)).setBatch(2), IncompatibleFilterError);
      const skip = () => new SkipFilter(new ValueFilter(NOT_EQUAL, new BinaryComparator(b("x"))));
      await expectError(() => scanAll(t, new Scan().setBatch(2).setFilter(skip())), IncompatibleFilterError);
      expect((await scanAll(t, new Scan().setBatch(10).setFilter(skip()))).length).toBeGreaterThan(0);
      expect((await scanAll(t, new Scan().setBatch(2).setFilter(new PrefixFilter(b("r1"))))).length).toBe(2);
    });

    test("checkAndMutate with a filter passes iff the filtered Get of the row returns a cell", async () => {
      const t = await sample();
      const pass = await t.checkAndMutate(CheckAndMutate.newBuilder("r1").ifMatches(new ValueFilter(EQUAL, new BinaryComparator(b("r1-b"))))
        .build(new Put("r1").addColumn("f", "d", "new", 9n)));
      expect(pass.success).toBe(true);
      const fail = await t.checkAndMutate(CheckAndMutate.newBuilder("r1").ifMatches(new ValueFilter(EQUAL, new BinaryComparator(b("nope"))))
        .build(new Put("r1").addColumn("f", "e", "never", 9n)));
      expect(fail.success).toBe(false);
      const row = await t.get(new Get("r1").addFamily("f"));
      expect(cellsOf(row).map((c) => c.qualifier)).toEqual(["a", "b", "c", "d"]);
    });

    test("the caller's filter object keeps no state between reads", async () => {
      const t = await sample();
      const page = new PageFilter(1);
      expect(await rowsWith(t, page)).toEqual(["r1"]);
      expect(await rowsWith(t, page)).toEqual(["r1"]);
    });
  });
}
