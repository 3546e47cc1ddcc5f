// Operation factories shared by the random generator and the edge-case corpus. Each builds an Op
// whose action issues one client call (or one admin step that waits until the cluster is quiet)
// and renders the answer.
package shale.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.CompactionState;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Append;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.RegionInfo;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Row;
import org.apache.hadoop.hbase.client.RowMutations;
import org.apache.hadoop.hbase.CompareOperator;
import org.apache.hadoop.hbase.io.TimeRange;
import org.apache.hadoop.hbase.util.Bytes;
import shale.differential.Specs.FilterSpec;
import shale.differential.Specs.GetSpec;
import shale.differential.Specs.MutationSpec;
import shale.differential.Specs.RowSpec;
import shale.differential.Specs.ScanSpec;

final class Ops {
  private Ops() {}

  /** At most this many Results are read from one scan (a bound, far above any sequence's rows). */
  static final int MAX_SCAN_RESULTS = 10_000;
  static final long ADMIN_WAIT_MS = 120_000;

  static Op mutate(MutationSpec m) {
    return new Op(m.text(), t -> {
      var mut = m.build();
      List<String> out = new ArrayList<>();
      if (mut instanceof Put p) { t.table().put(p); out.add("ok"); }
      else if (mut instanceof Delete d) { t.table().delete(d); out.add("ok"); }
      else if (mut instanceof Increment i) { out.add("result"); Render.result(t, t.table().increment(i), out); }
      else if (mut instanceof Append a) { out.add("result"); Render.result(t, t.table().append(a), out); }
      return out;
    });
  }

  static Op get(GetSpec g) {
    return new Op(g.text(), t -> {
      List<String> out = new ArrayList<>();
      Get get = g.build();
      out.add("result");
      Render.result(t, t.table().get(get), out);
      return out;
    });
  }

  static Op exists(GetSpec g) {
    return new Op("exists " + g.text(), t -> List.of("exists=" + t.table().exists(g.build())));
  }

  static Op scan(ScanSpec s) {
    return new Op(s.text(), t -> {
      List<String> out = new ArrayList<>();
      try (ResultScanner rs = t.table().getScanner(s.build())) {
        int n = 0;
        for (Result r = rs.next(); r != null && n < MAX_SCAN_RESULTS; r = rs.next(), n++) {
          out.add("result");
          Render.result(t, r, out);
        }
      } catch (Exception e) {
        out.addAll(Render.error(e));
      }
      if (out.isEmpty()) out.add("(no results)");
      return out;
    });
  }

  /** checkAndMutate; `condition` is the reproducer text of the condition built by `builder`. */
  static Op checkAndMutate(String condition, java.util.function.Supplier<CheckAndMutate.Builder> builder,
      MutationSpec action, List<MutationSpec> rowMutations) {
    String text = "checkAndMutate(" + condition + ") then "
        + (rowMutations != null ? "RowMutations" + Specs.texts(rowMutations) : action.text());
    return new Op(text, t -> {
      CheckAndMutate.Builder b = builder.get();
      CheckAndMutate cam;
      if (rowMutations != null) cam = b.build(rowMutations(rowMutations));
      else {
        var m = action.build();
        if (m instanceof Put p) cam = b.build(p);
        else if (m instanceof Delete d) cam = b.build(d);
        else if (m instanceof Increment i) cam = b.build(i);
        else cam = b.build((Append) m);
      }
      CheckAndMutateResult r = t.table().checkAndMutate(cam);
      List<String> out = new ArrayList<>();
      out.add("processed=" + r.isSuccess());
      if (r.getResult() != null) Render.result(t, r.getResult(), out);
      return out;
    });
  }

  static CheckAndMutate.Builder valueCondition(String row, String family, String qualifier, CompareOperator op,
      String value, Long minTs, Long maxTs) {
    CheckAndMutate.Builder b = CheckAndMutate.newBuilder(Specs.b(row));
    if (value == null) b.ifNotExists(Specs.b(family), Specs.b(qualifier));
    else b.ifMatches(Specs.b(family), Specs.b(qualifier), op, Specs.b(value));
    if (minTs != null) b.timeRange(TimeRange.between(minTs, maxTs));
    return b;
  }

