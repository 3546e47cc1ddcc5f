// The known-differences file: a Markdown table whose rows are `| id | op regex | answer regex |
// reason |`. A mismatch is known when the op regex finds a match in "<label> :: <op text>" and the
// answer regex (empty = any) finds one in either side's first differing line. A row without a
// reason is rejected: every accepted difference must say why.
package shale.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

final class Known {
  record Entry(String id, Pattern op, Pattern answer, String reason) {}

  final List<Entry> entries = new ArrayList<>();
  /** Operation kinds the generator leaves out (second table, `| kind | reason |`). */
  final java.util.Map<String, String> excludedKinds = new java.util.LinkedHashMap<>();

  static Known load(String path) throws IOException {
    Known k = new Known();
    if (path == null) return k;
    boolean inTable = false, inKinds = false;
    for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
      String t = line.trim();
      if (!t.startsWith("|")) { inTable = false; inKinds = false; continue; }
      String[] cells = splitRow(t);
      if (cells.length >= 2 && cells[0].equalsIgnoreCase("kind")) { inKinds = true; continue; }
      if (inKinds) {
        if (cells[0].startsWith("---") || cells[0].startsWith(":--")) continue;
        if (cells.length < 2 || cells[1].isBlank()) throw new IllegalArgumentException("excluded kind " + cells[0] + " has no reason");
        k.excludedKinds.put(unquote(cells[0]), cells[1]);
        continue;
      }
      if (cells.length < 4) continue;
      if (cells[0].equalsIgnoreCase("id")) { inTable = true; continue; }
      if (!inTable || cells[0].startsWith("---") || cells[0].startsWith(":--")) continue;
      if (cells[3].isBlank()) throw new IllegalArgumentException("known difference " + cells[0] + " has no reason");
      k.entries.add(new Entry(cells[0], Pattern.compile(unquote(cells[1])),
          cells[2].isBlank() ? null : Pattern.compile(unquote(cells[2])), cells[3]));
    }
    return k;
  }

  /** Splits a table row on `|`, keeping `\|` as a literal bar inside a cell. */
  static String[] splitRow(String row) {
    List<String> cells = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    String body = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') { cur.append('|'); i++; }
      else if (c == '|') { cells.add(cur.toString().trim()); cur.setLength(0); }
      else cur.append(c);
    }
    cells.add(cur.toString().trim());
    return cells.toArray(new String[0]);
  }

  /** Patterns may be written in backticks so Markdown shows them literally. */
  static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("`") && s.endsWith("`") ? s.substring(1, s.length() - 1) : s;
  }

  Entry match(String label, String opText, String lineA, String lineB) {
    String subject = label + " :: " + opText;
    for (Entry e : entries) {
      if (!e.op.matcher(subject).find()) continue;
      if (e.answer == null || e.answer.matcher(lineA).find() || e.answer.matcher(lineB).find()) return e;
    }
    return null;
  }
}
