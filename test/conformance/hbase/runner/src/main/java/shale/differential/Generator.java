// The seeded operation sequence: puts with explicit and server timestamps, every delete kind, gets
// and scans with every option, increments, appends, checkAndMutate with every compare operator,
// mutateRow, batches with partial failure, and flushes, major compactions and splits at fixed points.
// Keys, qualifiers and values come from a small space so that operations collide.
package shale.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.hbase.CompareOperator;
import org.apache.hadoop.hbase.client.Durability;
import org.apache.hadoop.hbase.util.Bytes;
import shale.differential.Specs.AmountSpec;
import shale.differential.Specs.AppendSpec;
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

final class Generator {
  static final long HOUR = 3_600_000L;

  /** The key space: rows that are prefixes of each other, bytes >= 0x80, the empty qualifier. */
  static final class Space {
    static final String[] ROWS = {"a", "ab", "abc", "b", "r1", "r2", "r3", "r\\x00", "r\\xFF", "\\x80", "\\xFF\\xFF", "z"};
    static final String[] SPLITS = {"b", "r2", "r\\x80", "\\x80"};
    static final String[] FAMILIES = {"f", "v", "k", "t", "m"};
    static final String[] QUALIFIERS = {"", "q1", "q2", "q10", "n", "\\xFF"};
    static final String[] VALUES = {"v0", "v1", "v2", "v3", "V1", "", "x\\x00y", "\\xFF"};

    String row(Random r) { return ROWS[r.nextInt(ROWS.length)]; }
    String family(Random r) { return FAMILIES[r.nextInt(FAMILIES.length)]; }
    String qualifier(Random r) { return QUALIFIERS[r.nextInt(QUALIFIERS.length)]; }
    String value(Random r) { return VALUES[r.nextInt(VALUES.length)]; }
  }

  private final Random r;
  private final Space space = new Space();
  private final FilterGen filters;
  private final long base;
  private final java.util.Set<String> excluded;

  /** Kinds that `excluded` may name: put delete get scan increment append checkAndMutate
   *  checkAndMutateRowMutations mutateRow batch exists split flush majorCompact. */
  Generator(long seed, long base, java.util.Set<String> excluded) {
    this.r = new Random(seed);
    this.filters = new FilterGen(r, space);
    this.base = base;
    this.excluded = excluded;
  }

  private boolean allowed(String kind) {
    return !excluded.contains(kind);
  }

  /** `count` operations; structural ones (flush, compaction, split) at fixed fractions. */
  List<Op> sequence(int count) {
    List<Op> ops = new ArrayList<>();
    List<String> splitsLeft = new ArrayList<>(List.of(Space.SPLITS));
    for (int i = 0; i < count; i++) {
      if (i > 0 && i % 40 == 0 && allowed(i % 120 == 0 ? "majorCompact" : "flush")) {
        ops.add(i % 120 == 0 ? Ops.majorCompact() : Ops.flush());
      } else if ((i == count / 2 || i == (count * 4) / 5) && allowed("split")) {
        ops.add(Ops.split(splitsLeft.remove(r.nextInt(splitsLeft.size()))));
      } else {
        ops.add(next());
      }
    }
    return ops;
  }

  Op next() {
    while (true) {
      Op op = draw();
      if (op != null) return op;
    }
  }

  /** One random operation, or null when its kind is excluded. */
  private Op draw() {
    int k = r.nextInt(100);
    String kind = k < 26 ? "put" : k < 38 ? "delete" : k < 52 ? "get" : k < 66 ? "scan" : k < 71 ? "increment"
        : k < 75 ? "append" : k < 84 ? "checkAndMutate" : k < 88 ? "mutateRow" : k < 95 ? "batch" : "exists";
    if (!allowed(kind)) return null;
    if (k < 26) return Ops.mutate(put(row()));
    if (k < 38) return Ops.mutate(delete(row()));
    if (k < 52) return Ops.get(get(row()));
    if (k < 66) return Ops.scan(scan());
    if (k < 71) return Ops.mutate(increment(row()));
    if (k < 75) return Ops.mutate(append(row()));
    if (k < 84) return checkAndMutate();
    if (k < 88) return mutateRow();
    if (k < 95) return batch();
    if (k < 97) return Ops.exists(get(row()));
    return Ops.get(new GetSpec(row(), readOptions(false), true, base));
  }

  String row() { return space.row(r); }

  String family() {
    return r.nextInt(40) == 0 ? "x" : space.family(r);
  }

  /** Explicit small, wall-clock-relative (expired, alive, future) or server timestamps. */
  long ts() {
    int k = r.nextInt(20);
    if (k < 9) return Specs.LATEST;
    if (k < 16) return 1 + r.nextInt(20);
    if (k == 16) return base - 3 * HOUR;
    if (k == 17) return base - HOUR / 6;
    if (k == 18) return base + 24 * HOUR;
    return base - 2 * HOUR;
  }

