// The fixed edge-case corpus: section 10 of the semantics sheet (data-semantics.md, "First
// conformance tests to write"), one named case per item (several for the items with variants), plus
// a few more edges of sections 2-5. Item 14 (HFile bulk load) is not reachable through the client.
package shale.differential;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hbase.CompareOperator;
import org.apache.hadoop.hbase.filter.BinaryComponentComparator;
import org.apache.hadoop.hbase.filter.BitComparator;
import org.apache.hadoop.hbase.filter.ColumnCountGetFilter;
import org.apache.hadoop.hbase.filter.ColumnValueFilter;
import org.apache.hadoop.hbase.filter.InclusiveStopFilter;
import org.apache.hadoop.hbase.filter.LongComparator;
import org.apache.hadoop.hbase.filter.NullComparator;
import org.apache.hadoop.hbase.filter.PageFilter;
import org.apache.hadoop.hbase.filter.PrefixFilter;
import org.apache.hadoop.hbase.filter.BinaryComparator;
import org.apache.hadoop.hbase.filter.TimestampsFilter;
import org.apache.hadoop.hbase.filter.ValueFilter;
import org.apache.hadoop.hbase.filter.WhileMatchFilter;
import org.apache.hadoop.hbase.util.Bytes;
import shale.differential.Specs.AmountSpec;
import shale.differential.Specs.CellSpec;
import shale.differential.Specs.Column;
import shale.differential.Specs.DeleteItem;
import shale.differential.Specs.DeleteKind;
import shale.differential.Specs.DeleteSpec;
import shale.differential.Specs.FilterSpec;
import shale.differential.Specs.GetSpec;
import shale.differential.Specs.IncrementSpec;
import shale.differential.Specs.MutationSpec;
import shale.differential.Specs.PutSpec;
import shale.differential.Specs.ReadOptions;
import shale.differential.Specs.RowSpec;
import shale.differential.Specs.ScanSpec;

final class Corpus {
  record Case(String name, List<Op> ops) {}

  private final long base;
  private final List<Case> cases = new ArrayList<>();

  private Corpus(long base) {
    this.base = base;
  }

  static List<Case> cases(long base) {
    Corpus c = new Corpus(base);
    c.build();
    return c.cases;
  }

  // ---- small builders -------------------------------------------------------------------------

  PutSpec put(String row, String fam, String q, long ts, String value) {
    return new PutSpec(row, List.of(new CellSpec(fam, q, ts, value)), null, null, null, base);
  }

  DeleteSpec del(String row, DeleteKind kind, String fam, String q, long ts) {
    return new DeleteSpec(row, null, List.of(new DeleteItem(kind, fam, q, ts)), base);
  }

  ReadOptions opts(int versions, FilterSpec filter, Column... cols) {
    return new ReadOptions(List.of(cols), versions, null, null, filter, -1, 0);
  }

  ReadOptions range(int versions, long min, long max, Column... cols) {
    return new ReadOptions(List.of(cols), versions, min, max, null, -1, 0);
  }

  Op get(String row, ReadOptions o) {
    return Ops.get(new GetSpec(row, o, false, base));
  }

  Op getAll(String row, int versions) {
    return get(row, opts(versions, null));
  }

  Op scan(ReadOptions o, boolean reversed, boolean raw, int batch, long maxResultSize, boolean partial) {
    return Ops.scan(new ScanSpec(null, true, null, false, reversed, 0, batch, 0, maxResultSize, partial, raw, o, base));
  }

  Op scanAll(int versions) {
    return scan(opts(versions, null), false, false, 0, 0, false);
  }

  Op rawScan() {
    return scan(opts(10, null), false, true, 0, 0, false);
  }

  static FilterSpec filter(String text, java.util.function.Supplier<org.apache.hadoop.hbase.filter.Filter> make, boolean row) {
    return new FilterSpec(text, make, row);
  }

  void add(String name, Op... ops) {
    cases.add(new Case(name, List.of(ops)));
  }

  static final Column F = new Column("f", null);
  static final Column FQ = new Column("f", "q");

  // ---- the cases ------------------------------------------------------------------------------