  static CheckAndMutate.Builder filterCondition(String row, FilterSpec f, Long minTs, Long maxTs) {
    CheckAndMutate.Builder b = CheckAndMutate.newBuilder(Specs.b(row)).ifMatches(f.make().get());
    if (minTs != null) b.timeRange(TimeRange.between(minTs, maxTs));
    return b;
  }

  static RowMutations rowMutations(List<MutationSpec> specs) throws java.io.IOException {
    RowMutations rm = new RowMutations(specs.get(0).build().getRow());
    for (MutationSpec s : specs) rm.add(s.build());
    return rm;
  }

  static Op mutateRow(List<MutationSpec> specs) {
    return new Op("mutateRow" + Specs.texts(specs), t -> {
      List<String> out = new ArrayList<>();
      Result r = t.table().mutateRow(rowMutations(specs));
      out.add("result");
      Render.result(t, r, out);
      return out;
    });
  }

  /** table.batch: every slot's Result or error is part of the answer (partial failure). */
  static Op batch(List<RowSpec> specs) {
    return new Op("batch" + Specs.texts(specs), t -> {
      List<Row> actions = new ArrayList<>();
      for (RowSpec s : specs) actions.add(s.build());
      Object[] results = new Object[actions.size()];
      List<String> out = new ArrayList<>();
      try {
        t.table().batch(actions, results);
        out.add("batch ok");
      } catch (Exception e) {
        out.add("batch " + Render.chain(e));
      }
      for (int i = 0; i < results.length; i++) {
        out.add("slot " + i);
        if (results[i] instanceof Result r) Render.result(t, r, out);
        else if (results[i] instanceof Throwable e) out.add("  error " + Render.chain(e));
        else out.add("  " + results[i]);
      }
      return out;
    });
  }

  static Op flush() {
    return new Op("flush", t -> {
      t.admin.flush(t.tableName());
      return List.of("flushed", waitForCompactions(t));
    });
  }

  static Op majorCompact() {
    return new Op("majorCompact", t -> {
      t.admin.majorCompact(t.tableName());
      return List.of("compacted", waitForCompactions(t));
    });
  }

  /** Splits the region holding `row` at `row`, waits for it, then major-compacts (so the daughters'
   *  reference files are rewritten at a chosen point, not whenever the cluster gets to it). */
  static Op split(String row) {
    return new Op("split at " + row, t -> {
      List<String> out = new ArrayList<>();
      byte[] point = Specs.b(row);
      RegionInfo holder = null;
      for (RegionInfo ri : t.admin.getRegions(t.tableName())) if (ri.containsRow(point)) holder = ri;
      if (holder == null) return List.of("no region holds " + row);
      // HBase refuses to split a region until the compacted files of its own split are archived
      // (the discharger chore, every second in start-hbase's cluster): retry that refusal only.
      long deadline = System.currentTimeMillis() + ADMIN_WAIT_MS;
      while (true) {
        try {
          t.admin.splitRegionAsync(holder.getRegionName(), point).get(ADMIN_WAIT_MS, TimeUnit.MILLISECONDS);
          break;
        } catch (java.util.concurrent.ExecutionException e) {
          if (!String.valueOf(e.getMessage()).contains("NOT splittable") || System.currentTimeMillis() > deadline) throw e;
          Thread.sleep(250);
        }
      }
      out.add("split");
      out.add("regions " + regionStarts(t));
      t.admin.majorCompact(t.tableName());
      out.add(waitForCompactions(t));
      return out;
    });
  }

  static String regionStarts(Target t) throws java.io.IOException {
    List<String> starts = new ArrayList<>();
    for (RegionInfo ri : t.admin.getRegions(t.tableName())) starts.add(Render.bin(ri.getStartKey()));
    starts.sort(null);
    return starts.toString();
  }

  /** Polls the compaction state until it has been NONE twice in a row (bounded). */
  static String waitForCompactions(Target t) throws Exception {
    long deadline = System.currentTimeMillis() + ADMIN_WAIT_MS;
    int quiet = 0;
    while (quiet < 2) {
      if (System.currentTimeMillis() > deadline) return "compactions still running after " + ADMIN_WAIT_MS + " ms";
      CompactionState s = t.admin.getCompactionState(t.tableName());
      quiet = s == CompactionState.NONE ? quiet + 1 : 0;
      if (quiet < 2) Thread.sleep(50);
    }
    return "quiet";
  }

  static String row(byte[] r) {
    return Bytes.toStringBinary(r);
  }
}
