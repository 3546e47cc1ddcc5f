// Immutable descriptions of client requests: each prints itself for reproducers and builds a fresh
// HBase client object for every run (client objects are mutable, so they are never shared between
// the two targets).
package shale.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.Append;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Durability;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Row;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.filter.Filter;
import org.apache.hadoop.hbase.util.Bytes;

final class Specs {
  private Specs() {}

  static final long LATEST = HConstants.LATEST_TIMESTAMP;

  static byte[] b(String printable) {
    return Bytes.toBytesBinary(printable);
  }

  static String tsText(long ts, long base) {
    if (ts == LATEST) return "LATEST";
    long off = ts - base;
    if (Math.abs(off) < 30L * 24 * 3600 * 1000) return off >= 0 ? "B+" + off : "B" + off;
    return Long.toString(ts);
  }

  /** A filter with its reproducer text; make() returns a fresh instance each time. */
  record FilterSpec(String text, Supplier<Filter> make, boolean hasFilterRow) {}

  /** Something that can go into a batch: a mutation or a Get. */
  interface RowSpec {
    String text();

    Row build();
  }

  interface MutationSpec extends RowSpec {
    @Override
    Mutation build();
  }

  record CellSpec(String family, String qualifier, long ts, String value) {}

  record PutSpec(String row, List<CellSpec> cells, Long putTs, Long ttlMs, Durability durability, long base)
      implements MutationSpec {
    @Override
    public String text() {
      StringBuilder sb = new StringBuilder("Put(" + row + (putTs == null ? "" : ", ts=" + tsText(putTs, base)) + ")");
      for (CellSpec c : cells) {
        sb.append(" ").append(c.family).append(":").append(c.qualifier).append("@")
            .append(tsText(c.ts, base)).append("=").append(c.value);
      }
      if (ttlMs != null) sb.append(" ttl=").append(ttlMs);
      if (durability != null) sb.append(" durability=").append(durability);
      return sb.toString();
    }

    @Override
    public Put build() {
      Put p = putTs == null ? new Put(b(row)) : new Put(b(row), putTs);
      for (CellSpec c : cells) {
        if (c.ts == LATEST) p.addColumn(b(c.family), b(c.qualifier), b(c.value));
        else p.addColumn(b(c.family), b(c.qualifier), c.ts, b(c.value));
      }
      if (ttlMs != null) p.setTTL(ttlMs);
      if (durability != null) p.setDurability(durability);
      return p;
    }
  }

  enum DeleteKind { FAMILY, FAMILY_VERSION, COLUMNS, COLUMN }

  record DeleteItem(DeleteKind kind, String family, String qualifier, long ts) {}

  record DeleteSpec(String row, Long deleteTs, List<DeleteItem> items, long base) implements MutationSpec {
    @Override
    public String text() {
      StringBuilder sb = new StringBuilder("Delete(" + row + (deleteTs == null ? "" : ", ts=" + tsText(deleteTs, base)) + ")");
      for (DeleteItem i : items) {
        String q = i.qualifier == null ? "" : ":" + i.qualifier;
        sb.append(" ").append(i.kind).append("(").append(i.family).append(q)
            .append(i.ts == LATEST ? "" : "@" + tsText(i.ts, base)).append(")");
      }
      return sb.toString();
    }

    @Override
    public Delete build() {
      Delete d = deleteTs == null ? new Delete(b(row)) : new Delete(b(row), deleteTs);
      for (DeleteItem i : items) {
        byte[] f = b(i.family);
        switch (i.kind) {
          case FAMILY -> { if (i.ts == LATEST) d.addFamily(f); else d.addFamily(f, i.ts); }
          case FAMILY_VERSION -> d.addFamilyVersion(f, i.ts);
          case COLUMNS -> { if (i.ts == LATEST) d.addColumns(f, b(i.qualifier)); else d.addColumns(f, b(i.qualifier), i.ts); }
          case COLUMN -> { if (i.ts == LATEST) d.addColumn(f, b(i.qualifier)); else d.addColumn(f, b(i.qualifier), i.ts); }
        }
      }
      return d;
    }
  }

  /** A column selector: qualifier null means the whole family. */
  record Column(String family, String qualifier) {
    @Override
    public String toString() {
      return qualifier == null ? family : family + ":" + qualifier;
    }
  }

  /** Read options shared by Get and Scan. */
  record ReadOptions(List<Column> columns, int versions, Long minTs, Long maxTs, FilterSpec filter,
      int storeLimit, int storeOffset) {
    String text(long base) {
      StringBuilder sb = new StringBuilder();
      if (!columns.isEmpty()) sb.append(" columns=").append(columns);
      if (versions != 1) sb.append(" versions=").append(versions);
      if (minTs != null) sb.append(" timeRange=[").append(tsText(minTs, base)).append(",").append(tsText(maxTs, base)).append(")");
      if (filter != null) sb.append(" filter=").append(filter.text());
      if (storeLimit >= 0) sb.append(" storeLimit=").append(storeLimit);
      if (storeOffset > 0) sb.append(" storeOffset=").append(storeOffset);
      return sb.toString();
    }
  }