  void build() {
    // 1. Ordering: a Put and each marker kind at the same coordinates; empty qualifier vs
    //    DeleteFamily; rows that are prefixes of each other; bytes >= 0x80.
    add("ordering-put-and-each-marker-same-ts",
        Ops.mutate(put("o1", "f", "q", 5, "v")), Ops.mutate(put("o2", "f", "q", 5, "v")),
        Ops.mutate(put("o3", "f", "q", 5, "v")), Ops.mutate(put("o4", "f", "q", 5, "v")),
        Ops.mutate(del("o1", DeleteKind.COLUMN, "f", "q", 5)), Ops.mutate(del("o2", DeleteKind.COLUMNS, "f", "q", 5)),
        Ops.mutate(del("o3", DeleteKind.FAMILY, "f", null, 5)), Ops.mutate(del("o4", DeleteKind.FAMILY_VERSION, "f", null, 5)),
        rawScan(), scanAll(3), Ops.flush(), rawScan(), scanAll(3));
    add("ordering-empty-qualifier-vs-delete-family",
        Ops.mutate(put("e", "f", "", 5, "empty-q")), Ops.mutate(put("e", "f", "q", 5, "q")),
        Ops.mutate(del("e", DeleteKind.FAMILY, "f", null, 4)), getAll("e", 3),
        Ops.mutate(del("e", DeleteKind.FAMILY, "f", null, 5)), getAll("e", 3), rawScan());
    add("ordering-prefix-rows-and-high-bytes",
        Ops.mutate(put("a", "f", "q", 1, "1")), Ops.mutate(put("ab", "f", "q", 1, "2")),
        Ops.mutate(put("a\\x00", "f", "q", 1, "3")), Ops.mutate(put("\\x80", "f", "q", 1, "4")),
        Ops.mutate(put("\\xFF", "f", "q", 1, "5")), Ops.mutate(put("\\x7F", "f", "q", 1, "6")),
        Ops.mutate(put("a", "f", "\\xFF", 1, "7")), Ops.mutate(put("a", "f", "\\x00", 1, "8")),
        scanAll(1), scan(opts(1, null), true, false, 0, 0, false), Ops.flush(), scanAll(1),
        scan(opts(1, null), true, false, 0, 0, false));

    // 2. Delete then Put at an older or equal ts (hidden); major compaction; Put again (visible).
    add("delete-then-put-older-hidden-until-major-compaction",
        Ops.mutate(del("d", DeleteKind.COLUMNS, "f", "q", 10)), Ops.mutate(put("d", "f", "q", 5, "old")),
        Ops.mutate(put("d", "f", "q", 10, "equal")), getAll("d", 3), Ops.majorCompact(), getAll("d", 3),
        Ops.mutate(put("d", "f", "q", 5, "again")), getAll("d", 3), rawScan());
    add("delete-family-then-put-older-hidden-until-major-compaction",
        Ops.mutate(del("d", DeleteKind.FAMILY, "f", null, 10)), Ops.mutate(put("d", "f", "q", 7, "old")),
        getAll("d", 3), Ops.flush(), getAll("d", 3), Ops.majorCompact(), Ops.mutate(put("d", "f", "q", 7, "again")),
        getAll("d", 3));

    // 3. VERSIONS=2 (family t), three Puts, version-delete the newest: before and after a flush.
    long t0 = base - Generator.HOUR / 6;
    add("versions2-delete-newest-in-memstore-resurrects",
        Ops.mutate(put("v", "t", "q", t0 + 1, "1")), Ops.mutate(put("v", "t", "q", t0 + 2, "2")),
        Ops.mutate(put("v", "t", "q", t0 + 3, "3")), getAll("v", 5),
        Ops.mutate(del("v", DeleteKind.COLUMN, "t", "q", t0 + 3)), getAll("v", 5), rawScan());
    add("versions2-delete-newest-after-flush-no-resurrection",
        Ops.mutate(put("v", "t", "q", t0 + 1, "1")), Ops.mutate(put("v", "t", "q", t0 + 2, "2")),
        Ops.mutate(put("v", "t", "q", t0 + 3, "3")), Ops.flush(), rawScan(),
        Ops.mutate(del("v", DeleteKind.COLUMN, "t", "q", t0 + 3)), getAll("v", 5), Ops.flush(), getAll("v", 5));

    // 4. Delete.addColumn(f,q) with no ts on a column with 3 versions, twice in one Delete.
    add("delete-latest-version-twice-in-one-delete",
        Ops.mutate(put("x", "f", "q", 1, "1")), Ops.mutate(put("x", "f", "q", 2, "2")),
        Ops.mutate(put("x", "f", "q", 3, "3")),
        Ops.mutate(new DeleteSpec("x", null, List.of(new DeleteItem(DeleteKind.COLUMN, "f", "q", Specs.LATEST),
            new DeleteItem(DeleteKind.COLUMN, "f", "q", Specs.LATEST)), base)),
        getAll("x", 3), rawScan());

    // 5. RowMutations [Delete(row), Put] -> the row stays empty (one timestamp for both).
    add("rowmutations-delete-row-then-put-stays-empty",
        Ops.mutate(put("m", "f", "q", Specs.LATEST, "before")),
        Ops.mutateRow(List.<MutationSpec>of(new DeleteSpec("m", null, List.of(), base), put("m", "f", "q", Specs.LATEST, "after"))),
        getAll("m", 3), rawScan());

    // 6. Increment on a 4-byte value, on a future-dated cell, amount 0, overflow.
    long future = base + 24 * Generator.HOUR;
    add("increment-on-4-byte-value-fails",
        Ops.mutate(put("i", "f", "n", 1, "abcd")), Ops.mutate(inc("i", "f", "n", 1)), getAll("i", 3));
    add("increment-on-future-cell-takes-old-ts-plus-one",
        Ops.mutate(put("i", "f", "n", future, Bytes.toStringBinary(Bytes.toBytes(1L)))), Ops.mutate(inc("i", "f", "n", 1)),
        getAll("i", 3));
    add("increment-by-zero-writes-a-version",
        Ops.mutate(inc("i", "f", "n", 0)), Ops.mutate(inc("i", "f", "n", 0)), getAll("i", 3));
    add("increment-overflow-wraps",
        Ops.mutate(put("i", "f", "n", 1, Bytes.toStringBinary(Bytes.toBytes(Long.MAX_VALUE)))), Ops.mutate(inc("i", "f", "n", 1)),
        getAll("i", 1));

    // 7. CheckAndMutate: ifNotExists on an empty-valued column passes; LESS reads "expected < stored";
    //    NOT_EQUAL on an absent column with a non-empty expected value fails.
    add("check-if-not-exists-passes-on-empty-value",
        Ops.mutate(put("c", "f", "q", 1, "")),
        Ops.checkAndMutate("c f:q ifNotExists", () -> Ops.valueCondition("c", "f", "q", CompareOperator.EQUAL, null, null, null),
            put("c", "f", "r", 1, "done"), null),
        getAll("c", 1));
    add("check-less-compares-expected-to-stored",
        Ops.mutate(put("c", "f", "q", 1, "b")),
        Ops.checkAndMutate("c f:q LESS a", () -> Ops.valueCondition("c", "f", "q", CompareOperator.LESS, "a", null, null),
            put("c", "f", "r", 1, "less-passed"), null),
        Ops.checkAndMutate("c f:q GREATER a", () -> Ops.valueCondition("c", "f", "q", CompareOperator.GREATER, "a", null, null),
            put("c", "f", "s", 1, "greater-passed"), null),
        getAll("c", 1));
    add("check-not-equal-on-absent-column-fails",
        Ops.checkAndMutate("c f:q NOT_EQUAL x", () -> Ops.valueCondition("c", "f", "q", CompareOperator.NOT_EQUAL, "x", null, null),
            put("c", "f", "r", 1, "done"), null),
        getAll("c", 1));

    // 8. Get maxVersions=1 + ValueFilter matching only an older version returns it.
    add("get-one-version-value-filter-finds-older",
        Ops.mutate(put("g", "f", "q", 1, "y")), Ops.mutate(put("g", "f", "q", 2, "x")), Ops.mutate(put("g", "f", "q", 3, "z")),
        get("g", opts(1, filter("Value(EQUAL x)", () -> new ValueFilter(CompareOperator.EQUAL, new BinaryComparator(Bytes.toBytes("x"))), false))),
        get("g", opts(1, filter("Timestamps(1)", () -> new TimestampsFilter(List.of(1L)), false))));

    // 9. KEEP_DELETED_CELLS=TRUE (family k) with a time range ending before the delete.
    add("keep-deleted-cells-time-range-before-delete",
        Ops.mutate(put("k", "k", "q", 5, "kept")), Ops.mutate(del("k", DeleteKind.COLUMNS, "k", "q", 10)),
        getAll("k", 3), get("k", range(3, 0, 8)), get("k", range(3, 0, 11)), Ops.majorCompact(),
        get("k", range(3, 0, 8)), rawScan());

    // 10. Scan with batch=2 and maxResultSize=1 byte: Result boundaries and partial flags.
    add("scan-batch-2-max-result-size-1",
        Ops.mutate(new PutSpec("s", List.of(new CellSpec("f", "a", 1, "1"), new CellSpec("f", "b", 1, "2"),
            new CellSpec("f", "c", 1, "3"), new CellSpec("v", "d", 1, "4"), new CellSpec("k", "e", 1, "5")), null, null, null, base)),
        Ops.mutate(put("s2", "f", "a", 1, "6")),
        scan(opts(1, null), false, false, 2, 1, false), scan(opts(1, null), false, false, 2, 1, true),
        scan(opts(1, null), false, false, 0, 1, true), scan(opts(1, null), true, false, 2, 1, false));

    // 11. PageFilter across two regions (more than n rows in total); WhileMatchFilter truncation.
    List<Op> page = new ArrayList<>();
    for (String r : new String[] {"p1", "p2", "p3", "p4", "p5", "p6"}) page.add(Ops.mutate(put(r, "f", "q", 1, r.equals("p2") ? "stop" : "go")));
    page.add(Ops.split("p4"));
    page.add(scan(opts(1, filter("Page(2)", () -> new PageFilter(2), true)), false, false, 0, 0, false));
    page.add(scan(opts(1, filter("WhileMatch(Value(NOT_EQUAL stop))",
        () -> new WhileMatchFilter(new ValueFilter(CompareOperator.NOT_EQUAL, new BinaryComparator(Bytes.toBytes("stop")))), true)),
        false, false, 0, 0, false));
    page.add(scan(opts(1, filter("Prefix(p)", () -> new PrefixFilter(Bytes.toBytes("p")), false)), true, false, 0, 0, false));
    cases.add(new Case("page-filter-across-two-regions-and-while-match", page));

    // 12. Multi: [Put r1, Get r1] in one batch (the Get does not see the Put).
    add("batch-get-does-not-see-put-of-same-batch",
        Ops.batch(List.<RowSpec>of(put("b1", "f", "q", 1, "new"), new GetSpec("b1", opts(1, null), false, base))),
        Ops.batch(List.<RowSpec>of(put("b1", "f", "q", 2, "newer"), new GetSpec("b1", opts(3, null), false, base),
            put("b1", "x", "q", 2, "bad-family"))));

    // 13. Split point chosen by the server (midkey of the largest store file).
    List<Op> mid = new ArrayList<>();
    for (int i = 0; i < 60; i++) mid.add(Ops.mutate(put(String.format("row%03d", i), "f", "q", 1, "value-" + i)));
    mid.add(Ops.flush());
    mid.add(splitAuto());
    mid.add(scanAll(1));
    cases.add(new Case("split-at-server-chosen-midkey", mid));

    // More edges of sections 2-5.
    add("ttl-min-versions-explicit-column-shows-one-more",
        Ops.mutate(put("t", "m", "q", base - 3 * Generator.HOUR, "old1")), Ops.mutate(put("t", "m", "q", base - 2 * Generator.HOUR, "old2")),
        get("t", opts(3, null, new Column("m", null))), get("t", opts(3, null, new Column("m", "q"))));
    add("raw-scan-with-column-is-rejected",
        Ops.mutate(put("r", "f", "q", 1, "v")), scan(opts(1, null, FQ), false, true, 0, 0, false));
    add("same-coordinates-later-put-wins-and-exact-delete-hides-both",
        Ops.mutate(put("s", "f", "q", 5, "first")), Ops.mutate(put("s", "f", "q", 5, "second")), getAll("s", 3),
        Ops.flush(), Ops.mutate(put("s", "f", "q", 5, "third")), getAll("s", 3),
        Ops.mutate(del("s", DeleteKind.COLUMN, "f", "q", 5)), getAll("s", 3), rawScan());
    add("unknown-family-errors",
        Ops.mutate(put("u", "x", "q", 1, "v")), get("u", opts(1, null, new Column("x", null))),
        Ops.mutate(del("u", DeleteKind.FAMILY, "x", null, 1)));
    add("column-count-get-filter-ends-scan",
        Ops.mutate(new PutSpec("c1", List.of(new CellSpec("f", "a", 1, "1"), new CellSpec("f", "b", 1, "2")), null, null, null, base)),
        Ops.mutate(put("c2", "f", "a", 1, "3")),
        scan(opts(1, filter("ColumnCountGet(1)", () -> new ColumnCountGetFilter(1), false)), false, false, 0, 0, false));
    // Reversed scans with InclusiveStopFilter; a cell kept past its TTL by MIN_VERSIONS (family m).
    FilterSpec stopR = filter("InclusiveStop(r\\xFF)", () -> new InclusiveStopFilter(Bytes.toBytesBinary("r\\xFF")), false);
    ReadOptions stopRange = new ReadOptions(List.of(), 1, 5L, 12L, stopR, -1, 0);
    add("reversed-inclusive-stop-with-min-versions-cell",
        Ops.mutate(new PutSpec("z", List.of(new CellSpec("m", "q2", 11, "v1"), new CellSpec("k", "", 5, "v1")), null, null, null, base)),
        Ops.mutate(put("r\\xFF", "k", "q", 6, "stop")), Ops.mutate(put("r3", "k", "q", 6, "before")),
        scan(opts(1, stopR), true, false, 0, 0, false), scan(stopRange, true, false, 0, 0, false),
        scan(range(1, 5, 12), true, false, 0, 0, false), scan(range(1, 5, 12), false, false, 0, 0, false),
        get("z", range(1, 5, 12)), Ops.flush(), scan(stopRange, true, false, 0, 0, false),
        scan(range(1, 5, 12), true, false, 0, 0, false), get("z", range(1, 5, 12)), Ops.majorCompact(),
        scan(stopRange, true, false, 0, 0, false), scan(range(1, 5, 12), true, false, 0, 0, false), get("z", range(1, 5, 12)));
    // ColumnValueFilter with each comparator kind, and comparators that cannot read a value.
    java.util.function.BiFunction<String, org.apache.hadoop.hbase.filter.ByteArrayComparable, FilterSpec> cv = (text, cmp) ->
        filter("ColumnValue(f:q " + text + ")", () -> new ColumnValueFilter(Bytes.toBytes("f"), Bytes.toBytes("q"), CompareOperator.EQUAL, cmp), false);
    add("column-value-filter-comparators",
        Ops.mutate(put("c1", "f", "q", 1, "ab")), Ops.mutate(put("c1", "f", "q", 2, "cd")), Ops.mutate(put("c1", "f", "r", 1, "ab")),
        Ops.mutate(put("c2", "f", "q", 1, "a")), Ops.mutate(put("c2", "v", "q", 1, "ab")),
        scan(opts(3, cv.apply("Binary(ab)", new BinaryComparator(Bytes.toBytes("ab")))), false, false, 0, 0, false),
        scan(opts(3, cv.apply("Bit(\\x01,AND)", new BitComparator(new byte[] {1}, BitComparator.BitwiseOp.AND))), false, false, 0, 0, false),
        scan(opts(3, cv.apply("Null", new NullComparator())), false, false, 0, 0, false),
        scan(opts(1, cv.apply("Component(b@1)", new BinaryComponentComparator(Bytes.toBytes("b"), 1))), false, false, 0, 0, false),
        get("c1", opts(3, cv.apply("Component(d@1)", new BinaryComponentComparator(Bytes.toBytes("d"), 1)))),
        get("c2", opts(3, cv.apply("Component(b@1)", new BinaryComponentComparator(Bytes.toBytes("b"), 1)))),
        Ops.flush(),
        get("c2", opts(3, cv.apply("Component(b@1)", new BinaryComponentComparator(Bytes.toBytes("b"), 1)))),
        get("c1", opts(3, cv.apply("Long(1)", new LongComparator(1)))));
    add("cell-ttl-attribute-expires-cells",
        Ops.mutate(new PutSpec("l", List.of(new CellSpec("f", "q", base - Generator.HOUR / 6, "short")), null, 1L, null, base)),
        Ops.mutate(new PutSpec("l", List.of(new CellSpec("f", "r", Specs.LATEST, "long")), null, Generator.HOUR, null, base)),
        getAll("l", 3), rawScan());
  }

  MutationSpec inc(String row, String fam, String q, long amount) {
    return new IncrementSpec(row, List.of(new AmountSpec(fam, q, amount)), true, null, null, base);
  }

  /** Admin.split(table) with no split point; waits until the region count grows, then compacts. */
  static Op splitAuto() {
    return new Op("split (server chooses the point)", t -> {
      int before = t.admin.getRegions(t.tableName()).size();
      t.admin.split(t.tableName());
      long deadline = System.currentTimeMillis() + Ops.ADMIN_WAIT_MS;
      while (t.admin.getRegions(t.tableName()).size() <= before) {
        if (System.currentTimeMillis() > deadline) return List.of("no split after " + Ops.ADMIN_WAIT_MS + " ms");
        Thread.sleep(50);
      }
      t.admin.majorCompact(t.tableName());
      return List.of("split", "regions " + Ops.regionStarts(t), Ops.waitForCompactions(t));
    });
  }
}
