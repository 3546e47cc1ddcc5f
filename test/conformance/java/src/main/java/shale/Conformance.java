// Conformance scenario for Shale with the unmodified HBase Java client (hbase-shaded-client 2.6).
// Usage: java -cp target/conformance.jar:target/lib/* shale.Conformance <quorum-host> <zk-port> [rpc-registry-bootstrap]
// Prints one "PASS <check>" or "FAIL <check>: <reason>" line per check and ends with
// "N passed, M failed". Exit code 0 only when nothing failed.
package shale;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.*;
import org.apache.hadoop.hbase.util.Bytes;

public final class Conformance {
  private static int passed = 0;
  private static int failed = 0;

  interface Check { void run() throws Exception; }

  static void check(String name, Check c) {
    try {
      c.run();
      passed++;
      System.out.println("PASS " + name);
    } catch (Throwable t) {
      failed++;
      if (t instanceof RetriesExhaustedWithDetailsException) {
        for (Throwable cause : ((RetriesExhaustedWithDetailsException) t).getCauses()) cause.printStackTrace();
      } else if (System.getenv("SHALE_CONFORMANCE_TRACE") != null) {
        t.printStackTrace();
      }
      String msg = String.valueOf(t);
      if (msg.length() > 400) msg = msg.substring(0, 400);
      System.out.println("FAIL " + name + ": " + msg.replace('\n', ' '));
    }
  }

  static void expect(boolean ok, String what) {
    if (!ok) throw new AssertionError(what);
  }

  static byte[] b(String s) { return Bytes.toBytes(s); }

