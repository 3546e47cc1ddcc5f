// Throughput of the unmodified HBase Java 2.6 client against a server: puts, then gets, of 100-byte
// values over `ops` distinct rows split among `threads` callers sharing one Connection (a Table
// per thread). Prints one JSON line: {"threads":N,"putsPerSec":..,"getsPerSec":..}.
// Usage: java -cp ... shale.Bench <quorum-host> <zk-port> <threads> <ops>
package shale;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.*;
import org.apache.hadoop.hbase.util.Bytes;

public final class Bench {
  interface Op { void run(Table t, int i) throws Exception; }

  static double phase(Connection conn, TableName tn, int threads, int ops, Op op) throws Exception {
    List<Thread> list = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    long start = System.nanoTime();
    for (int w = 0; w < threads; w++) {
      final int worker = w;
      list.add(new Thread(() -> {
        try (Table t = conn.getTable(tn)) {
          for (int i = worker; i < ops; i += threads) op.run(t, i);
        } catch (Throwable e) {
          synchronized (errors) { errors.add(e); }
        }
      }));
    }
    for (Thread t : list) t.start();
    for (Thread t : list) t.join();
    if (!errors.isEmpty()) throw new RuntimeException(errors.get(0));
    return ops / ((System.nanoTime() - start) / 1e9);
  }

  public static void main(String[] args) throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", args[0]);
    conf.set("hbase.zookeeper.property.clientPort", args[1]);
    int threads = Integer.parseInt(args[2]);
    int ops = Integer.parseInt(args[3]);
    byte[] cf = Bytes.toBytes("cf");
    byte[] value = new byte[100];
    TableName tn = TableName.valueOf("bench_" + System.nanoTime());
    try (Connection conn = ConnectionFactory.createConnection(conf); Admin admin = conn.getAdmin()) {
      admin.createTable(TableDescriptorBuilder.newBuilder(tn).setColumnFamily(ColumnFamilyDescriptorBuilder.of(cf)).build());
      // Warm-up: locate the region and open connections.
      phase(conn, tn, threads, Math.min(ops, 200), (t, i) -> t.put(new Put(Bytes.toBytes(String.format("w%08d", i))).addColumn(cf, cf, value)));
      double puts = phase(conn, tn, threads, ops, (t, i) -> t.put(new Put(Bytes.toBytes(String.format("r%08d", i))).addColumn(cf, cf, value)));
      double gets = phase(conn, tn, threads, ops, (t, i) -> {
        if (t.get(new Get(Bytes.toBytes(String.format("r%08d", i)))).isEmpty()) throw new IllegalStateException("missing row " + i);
      });
      admin.disableTable(tn);
      admin.deleteTable(tn);
      System.out.printf("{\"threads\":%d,\"putsPerSec\":%.0f,\"getsPerSec\":%.0f}%n", threads, puts, gets);
    }
    System.exit(0);
  }
}
