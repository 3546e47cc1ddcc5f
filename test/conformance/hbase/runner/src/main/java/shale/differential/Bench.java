// Anchor measurements: starts each system itself (so startup is timed from process spawn to the
// first Get answered through the Java client), reads VmRSS after startup and after a load, and
// measures ops/s of random put, random get and a 50-row scan at 1 and 16 client threads, each phase
// bounded by time. Prints one table per system and the Shale/HBase ratios.
package shale.differential;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

final class Bench {
  private Bench() {}

  static final int KEYS = 50_000;
  static final int VALUE_BYTES = 100;
  static final byte[] FAMILY = Bytes.toBytes("f");
  static final byte[] QUALIFIER = Bytes.toBytes("q");
  static final Pattern QUORUM = Pattern.compile("(?:HBASE_ZK_QUORUM=|\"quorum\":\")(127\\.0\\.0\\.1:\\d+)");

  public static void main(String[] args) throws Exception {
    String root = ".";
    double seconds = 5;
    List<String> systems = new ArrayList<>(List.of("hbase", "shale"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = args[++i];
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--systems" -> systems = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown bench argument " + args[i]);
      }
    }
    Map<String, Map<String, Double>> all = new LinkedHashMap<>();
    for (String system : systems) {
      Map<String, Double> m = new LinkedHashMap<>();
      try {
        measure(system, new File(root).getAbsoluteFile(), seconds, m);
      } catch (Exception e) {
        System.out.println("bench " + system + ": not run: " + Render.chain(e) + ": " + Render.message(e));
      }
      all.put(system, m);
      print(system, m);
    }
    Map<String, Double> h = all.get("hbase"), s = all.get("shale");
    if (h != null && s != null && !h.isEmpty() && !s.isEmpty()) {
      System.out.println("ratios shale/hbase:");
      for (String k : h.keySet()) {
        if (s.containsKey(k)) System.out.printf("  %-26s %8.2f%n", k, s.get(k) / h.get(k));
      }
    } else {
      System.out.println("ratios shale/hbase: not run (a system did not start)");
    }
  }

  static void print(String system, Map<String, Double> m) {
    System.out.println("bench " + system + ":");
    for (var e : m.entrySet()) System.out.printf("  %-26s %12.1f%n", e.getKey(), e.getValue());
  }

  static Process spawn(String system, File root) throws Exception {
    Path data = Files.createTempDirectory("shale-anchor-" + system);
    ProcessBuilder pb;
    if (system.equals("hbase")) {
      pb = new ProcessBuilder("bash", new File(root, "test/conformance/hbase/start-hbase.sh").getPath(),
          "--data-dir", data.toString());
    } else {
      pb = new ProcessBuilder(new File(root, "node_modules/.bin/bun").getPath(), "server/main.ts", "--data-dir", data.toString(),
          "--zk-port", "0", "--master-port", "0", "--regionserver-port", "0", "--print-config", "--log-level", "warn");
    }
    pb.directory(root);
    pb.redirectErrorStream(true);
    return pb.start();
  }

  static String awaitQuorum(Process p, long deadlineMs) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      Matcher mt = QUORUM.matcher(line);
      if (mt.find()) {
        Thread drain = new Thread(() -> { try { while (in.readLine() != null) { } } catch (Exception ignored) { } });
        drain.setDaemon(true);
        drain.start();
        return mt.group(1);
      }
      if (System.currentTimeMillis() > deadlineMs) break;
    }
    throw new IllegalStateException("no quorum line from the server");
  }

  /** VmRSS of the process and its descendants, in MiB (start-hbase.sh execs the JVM itself). */
  static double rssMiB(Process p) throws Exception {
    long kb = rssKb(p.pid());
    for (ProcessHandle h : p.descendants().toList()) kb += rssKb(h.pid());
    return kb / 1024.0;
  }

  static long rssKb(long pid) throws Exception {
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
    }
    return 0;
  }

  static void measure(String system, File root, double seconds, Map<String, Double> m) throws Exception {
    long t0 = System.nanoTime();
    Process p = spawn(system, root);
    try {
      String quorum = awaitQuorum(p, System.currentTimeMillis() + 240_000);
      try (Connection c = ConnectionFactory.createConnection(Target.clientConfiguration(quorum))) {
        try (Table meta = c.getTable(TableName.META_TABLE_NAME)) {
          meta.get(new Get(Bytes.toBytes("anchor")));
        }
        m.put("startup_to_first_get_ms", (System.nanoTime() - t0) / 1e6);
        m.put("rss_after_startup_mib", rssMiB(p));
        TableName tn = TableName.valueOf("anchor_bench");
        c.getAdmin().createTable(TableDescriptorBuilder.newBuilder(tn)
            .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(FAMILY).build()).build());
        for (int threads : new int[] {1, 16}) {
          m.put("put_ops_s_" + threads + "t", run(c, tn, threads, seconds, Bench::randomPut));
        }
        load(c, tn);
        m.put("rss_after_load_mib", rssMiB(p));
        for (int threads : new int[] {1, 16}) {
          m.put("get_ops_s_" + threads + "t", run(c, tn, threads, seconds, Bench::randomGet));
        }
        for (int threads : new int[] {1, 16}) {
          m.put("scan50_ops_s_" + threads + "t", run(c, tn, threads, seconds, Bench::randomScan));
        }
      }
    } finally {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    }
  }

  interface Step {
    void run(Table t) throws Exception;
  }

  static byte[] key(int i) {
    return Bytes.toBytes(String.format("k%08d", i));
  }

  static void randomPut(Table t) throws Exception {
    byte[] v = new byte[VALUE_BYTES];
    ThreadLocalRandom.current().nextBytes(v);
    t.put(new Put(key(ThreadLocalRandom.current().nextInt(KEYS))).addColumn(FAMILY, QUALIFIER, v));
  }

  static void randomGet(Table t) throws Exception {
    Result r = t.get(new Get(key(ThreadLocalRandom.current().nextInt(KEYS))));
    if (r.isEmpty()) throw new IllegalStateException("get after load found nothing");
  }

  static void randomScan(Table t) throws Exception {
    Scan s = new Scan().withStartRow(key(ThreadLocalRandom.current().nextInt(KEYS))).setLimit(50).setCaching(50);
    try (ResultScanner rs = t.getScanner(s)) {
      while (rs.next() != null) { }
    }
  }

  /** Writes every key once, so that gets and scans always find rows. */
  static void load(Connection c, TableName tn) throws Exception {
    try (BufferedMutator bm = c.getBufferedMutator(tn)) {
      byte[] v = new byte[VALUE_BYTES];
      for (int i = 0; i < KEYS; i++) bm.mutate(new Put(key(i)).addColumn(FAMILY, QUALIFIER, v));
    }
  }

  /** Runs `step` on `threads` threads for `seconds`; returns completed ops per second. */
  static double run(Connection c, TableName tn, int threads, double seconds, Step step) throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Thread> ts = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      Thread th = new Thread(() -> {
        try (Table t = c.getTable(tn)) {
          while (System.nanoTime() < end) {
            try {
              step.run(t);
              done.incrementAndGet();
            } catch (Exception e) {
              if (errors.incrementAndGet() == 1) System.out.println("  first error: " + Render.chain(e) + ": " + Render.message(e));
            }
          }
        } catch (Exception e) {
          errors.incrementAndGet();
        }
      });
      th.start();
      ts.add(th);
    }
    for (Thread th : ts) th.join();
    double secs = (System.nanoTime() - start) / 1e9;
    if (errors.get() > 0) System.out.println("  " + errors.get() + " errors in a " + threads + "-thread phase");
    return done.get() / secs;
  }
}
