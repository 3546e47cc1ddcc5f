// One side of a differential run: a connection to a cluster (by ZooKeeper quorum), the table the
// current sequence writes, and the clock windows of the operations run so far. Server-assigned
// timestamps differ between clusters, so a timestamp inside operation i's window (client clock
// before and after the call; each operation starts in a fresh millisecond) prints as `now@i`.
package shale.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.KeepDeletedCells;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

final class Target implements AutoCloseable {
  /** The schema every sequence runs on; Schema.describe() prints it in reproducers. */
  static final String SCHEMA =
      "f{VERSIONS=3} v{VERSIONS=1} k{VERSIONS=3,KEEP_DELETED_CELLS=TRUE} t{VERSIONS=2,TTL=3600}"
          + " m{VERSIONS=3,MIN_VERSIONS=1,TTL=3600}";

  final String name;
  final String quorum;
  final Connection connection;
  final Admin admin;
  private final long base;
  private TableName tableName;
  private Table table;
  private final List<long[]> windows = new ArrayList<>();
  private long lastEnd;

  Target(String name, String quorum, long base) throws IOException {
    this.name = name;
    this.quorum = quorum;
    this.base = base;
    this.connection = ConnectionFactory.createConnection(clientConfiguration(quorum));
    this.admin = connection.getAdmin();
  }

  static Configuration clientConfiguration(String quorum) {
    int colon = quorum.lastIndexOf(':');
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", quorum.substring(0, colon));
    conf.set("hbase.zookeeper.property.clientPort", quorum.substring(colon + 1));
    conf.setInt("hbase.client.retries.number", 4);
    conf.setLong("hbase.client.pause", 50);
    conf.setInt("hbase.client.operation.timeout", 30000);
    conf.setInt("hbase.rpc.timeout", 15000);
    conf.setInt("hbase.client.meta.operation.timeout", 30000);
    conf.setInt("zookeeper.recovery.retry", 1);
    return conf;
  }

  TableName tableName() {
    return tableName;
  }

  Table table() {
    return table;
  }

  /** Creates a fresh table with the shared schema and forgets earlier clock windows. */
  void newTable(String qualifier) throws IOException {
    closeTable();
    tableName = TableName.valueOf(qualifier);
    if (admin.tableExists(tableName)) {
      dropTable(tableName);
    }
    admin.createTable(descriptor(tableName));
    table = connection.getTable(tableName);
    windows.clear();
    lastEnd = 0;
  }

  static TableDescriptor descriptor(TableName tn) {
    return TableDescriptorBuilder.newBuilder(tn)
        .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(Bytes.toBytes("f")).setMaxVersions(3).build())
        .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(Bytes.toBytes("v")).setMaxVersions(1).build())
        .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(Bytes.toBytes("k")).setMaxVersions(3)
            .setKeepDeletedCells(KeepDeletedCells.TRUE).build())
        .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(Bytes.toBytes("t")).setMaxVersions(2)
            .setTimeToLive(3600).build())
        .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(Bytes.toBytes("m")).setMaxVersions(3)
            .setMinVersions(1).setTimeToLive(3600).build())
        .build();
  }

  /** Drops the current table (best effort: a failed drop leaves a stray table, not a wrong result). */
  void dropCurrentTable() {
    closeTable();
    if (tableName == null) return;
    try {
      dropTable(tableName);
    } catch (IOException e) {
      System.err.println(name + ": could not drop " + tableName + ": " + e);
    }
    tableName = null;
  }

  private void dropTable(TableName tn) throws IOException {
    if (admin.isTableEnabled(tn)) admin.disableTable(tn);
    admin.deleteTable(tn);
  }

  private void closeTable() {
    if (table == null) return;
    try {
      table.close();
    } catch (IOException ignored) {
      // closing a table handle releases nothing remote
    }
    table = null;
  }

  /** Starts operation `index`: waits for the next millisecond so windows never share one. */
  void begin(int index) {
    while (System.currentTimeMillis() <= lastEnd) Thread.onSpinWait();
    while (windows.size() <= index) windows.add(null);
    windows.set(index, new long[] {System.currentTimeMillis(), Long.MIN_VALUE});
  }

  void end(int index) {
    long now = System.currentTimeMillis();
    windows.get(index)[1] = now;
    lastEnd = now;
  }

  /** Prints a timestamp so that both targets print the same text for equivalent cells. */
  String ts(long t) {
    if (t == Long.MAX_VALUE) return "LATEST";
    for (int i = windows.size() - 1; i >= 0; i--) {
      long[] w = windows.get(i);
      long hi = w == null || w[1] != Long.MIN_VALUE ? (w == null ? 0 : w[1]) : System.currentTimeMillis();
      if (w != null && t >= w[0] && t <= hi) return "now@" + i;
    }
    long offset = t - base;
    if (Math.abs(offset) < 30L * 24 * 3600 * 1000) return offset >= 0 ? "B+" + offset : "B" + offset;
    return Long.toString(t);
  }

  @Override
  public void close() throws IOException {
    closeTable();
    admin.close();
    connection.close();
  }
}
