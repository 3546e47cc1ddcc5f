// A reversed scan whose filter leaves some family non-essential (HBase's Filter.isFamilyEssential:
// SingleColumnValueFilter with filterIfMissing needs only its own family, ColumnValueFilter only
// its family) would need the "joined heap" that reads such families on demand. HBase's reversed
// region scanner has none and refuses the scan with DoNotRetryIOException as it opens, unless the
// scan turns loading on demand off (data-semantics.md §5.1). Runs on every behaviour backend.

import { describe, expect, test } from "bun:test";
import {
  BinaryComparator, ColumnValueFilter, CompareOperator, DoNotRetryIOError, FilterList, FilterListOperator, Get, Put, Scan,
  SingleColumnValueFilter, SkipFilter, type Table, ValueFilter, toBytes,
} from "../../src/index.ts";
import { backends } from "./backends.ts";
import { createTable, expectError, rowsOf, scanAll, useStore } from "./fixtures.ts";

const b = toBytes;
const { EQUAL } = CompareOperator;

function singleColumn(filterIfMissing: boolean) {
  return new SingleColumnValueFilter({ family: b("f"), qualifier: b("q"), op: EQUAL, comparator: new BinaryComparator(b("yes")), filterIfMissing });
}

for (const backend of backends) {
  describe(`reversed scans loading families on demand [${backend.name}]`, () => {
    const store = useStore(backend);

    async function sample(): Promise<Table> {
      const table = await createTable(store.conn, ["f", "g"]);
      await table.put(new Put("a").addColumn("f", "q", "yes").addColumn("g", "x", "1"));
      await table.put(new Put("b").addColumn("f", "q", "no").addColumn("g", "x", "2"));
      await table.put(new Put("c").addColumn("g", "x", "3"));
      return table;
    }

    test("a reversed scan with SingleColumnValueFilter(filterIfMissing) over two families is refused", async () => {
      const t = await sample();
      await expectError(() => scanAll(t, new Scan().setReversed(true).setFilter(singleColumn(true))), DoNotRetryIOError,
        /Reverse scan with loading CFs on demand is not supported/);
      const inList = new FilterList(FilterListOperator.MUST_PASS_ALL, [new SkipFilter(new ValueFilter(CompareOperator.NOT_EQUAL, new BinaryComparator(b("zz")))), singleColumn(true)]);
      // The list needs a family when any member does; SkipFilter needs all: so this one is allowed.
      expect(rowsOf(await scanAll(t, new Scan().setReversed(true).setFilter(inList)))).toEqual(["a"]);
      const column = new ColumnValueFilter({ family: b("f"), qualifier: b("q"), op: EQUAL, comparator: new BinaryComparator(b("yes")) });
      await expectError(() => scanAll(t, new Scan().setReversed(true).setFilter(column)), DoNotRetryIOError);
    });

    test("the same scan runs when every scanned family is essential, or loading on demand is off", async () => {
      const t = await sample();
      expect(rowsOf(await scanAll(t, new Scan().setReversed(true).setFilter(singleColumn(false))))).toEqual(["c", "a"]);
      expect(rowsOf(await scanAll(t, new Scan().setReversed(true).addFamily("f").setFilter(singleColumn(true))))).toEqual(["a"]);
      const off = new Scan().setReversed(true).setFilter(singleColumn(true)).setLoadColumnFamiliesOnDemand(false);
      expect(rowsOf(await scanAll(t, off))).toEqual(["a"]);
      // Forward scans and Gets have the joined heap: the same filter is fine there.
      expect(rowsOf(await scanAll(t, new Scan().setFilter(singleColumn(true))))).toEqual(["a"]);
      expect((await t.get(new Get("a").setFilter(singleColumn(true)))).isEmpty).toBe(false);
    });
  });
}