  String value(String qualifier) {
    if (qualifier.equals("n") && r.nextInt(4) != 0) return Bytes.toStringBinary(Bytes.toBytes((long) r.nextInt(5)));
    if (r.nextInt(15) == 0) return "abcd";
    return space.value(r);
  }

  PutSpec put(String row) {
    int n = 1 + r.nextInt(3);
    List<CellSpec> cells = new ArrayList<>();
    Long putTs = r.nextInt(6) == 0 ? ts() : null;
    for (int i = 0; i < n; i++) {
      String q = space.qualifier(r);
      long ts = putTs != null && r.nextBoolean() ? Specs.LATEST : ts();
      if (putTs != null && ts == Specs.LATEST) ts = putTs;
      cells.add(new CellSpec(family(), q, ts, value(q)));
    }
    Long ttl = null;
    if (r.nextInt(15) == 0) ttl = r.nextBoolean() ? HOUR : 1L;
    if (ttl != null && ttl == 1L) {
      List<CellSpec> old = new ArrayList<>();
      for (CellSpec c : cells) old.add(new CellSpec(c.family(), c.qualifier(), base - HOUR / 6, c.value()));
      cells = old;
      putTs = null;
    }
    Durability d = r.nextInt(12) == 0 ? Durability.values()[r.nextInt(Durability.values().length)] : null;
    return new PutSpec(row, cells, putTs, ttl, d, base);
  }

