// A real Apache HBase 2.6 for the differential runner and the anchor benchmark: one HMaster, one
// region server and a ZooKeeper, all in this JVM, on loopback, storing data on the local
// filesystem (no HDFS). Prints `HBASE_ZK_QUORUM=127.0.0.1:<port>` once a table can be created,
// then runs until SIGTERM/SIGINT, when it shuts the cluster down and exits 0.
package shale.hbase;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HBaseTestingUtility;
import org.apache.hadoop.hbase.StartMiniClusterOption;
import org.apache.hadoop.hbase.client.Admin;

public final class MiniCluster {
  private MiniCluster() {}

  public static void main(String[] args) throws Exception {
    long startNs = System.nanoTime();
    int zkPort = 0;
    String readyFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--zk-port" -> zkPort = Integer.parseInt(args[++i]);
        case "--ready-file" -> readyFile = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Configuration conf = clusterConfiguration(zkPort);
    HBaseTestingUtility util = new HBaseTestingUtility(conf);
    util.startMiniZKCluster();
    util.startMiniHBaseCluster(StartMiniClusterOption.builder().numMasters(1).numRegionServers(1).build());
    try (Admin admin = util.getConnection().getAdmin()) {
      admin.listTableNames();
    }
    int port = util.getZkCluster().getClientPort();
    long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
    String line = "HBASE_ZK_QUORUM=127.0.0.1:" + port;
    if (readyFile != null) {
      Files.writeString(new File(readyFile).toPath(), line + "\n", StandardCharsets.UTF_8);
    }
    System.out.println("HBASE_STARTUP_MS=" + elapsedMs);
    System.out.println("HBASE_PID=" + ProcessHandle.current().pid());
    System.out.println(line);
    System.out.flush();
    waitForSignal(util);
  }

  /** Loopback, local filesystem, no web UIs; everything else stays at HBase's defaults. */
  static Configuration clusterConfiguration(int zkPort) {
    Configuration conf = HBaseConfiguration.create();
    if (zkPort > 0) {
      conf.setInt("test.hbase.zookeeper.property.clientPort", zkPort);
    }
    conf.set("hbase.zookeeper.quorum", "127.0.0.1");
    conf.set("hbase.master.ipc.address", "127.0.0.1");
    conf.set("hbase.regionserver.ipc.address", "127.0.0.1");
    conf.set("hbase.master.hostname", "localhost");
    conf.set("hbase.regionserver.hostname", "localhost");
    conf.set("hbase.unsafe.regionserver.hostname", "localhost");
    conf.setInt("hbase.master.info.port", -1);
    conf.setInt("hbase.regionserver.info.port", -1);
    conf.set("fs.defaultFS", "file:///");
    conf.setBoolean("hbase.unsafe.stream.capability.enforce", false);
    conf.set("hbase.wal.provider", "filesystem");
    // A region whose compaction rewrote a split's references keeps the old reference files as
    // "compacted" until this chore archives them (2 min by default), and refuses to split again
    // until then. Timing only, not answers: run it every second so back-to-back splits work.
    conf.setInt("hbase.hfile.compaction.discharger.interval", 1000);
    return conf;
  }

  private static void waitForSignal(HBaseTestingUtility util) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        util.shutdownMiniCluster();
      } catch (Exception e) {
        System.err.println("shutdown failed: " + e);
      }
      System.out.println("HBASE_STOPPED");
      System.out.flush();
      stopped.countDown();
    }));
    stopped.await();
  }
}