  public static void main(String[] args) throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", args[0]);
    conf.set("hbase.zookeeper.property.clientPort", args[1]);
    if (args.length > 2) {
      conf.set("hbase.client.registry.impl", "org.apache.hadoop.hbase.client.RpcConnectionRegistry");
      conf.set("hbase.client.bootstrap.servers", args[2]);
    }
    conf.setInt("hbase.client.retries.number", 5);
    conf.setInt("hbase.client.pause", 50);
    conf.setInt("hbase.rpc.timeout", 10000);
    conf.setInt("hbase.client.operation.timeout", 30000);
    String suffix = Long.toString(System.nanoTime());
    try (Connection conn = ConnectionFactory.createConnection(conf); Admin admin = conn.getAdmin()) {
      TableName tn = TableName.valueOf("conf_" + suffix);
      byte[] cf = b("cf");
      check("createTable pre-split", () -> {
        TableDescriptor td = TableDescriptorBuilder.newBuilder(tn)
            .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(cf).setMaxVersions(3).build())
            .setColumnFamily(ColumnFamilyDescriptorBuilder.of("cf2"))
            .build();
        admin.createTable(td, new byte[][] { b("g"), b("p") });
        expect(admin.tableExists(tn), "tableExists");
        expect(admin.isTableEnabled(tn), "isTableEnabled");
        expect(admin.getRegions(tn).size() == 3, "3 regions, got " + admin.getRegions(tn).size());
      });
      Table t = conn.getTable(tn);
      check("put/get", () -> {
        t.put(new Put(b("a1")).addColumn(cf, b("q"), b("v1")));
        Result r = t.get(new Get(b("a1")));
        expect(Bytes.toString(r.getValue(cf, b("q"))).equals("v1"), "value v1");
        expect(!t.get(new Get(b("zz-missing"))).isEmpty() == false, "missing row empty");
        expect(t.exists(new Get(b("a1"))), "exists");
      });
      check("put list across regions + scan forward", () -> {
        List<Put> puts = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
          String row = (char) ('a' + i) + "row";
          puts.add(new Put(b(row)).addColumn(cf, b("q"), b("v" + i)).addColumn(b("cf2"), b("x"), b("y" + i)));
        }
        t.put(puts);
        int n = 0;
        String prev = "";
        try (ResultScanner s = t.getScanner(new Scan().withStartRow(b("b")).withStopRow(b("y")))) {
          for (Result r : s) {
            String row = Bytes.toString(r.getRow());
            expect(row.compareTo(prev) > 0, "ascending");
            prev = row;
            n++;
          }
        }
        expect(n == 23, "23 rows from b to y, got " + n);
      });
      check("scan reversed", () -> {
        List<String> rows = new ArrayList<>();
        try (ResultScanner s = t.getScanner(new Scan().setReversed(true).withStartRow(b("r")).withStopRow(b("d")))) {
          for (Result r : s) rows.add(Bytes.toString(r.getRow()));
        }
        expect(rows.size() == 14 && rows.get(0).equals("qrow") && rows.get(13).equals("drow"), "reversed q..d: " + rows);
      });
      check("scan with caching and batch", () -> {
        int results = 0;
        try (ResultScanner s = t.getScanner(new Scan().setCaching(3).setBatch(1))) {
          for (Result r : s) { expect(r.size() == 1, "1 cell per result"); results++; }
        }
        expect(results == 53, "53 one-cell results, got " + results);
      });
      check("scan limit", () -> {
        int n = 0;
        try (ResultScanner s = t.getScanner(new Scan().setLimit(5).setCaching(2))) {
          for (Result r : s) n++;
        }
        expect(n == 5, "limit 5, got " + n);
      });
      check("versions", () -> {
        for (long ts = 1; ts <= 4; ts++) t.put(new Put(b("ver")).addColumn(cf, b("q"), ts, b("v" + ts)));
        Result r = t.get(new Get(b("ver")).readAllVersions());
        expect(r.getColumnCells(cf, b("q")).size() == 3, "3 versions kept, got " + r.getColumnCells(cf, b("q")).size());
        expect(Bytes.toString(r.getValue(cf, b("q"))).equals("v4"), "newest v4");
      });
      check("delete kinds", () -> {
        t.put(new Put(b("del")).addColumn(cf, b("a"), 10, b("1")).addColumn(cf, b("a"), 20, b("2"))
            .addColumn(cf, b("b"), 10, b("3")).addColumn(b("cf2"), b("c"), 10, b("4")));
        t.delete(new Delete(b("del")).addColumn(cf, b("a")));
        expect(Bytes.toString(t.get(new Get(b("del"))).getValue(cf, b("a"))).equals("1"), "latest version deleted");
        t.delete(new Delete(b("del")).addColumns(cf, b("a")));
        expect(t.get(new Get(b("del"))).getValue(cf, b("a")) == null, "all versions deleted");
        t.delete(new Delete(b("del")).addFamily(cf));
        expect(t.get(new Get(b("del"))).getValue(cf, b("b")) == null, "family deleted");
        expect(t.get(new Get(b("del"))).getValue(b("cf2"), b("c")) != null, "other family kept");
        t.delete(new Delete(b("del")));
        expect(t.get(new Get(b("del"))).isEmpty(), "row deleted");
        t.put(new Put(b("dfv")).addColumn(cf, b("a"), 5, b("x")).addColumn(cf, b("b"), 5, b("y")).addColumn(cf, b("b"), 6, b("z")));
        t.delete(new Delete(b("dfv")).addFamilyVersion(cf, 5));
        Result r = t.get(new Get(b("dfv")));
        expect(r.size() == 1 && Bytes.toString(r.getValue(cf, b("b"))).equals("z"), "family version deleted");
      });
      check("increment", () -> {
        long v = t.incrementColumnValue(b("cnt"), cf, b("n"), 5);
        expect(v == 5, "5");
        Result r = t.increment(new Increment(b("cnt")).addColumn(cf, b("n"), 10));
        expect(Bytes.toLong(r.getValue(cf, b("n"))) == 15, "15");
      });
      check("append", () -> {
        t.append(new Append(b("app")).addColumn(cf, b("s"), b("ab")));
        Result r = t.append(new Append(b("app")).addColumn(cf, b("s"), b("cd")));
        expect(Bytes.toString(r.getValue(cf, b("s"))).equals("abcd"), "abcd");
      });
      check("checkAndMutate", () -> {
        boolean first = t.checkAndMutate(b("cam"), cf).qualifier(b("q")).ifNotExists().thenPut(new Put(b("cam")).addColumn(cf, b("q"), b("1")));
        boolean second = t.checkAndMutate(b("cam"), cf).qualifier(b("q")).ifNotExists().thenPut(new Put(b("cam")).addColumn(cf, b("q"), b("2")));
        expect(first && !second, "put if absent once");
        boolean eq = t.checkAndMutate(b("cam"), cf).qualifier(b("q")).ifEquals(b("1")).thenPut(new Put(b("cam")).addColumn(cf, b("q"), b("3")));
        expect(eq, "ifEquals");
        CheckAndMutateResult res = t.checkAndMutate(CheckAndMutate.newBuilder(b("cam")).ifEquals(cf, b("q"), b("3"))
            .build(new RowMutations(b("cam")).add((Mutation) new Put(b("cam")).addColumn(cf, b("r"), b("x"))).add((Mutation) new Delete(b("cam")).addColumns(cf, b("q")))));
        expect(res.isSuccess(), "row mutations applied");
        Result r = t.get(new Get(b("cam")));
        expect(r.getValue(cf, b("q")) == null && r.getValue(cf, b("r")) != null, "row mutations result");
      });
      check("mutateRow", () -> {
        t.mutateRow(new RowMutations(b("mr")).add((Mutation) new Put(b("mr")).addColumn(cf, b("a"), b("1"))).add((Mutation) new Put(b("mr")).addColumn(cf, b("b"), b("2"))));
        expect(t.get(new Get(b("mr"))).size() == 2, "2 cells");
      });
      check("batch", () -> {
        List<Row> actions = new ArrayList<>();
        actions.add(new Put(b("bat1")).addColumn(cf, b("q"), b("1")));
        actions.add(new Get(b("a1")));
        actions.add(new Delete(b("arow")));
        actions.add(new Increment(b("bat2")).addColumn(cf, b("n"), 2));
        actions.add(new Put(b("zbat")).addColumn(cf, b("q"), b("z")));
        Object[] results = new Object[actions.size()];
        t.batch(actions, results);
        expect(results[1] instanceof Result && Bytes.toString(((Result) results[1]).getValue(cf, b("q"))).equals("v1"), "get in batch");
        expect(t.get(new Get(b("arow"))).isEmpty(), "delete in batch");
        expect(Bytes.toLong(t.get(new Get(b("bat2"))).getValue(cf, b("n"))) == 2, "increment in batch");
        List<Get> gets = Arrays.asList(new Get(b("bat1")), new Get(b("zbat")), new Get(b("nope")));
        Result[] rs = t.get(gets);
        expect(rs.length == 3 && !rs[0].isEmpty() && !rs[1].isEmpty() && rs[2].isEmpty(), "multi get");
      });
      check("BufferedMutator", () -> {
        try (BufferedMutator bm = conn.getBufferedMutator(tn)) {
          for (int i = 0; i < 500; i++) bm.mutate(new Put(b(String.format("bm%04d", i))).addColumn(cf, b("q"), b("v" + i)));
        }
        int n = 0;
        try (ResultScanner s = t.getScanner(new Scan().setRowPrefixFilter(b("bm")))) { for (Result r : s) n++; }
        expect(n == 500, "500 rows, got " + n);
      });
      check("unknown family fails", () -> {
        try {
          t.get(new Get(b("a1")).addFamily(b("nope")));
          throw new AssertionError("no exception");
        } catch (IOException e) {
          expect(String.valueOf(e).contains("NoSuchColumnFamilyException"), "NoSuchColumnFamily: " + e);
        }
      });
      check("list and describe", () -> {
        expect(Arrays.asList(admin.listTableNames()).contains(tn), "listTableNames");
        TableDescriptor d = admin.getDescriptor(tn);
        expect(d.getColumnFamily(cf).getMaxVersions() == 3, "VERSIONS 3");
        expect(admin.listTableDescriptors().size() >= 1, "listTableDescriptors");
      });
      check("flush", () -> admin.flush(tn));
      check("disable/enable", () -> {
        admin.disableTable(tn);
        expect(admin.isTableDisabled(tn), "disabled");
        try {
          Table t2 = conn.getTable(tn);
          t2.get(new Get(b("a1")));
          throw new AssertionError("get on disabled table succeeded");
        } catch (IOException e) {
          expect(String.valueOf(e).contains("TableNotEnabledException") || String.valueOf(e).contains("NotServingRegion") || String.valueOf(e).contains("disabled"), "disabled error: " + e);
        }
        admin.enableTable(tn);
        expect(admin.isTableEnabled(tn), "enabled");
        expect(Bytes.toString(conn.getTable(tn).get(new Get(b("a1"))).getValue(cf, b("q"))).equals("v1"), "data after enable");
      });
      check("truncate preserving splits", () -> {
        admin.disableTable(tn);
        admin.truncateTable(tn, true);
        expect(admin.isTableEnabled(tn), "enabled after truncate");
        expect(admin.getRegions(tn).size() == 3, "3 regions after truncate");
        expect(conn.getTable(tn).get(new Get(b("a1"))).isEmpty(), "empty after truncate");
        conn.getTable(tn).put(new Put(b("after")).addColumn(cf, b("q"), b("x")));
        expect(!conn.getTable(tn).get(new Get(b("after"))).isEmpty(), "write after truncate");
      });
      check("namespaces", () -> {
        String ns = "ns" + suffix;
        admin.createNamespace(NamespaceDescriptor.create(ns).build());
        expect(admin.getNamespaceDescriptor(ns).getName().equals(ns), "get ns");
        TableName nt = TableName.valueOf(ns, "t");
        admin.createTable(TableDescriptorBuilder.newBuilder(nt).setColumnFamily(ColumnFamilyDescriptorBuilder.of("f")).build());
        conn.getTable(nt).put(new Put(b("r")).addColumn(b("f"), b("q"), b("v")));
        expect(!conn.getTable(nt).get(new Get(b("r"))).isEmpty(), "ns table data");
        expect(admin.listTableNamesByNamespace(ns).length == 1, "tables in ns");
        admin.disableTable(nt);
        admin.deleteTable(nt);
        admin.deleteNamespace(ns);
        expect(Arrays.stream(admin.listNamespaceDescriptors()).noneMatch(d -> d.getName().equals(ns)), "ns deleted");
      });
      check("cluster status", () -> {
        expect(admin.getClusterMetrics().getLiveServerMetrics().size() == 1, "one live server");
        expect(admin.isBalancerEnabled(), "balancer on");
      });
      check("delete table", () -> {
        admin.disableTable(tn);
        admin.deleteTable(tn);
        expect(!admin.tableExists(tn), "gone");
      });
    }
    System.out.println(passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }
}
