// A table split while unmodified HBase Java 2.6 clients write and scan (issue 5): writer threads
// put rows and remember what was acknowledged, scanner threads scan the whole table over and over,
// and the main thread splits with Admin.split (no point, then a point) while the server also
// splits on its own past a tiny size. Checks: no error reaches a caller, every acknowledged row is
// there at the end, and every scan returns each row once, in order.
// Usage: java -cp ... shale.SplitWhileWriting <quorum-host> <zk-port> <seconds>
package shale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.*;
import org.apache.hadoop.hbase.util.Bytes;

public final class SplitWhileWriting {
  static final int WRITERS = 4;
  static final int SCANNERS = 2;
  static final byte[] CF = Bytes.toBytes("cf");
  static final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  static final AtomicBoolean stop = new AtomicBoolean(false);
  static final AtomicLong scans = new AtomicLong();

  static String row(int writer, int seq) {
    // Spread writers over the key space so every split point has writes on both sides.
    return String.format("%02x-w%d-%07d", (seq * 37 + writer * 61) & 0xff, writer, seq);
  }

  static void fail(String what, Throwable t) {
    errors.add(what + ": " + t);
  }

  // HBase refuses to split a region that is itself mid-split (not OPEN) or still reads references
  // from its last split (NOT splittable) until compaction rewrites them; the server's own size
  // splits make both likely here, so the explicit split is retried the way an HBase user must.
  static final AtomicLong splitRetries = new AtomicLong();

  static void splitRetrying(String what, Admin admin, TableName tn, byte[] point) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (true) {
      try {
        admin.flush(tn);
        if (point == null) admin.split(tn); else admin.split(tn, point);
        return;
      } catch (Throwable e) {
        String message = String.valueOf(e.getMessage());
        // ... or the region the client located is gone by now (split, then cleaned up): relocate.
        boolean transient_ = message.contains("NOT splittable") || message.contains("is not OPEN") || message.contains("UnknownRegionException");
        if (!transient_ || System.currentTimeMillis() > deadline) { fail(what, e); return; }
        splitRetries.incrementAndGet();
        Thread.sleep(200);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", args[0]);
    conf.set("hbase.zookeeper.property.clientPort", args[1]);
    long seconds = Long.parseLong(args[2]);
    conf.setInt("hbase.client.retries.number", 30);
    conf.setInt("hbase.client.pause", 50);
    TableName tn = TableName.valueOf("split_" + System.nanoTime());
    int passed = 0;
    int failed = 0;
    try (Connection conn = ConnectionFactory.createConnection(conf); Admin admin = conn.getAdmin()) {
      admin.createTable(TableDescriptorBuilder.newBuilder(tn).setColumnFamily(ColumnFamilyDescriptorBuilder.of(CF)).build());
      int[] acked = new int[WRITERS];
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        final int writer = w;
        threads.add(new Thread(() -> {
          byte[] value = new byte[256];
          try (Table t = conn.getTable(tn)) {
            for (int seq = 0; !stop.get(); seq++) {
              t.put(new Put(Bytes.toBytes(row(writer, seq))).addColumn(CF, Bytes.toBytes("q"), value));
              acked[writer] = seq + 1;
            }
          } catch (Throwable e) {
            fail("writer " + writer, e);
          }
        }));
      }
      for (int s = 0; s < SCANNERS; s++) {
        final int scanner = s;
        threads.add(new Thread(() -> {
          try (Table t = conn.getTable(tn)) {
            while (!stop.get()) {
              String prev = null;
              try (ResultScanner rs = t.getScanner(new Scan().setCaching(97))) {
                for (Result r : rs) {
                  String row = Bytes.toString(r.getRow());
                  if (prev != null && row.compareTo(prev) <= 0) throw new IllegalStateException("row " + row + " after " + prev);
                  prev = row;
                }
              }
              scans.incrementAndGet();
            }
          } catch (Throwable e) {
            fail("scanner " + scanner, e);
          }
        }));
      }
      for (Thread t : threads) t.start();
      long end = System.currentTimeMillis() + seconds * 1000;
      int regionsBefore = admin.getRegions(tn).size();
      Thread.sleep(seconds * 1000 / 4);
      splitRetrying("Admin.split(table)", admin, tn, null);
      Thread.sleep(seconds * 1000 / 4);
      splitRetrying("Admin.split(table, point)", admin, tn, Bytes.toBytes("80"));
      while (System.currentTimeMillis() < end) Thread.sleep(100);
      stop.set(true);
      for (Thread t : threads) t.join(60_000);
      int regionsAfter = admin.getRegions(tn).size();
      System.out.println("regions " + regionsBefore + " -> " + regionsAfter + ", scans " + scans.get() + ", rows acknowledged " + java.util.Arrays.stream(acked).sum() + ", split retries " + splitRetries.get());

      if (errors.isEmpty()) { passed++; System.out.println("PASS no errors reached a caller"); }
      else { failed++; System.out.println("FAIL no errors reached a caller: " + String.join(" | ", errors)); }
      if (regionsAfter >= 3) { passed++; System.out.println("PASS table was split"); }
      else { failed++; System.out.println("FAIL table was split: " + regionsAfter + " regions"); }

      java.util.Set<String> seen = new java.util.HashSet<>();
      String prev = null;
      boolean ordered = true;
      try (Table t = conn.getTable(tn); ResultScanner rs = t.getScanner(new Scan().setCaching(500))) {
        for (Result r : rs) {
          String row = Bytes.toString(r.getRow());
          if (prev != null && row.compareTo(prev) <= 0) ordered = false;
          prev = row;
          seen.add(row);
        }
      }
      List<String> lost = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) for (int s = 0; s < acked[w]; s++) if (!seen.contains(row(w, s))) lost.add(row(w, s));
      if (lost.isEmpty()) { passed++; System.out.println("PASS nothing acknowledged is lost"); }
      else { failed++; System.out.println("FAIL nothing acknowledged is lost: " + lost.size() + " rows, e.g. " + lost.subList(0, Math.min(5, lost.size()))); }
      if (ordered) { passed++; System.out.println("PASS final scan in order, each row once"); }
      else { failed++; System.out.println("FAIL final scan in order, each row once"); }
      admin.disableTable(tn);
      admin.deleteTable(tn);
    }
    System.out.println(passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }
}
