// Canonical text of what a cluster answered: cells as row/family:qualifier/ts/type=value (bytes in
// HBase's printable-binary form, ts normalized by the target), Results with their partial flag,
// and errors as the chain of exception class names (messages are not compared).
package shale.differential;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.RetriesExhaustedWithDetailsException;
import org.apache.hadoop.hbase.util.Bytes;

final class Render {
  private Render() {}

  static String bin(byte[] b) {
    return b == null ? "null" : Bytes.toStringBinary(b);
  }

  static String cell(Target t, Cell c) {
    return bin(CellUtil.cloneRow(c)) + "/" + bin(CellUtil.cloneFamily(c)) + ":" + bin(CellUtil.cloneQualifier(c))
        + "/" + t.ts(c.getTimestamp()) + "/" + c.getType() + "=" + bin(CellUtil.cloneValue(c));
  }

  static void result(Target t, Result r, List<String> out) {
    if (r == null) {
      out.add("  (null result)");
      return;
    }
    if (r.getExists() != null) out.add("  exists=" + r.getExists());
    if (r.mayHaveMoreCellsInRow()) out.add("  (partial)");
    Cell[] cells = r.rawCells();
    if (cells == null || cells.length == 0) {
      out.add("  (empty)");
      return;
    }
    for (Cell c : cells) out.add("  " + cell(t, c));
  }

  static List<String> error(Throwable e) {
    List<String> out = new ArrayList<>();
    out.add("error " + chain(e));
    if (e instanceof RetriesExhaustedWithDetailsException d) {
      for (int i = 0; i < d.getNumExceptions(); i++) out.add("  cause " + chain(d.getCause(i)));
    }
    return out;
  }

  /** Class names from the outermost exception to the root cause, at most four deep. */
  static String chain(Throwable e) {
    StringBuilder sb = new StringBuilder();
    Throwable cur = e;
    String last = null;
    for (int depth = 0; cur != null && depth < 4; depth++, cur = cur.getCause()) {
      String n = cur.getClass().getSimpleName();
      if (n.equals(last)) continue;
      if (sb.length() > 0) sb.append(" <- ");
      sb.append(n);
      last = n;
    }
    return sb.toString();
  }

  static String message(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    if (nl >= 0) m = m.substring(0, nl);
    return m.length() > 160 ? m.substring(0, 160) + "…" : m;
  }
}
