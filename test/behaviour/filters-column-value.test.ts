// ColumnValueFilter and BinaryComponentComparator through the public API (data-semantics.md §5.6,
// §5.7), as HBase 2.x defines them: only the matching cells of one column come back (never the
// rest of the row), every version of the column is tested on its own, NO_OP returns nothing, and
// Bit, Null, Long and component comparators work inside it. Runs on every behaviour backend.

import { describe, expect, test } from "bun:test";
import {
  BinaryComparator, BinaryComponentComparator, BitComparator, BitwiseOp, ColumnValueFilter, CompareOperator, FilterList,
  FilterListOperator, Get, LongComparator, NullComparator, Put, Scan, ShaleError, SingleColumnValueFilter, type Table,
  ValueFilter, longToBytes, toBytes,
} from "../../src/index.ts";
import { backends } from "./backends.ts";
import { cellsOf, createTable, expectError, scanAll, useStore } from "./fixtures.ts";

const b = toBytes;
const { LESS, EQUAL, NOT_EQUAL, GREATER, NO_OP } = CompareOperator;

function columnValue(family: string, qualifier: string, op: CompareOperator, comparator: ColumnValueFilter["comparator"]) {
  return new ColumnValueFilter({ family: b(family), qualifier: b(qualifier), op, comparator });
}

for (const backend of backends) {
  describe(`ColumnValueFilter [${backend.name}]`, () => {
    const store = useStore(backend);

    /** Rows a, b, c; f:q has versions 1..3 ("v1".."v3"), f:n an 8-byte long, f:p and g:q other cells. */
    async function sample(): Promise<Table> {
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 3 }, "g"]);
      for (const [i, row] of ["a", "b", "c"].entries()) {
        const put = new Put(row).addColumn("f", "n", longToBytes(BigInt(i)), 1n).addColumn("f", "p", `${row}-p`, 1n)
          .addColumn("g", "q", `${row}-g`, 1n);
        for (let v = 1; v <= 3; v++) put.addColumn("f", "q", `${row}${v}`, BigInt(v));
        await table.put(put);
      }
      return table;
    }

    async function scanWith(table: Table, scan: Scan): Promise<string[]> {
      return (await scanAll(table, scan)).flatMap((r) => cellsOf(r).map((c) => `${c.row}/${c.family}:${c.qualifier}@${c.ts}=${c.value}`));
    }

    test("returns only the matching cells of the column, never the rest of the row", async () => {
      const t = await sample();
      expect(await scanWith(t, new Scan().setFilter(columnValue("f", "q", EQUAL, new BinaryComparator(b("b3"))))))
        .toEqual(["b/f:q@3=b3"]);
      const single = new SingleColumnValueFilter({ family: b("f"), qualifier: b("q"), op: EQUAL, comparator: new BinaryComparator(b("b3")) });
      expect((await scanWith(t, new Scan().setFilter(single))).length).toBe(4);
    });

    test("tests each version it is given on its own", async () => {
      const t = await sample();
      const scan = new Scan().readVersions(3).setFilter(columnValue("f", "q", LESS, new BinaryComparator(b("b3"))));
      expect(await scanWith(t, scan)).toEqual(["a/f:q@3=a3", "a/f:q@2=a2", "a/f:q@1=a1", "b/f:q@2=b2", "b/f:q@1=b1"]);
      // The filter runs before versions are counted (§5.3): a skipped newest version lets the next one in.
      const newest = new Scan().setFilter(columnValue("f", "q", LESS, new BinaryComparator(b("b3"))));
      expect(await scanWith(t, newest)).toEqual(["a/f:q@3=a3", "b/f:q@2=b2"]);
    });

    test("NO_OP, a column the row lacks and a Get by row all return what HBase returns", async () => {
      const t = await sample();
      expect(await scanWith(t, new Scan().setFilter(columnValue("f", "q", NO_OP, new BinaryComparator(b("a1")))))).toEqual([]);
      expect(await scanWith(t, new Scan().setFilter(columnValue("f", "zz", NOT_EQUAL, new BinaryComparator(b("x")))))).toEqual([]);
      expect(await scanWith(t, new Scan().setFilter(columnValue("f", "", NOT_EQUAL, new BinaryComparator(b("x")))))).toEqual([]);
      const got = await t.get(new Get("c").setFilter(columnValue("g", "q", GREATER, new BinaryComparator(b("a")))));
      expect(cellsOf(got).map((c) => `${c.family}:${c.qualifier}=${c.value}`)).toEqual(["g:q=c-g"]);
    });

    test("Bit, Null, Long and BinaryComponent comparators select inside it", async () => {
      const t = await sample();
      const cv = (cmp: ColumnValueFilter["comparator"], op: CompareOperator = EQUAL, q = "q") => new Scan().setFilter(columnValue("f", q, op, cmp));
      // "cell OP operand": only row a's long (0) is below 1.
      expect(await scanWith(t, cv(new LongComparator(1n), LESS, "n"))).toEqual(["a/f:n@1=\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"]);
      expect(await scanWith(t, cv(new BinaryComponentComparator(b("3"), 1)))).toEqual(["a/f:q@3=a3", "b/f:q@3=b3", "c/f:q@3=c3"]);
      expect(await scanWith(t, cv(new BinaryComponentComparator(b("b"), 0), GREATER))).toEqual(["c/f:q@3=c3"]);
      expect(await scanWith(t, cv(new NullComparator()))).toEqual([]);
      expect((await scanWith(t, cv(new NullComparator(), NOT_EQUAL))).length).toBe(3);
      // "a3" XOR "a3" is all zero bytes, so row a's newest version is skipped and the next one counts.
      expect(await scanWith(t, cv(new BitComparator(b("a3"), BitwiseOp.XOR)))).toEqual(["a/f:q@2=a2", "b/f:q@3=b3", "c/f:q@3=c3"]);
    });

    test("combines with other filters in a FilterList", async () => {
      const t = await sample();
      const list = new FilterList(FilterListOperator.MUST_PASS_ONE, [
        columnValue("f", "q", EQUAL, new BinaryComparator(b("a3"))),
        new ValueFilter(EQUAL, new BinaryComparator(b("c-g"))),
      ]);
      expect(await scanWith(t, new Scan().setFilter(list))).toEqual(["a/f:q@3=a3", "c/g:q@1=c-g"]);
    });

    test("a component offset at or past a value's end fails the read with a retryable IOException", async () => {
      const t = await sample();
      const get = new Get("a").setFilter(columnValue("f", "q", EQUAL, new BinaryComponentComparator(b("x"), 2)));
      await expectError(() => t.get(get), ShaleError);
    }, 30_000);
  });
}