  record GetSpec(String row, ReadOptions o, boolean existenceOnly, long base) implements RowSpec {
    @Override
    public String text() {
      return "Get(" + row + ")" + o.text(base) + (existenceOnly ? " existenceOnly" : "");
    }

    @Override
    public Get build() {
      Get g = new Get(b(row));
      for (Column c : o.columns) {
        if (c.qualifier == null) g.addFamily(b(c.family));
        else g.addColumn(b(c.family), b(c.qualifier));
      }
      try {
        g.readVersions(o.versions);
        if (o.minTs != null) g.setTimeRange(o.minTs, o.maxTs);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(e);
      }
      if (o.filter != null) g.setFilter(o.filter.make().get());
      if (o.storeLimit >= 0) g.setMaxResultsPerColumnFamily(o.storeLimit);
      if (o.storeOffset > 0) g.setRowOffsetPerColumnFamily(o.storeOffset);
      if (existenceOnly) g.setCheckExistenceOnly(true);
      return g;
    }
  }

  record ScanSpec(String start, boolean startInclusive, String stop, boolean stopInclusive, boolean reversed,
      int limit, int batch, int caching, long maxResultSize, boolean allowPartial, boolean raw, ReadOptions o, long base) {
    String text() {
      StringBuilder sb = new StringBuilder("Scan(");
      sb.append(start == null ? "-" : (startInclusive ? "[" : "(") + start).append(" .. ");
      sb.append(stop == null ? "-" : stop + (stopInclusive ? "]" : ")")).append(")");
      if (reversed) sb.append(" reversed");
      if (limit > 0) sb.append(" limit=").append(limit);
      if (batch > 0) sb.append(" batch=").append(batch);
      if (caching > 0) sb.append(" caching=").append(caching);
      if (maxResultSize > 0) sb.append(" maxResultSize=").append(maxResultSize);
      if (allowPartial) sb.append(" allowPartialResults");
      if (raw) sb.append(" raw");
      return sb.append(o.text(base)).toString();
    }

    Scan build() throws java.io.IOException {
      Scan s = new Scan();
      if (start != null) s.withStartRow(b(start), startInclusive);
      if (stop != null) s.withStopRow(b(stop), stopInclusive);
      s.setReversed(reversed);
      if (limit > 0) s.setLimit(limit);
      if (batch > 0) s.setBatch(batch);
      if (caching > 0) s.setCaching(caching);
      if (maxResultSize > 0) s.setMaxResultSize(maxResultSize);
      if (allowPartial) s.setAllowPartialResults(true);
      if (raw) s.setRaw(true);
      for (Column c : o.columns) {
        if (c.qualifier == null) s.addFamily(b(c.family));
        else s.addColumn(b(c.family), b(c.qualifier));
      }
      s.readVersions(o.versions);
      if (o.minTs != null) s.setTimeRange(o.minTs, o.maxTs);
      if (o.filter != null) s.setFilter(o.filter.make().get());
      if (o.storeLimit >= 0) s.setMaxResultsPerColumnFamily(o.storeLimit);
      if (o.storeOffset > 0) s.setRowOffsetPerColumnFamily(o.storeOffset);
      return s;
    }
  }

  record AmountSpec(String family, String qualifier, long amount) {}

  record IncrementSpec(String row, List<AmountSpec> columns, boolean returnResults, Long minTs, Long maxTs, long base)
      implements MutationSpec {
    @Override
    public String text() {
      StringBuilder sb = new StringBuilder("Increment(" + row + ")");
      for (AmountSpec a : columns) sb.append(" ").append(a.family).append(":").append(a.qualifier).append("+=").append(a.amount);
      if (!returnResults) sb.append(" returnResults=false");
      if (minTs != null) sb.append(" timeRange=[").append(tsText(minTs, base)).append(",").append(tsText(maxTs, base)).append(")");
      return sb.toString();
    }

    @Override
    public Increment build() {
      Increment inc = new Increment(b(row));
      for (AmountSpec a : columns) inc.addColumn(b(a.family), b(a.qualifier), a.amount);
      inc.setReturnResults(returnResults);
      try {
        if (minTs != null) inc.setTimeRange(minTs, maxTs);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(e);
      }
      return inc;
    }
  }

  record AppendSpec(String row, List<CellSpec> columns, boolean returnResults, long base) implements MutationSpec {
    @Override
    public String text() {
      StringBuilder sb = new StringBuilder("Append(" + row + ")");
      for (CellSpec c : columns) sb.append(" ").append(c.family).append(":").append(c.qualifier).append("+=").append(c.value);
      if (!returnResults) sb.append(" returnResults=false");
      return sb.toString();
    }

    @Override
    public Append build() {
      Append ap = new Append(b(row));
      for (CellSpec c : columns) ap.addColumn(b(c.family), b(c.qualifier), b(c.value));
      ap.setReturnResults(returnResults);
      return ap;
    }
  }

  static List<String> texts(List<? extends RowSpec> specs) {
    List<String> out = new ArrayList<>();
    for (RowSpec s : specs) out.add(s.text());
    return out;
  }
}
