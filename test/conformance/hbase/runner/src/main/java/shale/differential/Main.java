// Command line of the differential runner. Runs seeded random sequences and/or the named edge-case
// corpus against two clusters (ZooKeeper quorums; the same quorum twice compares a cluster with
// itself on separate tables), prints each unexplained mismatch with a minimized reproducer, and
// ends with the line `N passed, M failed` (known differences count as passed). Exit 1 on failure.
package shale.differential;

import java.util.ArrayList;
import java.util.List;

public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String quorumA = null, quorumB = null, nameA = "A", nameB = "B", knownPath = null, prefix = "diff";
    String only = null;
    List<Long> seeds = new ArrayList<>();
    int ops = 300, minimize = 3, budget = 30;
    minimizeOp = -1;
    boolean corpus = false, keep = false, bench = false;
    List<String> benchArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--a" -> quorumA = args[++i];
        case "--b" -> quorumB = args[++i];
        case "--a-name" -> nameA = args[++i];
        case "--b-name" -> nameB = args[++i];
        case "--seeds" -> { for (String s : args[++i].split(",")) if (!s.isBlank()) seeds.add(Long.parseLong(s.trim())); }
        case "--ops" -> ops = Integer.parseInt(args[++i]);
        case "--corpus" -> corpus = true;
        case "--case" -> { corpus = true; only = args[++i]; }
        case "--known" -> knownPath = args[++i];
        case "--minimize" -> minimize = Integer.parseInt(args[++i]);
        case "--budget" -> budget = Integer.parseInt(args[++i]);
        case "--minimize-op" -> minimizeOp = Integer.parseInt(args[++i]);
        case "--table-prefix" -> prefix = args[++i];
        case "--keep-tables" -> keep = true;
        case "--bench" -> bench = true;
        default -> benchArgs.add(args[i]);
      }
    }
    if (bench) {
      Bench.main(benchArgs.toArray(new String[0]));
      return;
    }
    if (quorumA == null || quorumB == null) {
      System.err.println("usage: --a QUORUM --b QUORUM [--a-name N] [--b-name N] [--seeds 1,2] [--ops 300] [--corpus|--case NAME]"
          + " [--known FILE] [--minimize 3] [--minimize-op N] [--budget 30] [--table-prefix P] [--keep-tables]");
      System.exit(2);
    }
    long base = System.currentTimeMillis();
    Known known = Known.load(knownPath);
    Runner.Tally tally = new Runner.Tally();
    List<String[]> reproducers = new ArrayList<>();
    long started = System.nanoTime();
    try (Target a = new Target(nameA, quorumA, base); Target b = new Target(nameB, quorumB, base)) {
      Runner runner = new Runner(a, b, known, prefix, keep);
      System.out.println("differential: " + nameA + "=" + quorumA + " vs " + nameB + "=" + quorumB + "; schema " + Target.SCHEMA);
      for (var e : known.excludedKinds.entrySet()) System.out.println("excluded from generated sequences: " + e.getKey() + " (" + e.getValue() + ")");
      for (long seed : seeds) {
        List<Op> seq = new Generator(seed, base, known.excludedKinds.keySet()).sequence(ops);
        runCase(runner, "seed" + seed, seq, tally, minimize, budget, reproducers);
      }
      if (corpus) {
        for (Corpus.Case c : Corpus.cases(base)) {
          if (only != null && !c.name().equals(only)) continue;
          runCase(runner, c.name(), c.ops(), tally, minimize, budget, reproducers);
        }
      }
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.println("differential: " + (tally.passed + tally.known + tally.failed) + " ops compared in " + ms + " ms; "
        + tally.known + " known differences, " + tally.failed + " unexplained mismatches");
    System.out.println((tally.passed + tally.known) + " passed, " + tally.failed + " failed");
    System.exit(tally.failed == 0 ? 0 : 1);
  }

  /** With --minimize-op N, the mismatch of op N (not the first) is the one minimized. */
  static int minimizeOp = -1;

  static void runCase(Runner runner, String label, List<Op> seq, Runner.Tally tally, int minimize, int budget,
      List<String[]> reproducers) throws Exception {
    int before = tally.failed, knownBefore = tally.known;
    long t0 = System.nanoTime();
    List<Runner.Mismatch> found = runner.run(label, seq, tally);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    int failed = tally.failed - before, known = tally.known - knownBefore;
    System.out.println("case " + label + ": " + seq.size() + " ops, " + failed + " unexplained, " + known + " known (" + ms + " ms)");
    Runner.Mismatch first = null;
    for (Runner.Mismatch m : found) {
      if (m.known() != null) {
        System.out.println("  known [" + m.known().id() + "] op " + m.index() + ": " + m.op());
        continue;
      }
      if (first == null && (minimizeOp < 0 || m.index() == minimizeOp)) first = m;
      System.out.println("  MISMATCH op " + m.index() + ": " + m.op());
      System.out.println("    " + m.firstDifference());
    }
    if (first == null || reproducers.size() >= minimize) return;
    System.out.println("  minimizing the first mismatch of " + label + " (op " + first.index() + ") ...");
    List<Op> min = runner.minimize(label, seq, first.index(), budget);
    String[] repro;
    if (min == null) {
      repro = new String[] {label, "not reproduced by replaying ops 0.." + first.index() + " on fresh tables"};
      System.out.println("  not reproduced on replay (order- or timing-dependent)");
    } else {
      StringBuilder sb = new StringBuilder();
      sb.append("  reproducer (" + min.size() + " ops, schema " + Target.SCHEMA + "):\n");
      for (int i = 0; i < min.size(); i++) sb.append("    ").append(i).append(": ").append(min.get(i).text()).append('\n');
      for (Runner.Mismatch m : runner.replay(label, min)) {
        if (m.known() != null || m.index() != min.size() - 1) continue;
        sb.append("    op ").append(m.index()).append(" answers differ\n");
        sb.append("      A: ").append(String.join(" | ", m.a())).append('\n');
        sb.append("      B: ").append(String.join(" | ", m.b())).append('\n');
        break;
      }
      repro = new String[] {label, sb.toString()};
      System.out.print(sb);
    }
    reproducers.add(repro);
  }
}