  DeleteSpec delete(String row) {
    int shape = r.nextInt(10);
    if (shape == 0) return new DeleteSpec(row, null, List.of(), base);
    if (shape == 1) return new DeleteSpec(row, explicitTs(), List.of(), base);
    int n = 1 + r.nextInt(2);
    List<DeleteItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String f = family();
      String q = space.qualifier(r);
      switch (r.nextInt(7)) {
        case 0 -> items.add(new DeleteItem(DeleteKind.FAMILY, f, null, r.nextBoolean() ? Specs.LATEST : explicitTs()));
        case 1 -> items.add(new DeleteItem(DeleteKind.FAMILY_VERSION, f, null, explicitTs()));
        case 2, 3 -> items.add(new DeleteItem(DeleteKind.COLUMNS, f, q, r.nextBoolean() ? Specs.LATEST : explicitTs()));
        case 4 -> items.add(new DeleteItem(DeleteKind.COLUMN, f, q, explicitTs()));
        default -> {
          items.add(new DeleteItem(DeleteKind.COLUMN, f, q, Specs.LATEST));
          if (r.nextInt(3) == 0) items.add(new DeleteItem(DeleteKind.COLUMN, f, q, Specs.LATEST));
        }
      }
    }
    return new DeleteSpec(row, null, items, base);
  }

  long explicitTs() {
    long t = ts();
    return t == Specs.LATEST ? 1 + r.nextInt(20) : t;
  }

  ReadOptions readOptions(boolean scan) {
    List<Column> cols = new ArrayList<>();
    int nc = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0;
    for (int i = 0; i < nc; i++) cols.add(new Column(family(), r.nextBoolean() ? null : space.qualifier(r)));
    int versions = r.nextInt(3) == 0 ? 1 + r.nextInt(4) : 1;
    Long minTs = null, maxTs = null;
    int tr = r.nextInt(8);
    if (tr == 0) { minTs = (long) r.nextInt(12); maxTs = minTs + 1 + r.nextInt(12); }
    else if (tr == 1) { minTs = base - HOUR; maxTs = Long.MAX_VALUE; }
    else if (tr == 2) { minTs = 0L; maxTs = base; }
    FilterSpec f = r.nextInt(scan ? 2 : 3) == 0 ? filters.filter(0) : null;
    int storeLimit = r.nextInt(12) == 0 ? 1 + r.nextInt(2) : -1;
    int storeOffset = r.nextInt(12) == 0 ? 1 : 0;
    return new ReadOptions(cols, versions, minTs, maxTs, f, storeLimit, storeOffset);
  }

  GetSpec get(String row) {
    return new GetSpec(row, readOptions(false), false, base);
  }

  ScanSpec scan() {
    String start = r.nextInt(3) == 0 ? null : row();
    String stop = r.nextInt(3) == 0 ? null : row();
    boolean reversed = r.nextInt(4) == 0;
    if (start != null && stop != null && (start.compareTo(stop) > 0) != reversed && r.nextInt(3) != 0) {
      String t = start; start = stop; stop = t;
    }
    boolean raw = r.nextInt(10) == 0;
    ReadOptions o = readOptions(true);
    if (raw && r.nextInt(4) != 0) o = new ReadOptions(List.of(), 1 + r.nextInt(5), o.minTs(), o.maxTs(), o.filter(), -1, 0);
    int limit = r.nextInt(5) == 0 ? 1 + r.nextInt(4) : 0;
    int batch = r.nextInt(6) == 0 ? 1 + r.nextInt(3) : 0;
    int caching = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
    long maxResultSize = r.nextInt(6) == 0 ? (r.nextBoolean() ? 1 : 200) : 0;
    boolean partial = r.nextInt(10) == 0;
    return new ScanSpec(start, r.nextInt(5) != 0, stop, r.nextInt(4) == 0, reversed, limit, batch, caching,
        maxResultSize, partial, raw, o, base);
  }

  IncrementSpec increment(String row) {
    List<AmountSpec> cols = new ArrayList<>();
    int n = 1 + r.nextInt(2);
    long[] amounts = {0, 1, -1, 5, Long.MAX_VALUE};
    for (int i = 0; i < n; i++) {
      String q = r.nextInt(4) != 0 ? "n" : space.qualifier(r);
      cols.add(new AmountSpec(family(), q, amounts[r.nextInt(amounts.length)]));
    }
    Long minTs = null, maxTs = null;
    if (r.nextInt(10) == 0) { minTs = 0L; maxTs = 15L; }
    return new IncrementSpec(row, cols, r.nextInt(5) != 0, minTs, maxTs, base);
  }

  AppendSpec append(String row) {
    List<CellSpec> cols = new ArrayList<>();
    int n = 1 + r.nextInt(2);
    for (int i = 0; i < n; i++) cols.add(new CellSpec(family(), space.qualifier(r), Specs.LATEST, space.value(r)));
    return new AppendSpec(row, cols, r.nextInt(5) != 0, base);
  }

  MutationSpec mutation(String row) {
    return switch (r.nextInt(6)) {
      case 0, 1, 2 -> put(row);
      case 3 -> delete(row);
      case 4 -> increment(row);
      default -> append(row);
    };
  }

  Op checkAndMutate() {
    String row = row();
    String f = r.nextInt(30) == 0 ? "x" : space.family(r);
    String q = space.qualifier(r);
    Long minTs = null, maxTs = null;
    if (r.nextInt(8) == 0) { minTs = 0L; maxTs = 10L + r.nextInt(10); }
    Long mn = minTs, mx = maxTs;
    boolean rowMutations = r.nextInt(6) == 0 && allowed("checkAndMutateRowMutations");
    List<MutationSpec> rm = null;
    MutationSpec action = null;
    String otherRow = r.nextInt(25) == 0 ? row() : row;
    if (rowMutations) {
      rm = new ArrayList<>();
      int n = 1 + r.nextInt(3);
      for (int i = 0; i < n; i++) rm.add(mutation(otherRow));
    } else {
      action = mutation(otherRow);
    }
    int kind = r.nextInt(10);
    if (kind == 0) {
      FilterSpec fs = filters.filter(1);
      return Ops.checkAndMutate("filter " + fs.text() + trText(mn, mx), () -> Ops.filterCondition(row, fs, mn, mx), action, rm);
    }
    if (kind == 1) {
      return Ops.checkAndMutate(row + " " + f + ":" + q + " ifNotExists" + trText(mn, mx),
          () -> Ops.valueCondition(row, f, q, CompareOperator.EQUAL, null, mn, mx), action, rm);
    }
    CompareOperator op = FilterGen.OPS[r.nextInt(FilterGen.OPS.length)];
    String v = value(q);
    return Ops.checkAndMutate(row + " " + f + ":" + q + " " + op + " " + v + trText(mn, mx),
        () -> Ops.valueCondition(row, f, q, op, v, mn, mx), action, rm);
  }

  String trText(Long min, Long max) {
    return min == null ? "" : " timeRange=[" + min + "," + max + ")";
  }

  Op mutateRow() {
    String row = row();
    List<MutationSpec> ms = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) ms.add(mutation(row));
    return Ops.mutateRow(ms);
  }

  /**
   * A batch touches each row at most once: two actions on one row with server timestamps (a
   * Delete(row) and then an Increment) interact only when they land in the same millisecond, on
   * HBase as on Shale, which made runs flaky without telling the systems apart.
   */
  Op batch() {
    List<RowSpec> specs = new ArrayList<>();
    java.util.Set<String> used = new java.util.HashSet<>();
    int n = 2 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      String row = row();
      if (!used.add(row)) continue;
      specs.add(r.nextInt(4) == 0 ? get(row) : mutation(row));
    }
    return Ops.batch(specs);
  }
}
