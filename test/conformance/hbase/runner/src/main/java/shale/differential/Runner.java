// Runs one operation sequence against both targets, op by op (A then B), compares the rendered
// answers line by line, and shrinks the first unexplained mismatch to a short reproducer by
// delta debugging (each trial replays a subsequence on fresh tables, within a trial budget).
package shale.differential;

import java.util.ArrayList;
import java.util.List;

final class Runner {
  record Mismatch(String label, int index, String op, List<String> a, List<String> b, Known.Entry known) {
    String firstDifference() {
      int n = Math.max(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        String x = i < a.size() ? a.get(i) : "(missing)", y = i < b.size() ? b.get(i) : "(missing)";
        if (!x.equals(y)) return "line " + i + ": " + x + "  <>  " + y;
      }
      return "(equal)";
    }
  }

  static final class Tally {
    int passed, failed, known;
    final List<Mismatch> mismatches = new ArrayList<>();
  }

  static final boolean TRACE = System.getenv("DIFF_TRACE") != null;

  private final Target a;
  private final Target b;
  private final Known known;
  private final String prefix;
  private final boolean keepTables;
  private int tableCounter;

  Runner(Target a, Target b, Known known, String prefix, boolean keepTables) {
    this.a = a;
    this.b = b;
    this.known = known;
    this.prefix = prefix;
    this.keepTables = keepTables;
  }

  /** Runs `ops` on fresh tables; every op compared is counted once in `tally`. */
  List<Mismatch> run(String label, List<Op> ops, Tally tally) throws Exception {
    String table = prefix + "_" + label.replaceAll("[^A-Za-z0-9_]", "_") + "_" + (tableCounter++);
    boolean same = a.quorum.equals(b.quorum);
    a.newTable(same ? table + "_a" : table);
    b.newTable(same ? table + "_b" : table);
    List<Mismatch> found = new ArrayList<>();
    try {
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        List<String> outA = op.runOn(a, i);
        long t0 = System.nanoTime();
        List<String> outB = op.runOn(b, i);
        if (TRACE) {
          System.out.println("  [" + label + " " + i + ", " + (System.nanoTime() - t0) / 1_000_000 + " ms] " + op.text());
          for (String line : outA) System.out.println("      " + line);
          if (!outA.equals(outB)) for (String line : outB) System.out.println("    B " + line);
        }
        if (outA.equals(outB)) {
          if (tally != null) tally.passed++;
          continue;
        }
        Mismatch m = new Mismatch(label, i, op.text(), outA, outB, null);
        String[] lines = firstLines(outA, outB);
        Known.Entry k = known.match(label, op.text(), lines[0], lines[1]);
        m = new Mismatch(label, i, op.text(), outA, outB, k);
        found.add(m);
        if (tally != null) {
          if (k != null) tally.known++;
          else tally.failed++;
          tally.mismatches.add(m);
        }
      }
    } finally {
      if (!keepTables) {
        a.dropCurrentTable();
        b.dropCurrentTable();
      }
    }
    return found;
  }

  static String[] firstLines(List<String> x, List<String> y) {
    int n = Math.max(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      String p = i < x.size() ? x.get(i) : "(missing)", q = i < y.size() ? y.get(i) : "(missing)";
      if (!p.equals(q)) return new String[] {p, q};
    }
    return new String[] {"", ""};
  }

  /** Whether `target`, run after `prefix` on fresh tables, still answers differently (unexplained). */
  private boolean targetFails(String label, List<Op> prefix, Op target) throws Exception {
    List<Op> all = new ArrayList<>(prefix);
    all.add(target);
    for (Mismatch m : run(label + "_min", all, null)) if (m.known() == null && m.index() == prefix.size()) return true;
    return false;
  }

  /** Delta debugging over the ops before ops[upTo], keeping ops[upTo] last: returns the smallest
   *  sequence found whose last op still mismatches, or null when the prefix does not reproduce it. */
  List<Op> minimize(String label, List<Op> ops, int upTo, int budget) throws Exception {
    Op target = ops.get(upTo);
    List<Op> cur = new ArrayList<>(ops.subList(0, upTo));
    int trials = 1;
    if (!targetFails(label, cur, target)) return null;
    trials++;
    if (!cur.isEmpty() && targetFails(label, List.of(), target)) return List.of(target);
    int n = 2;
    while (cur.size() >= 1 && trials < budget) {
      int chunk = (cur.size() + n - 1) / n;
      boolean reduced = false;
      for (int i = 0; i < n && trials < budget; i++) {
        int from = i * chunk, to = Math.min(cur.size(), from + chunk);
        if (from >= to) break;
        List<Op> complement = new ArrayList<>(cur.subList(0, from));
        complement.addAll(cur.subList(to, cur.size()));
        trials++;
        if (targetFails(label, complement, target)) {
          cur = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= cur.size()) break;
        n = Math.min(cur.size(), n * 2);
      }
    }
    cur.add(target);
    return cur;
  }

  /** Runs a minimized sequence once more to print both sides' answers. */
  List<Mismatch> replay(String label, List<Op> ops) throws Exception {
    return run(label + "_repro", ops, null);
  }
}
