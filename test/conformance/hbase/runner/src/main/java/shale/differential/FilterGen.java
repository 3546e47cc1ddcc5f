// Random filters and comparators over the generator's small key space, nested FilterLists up to two
// levels deep. Every choice is drawn from the seeded Random, so a seed always yields the same filter.
package shale.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.hadoop.hbase.CompareOperator;
import org.apache.hadoop.hbase.filter.BinaryComparator;
import org.apache.hadoop.hbase.filter.BinaryComponentComparator;
import org.apache.hadoop.hbase.filter.BinaryPrefixComparator;
import org.apache.hadoop.hbase.filter.BitComparator;
import org.apache.hadoop.hbase.filter.ByteArrayComparable;
import org.apache.hadoop.hbase.filter.ColumnCountGetFilter;
import org.apache.hadoop.hbase.filter.ColumnPaginationFilter;
import org.apache.hadoop.hbase.filter.ColumnPrefixFilter;
import org.apache.hadoop.hbase.filter.ColumnRangeFilter;
import org.apache.hadoop.hbase.filter.ColumnValueFilter;
import org.apache.hadoop.hbase.filter.DependentColumnFilter;
import org.apache.hadoop.hbase.filter.FamilyFilter;
import org.apache.hadoop.hbase.filter.Filter;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.apache.hadoop.hbase.filter.FuzzyRowFilter;
import org.apache.hadoop.hbase.filter.InclusiveStopFilter;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.apache.hadoop.hbase.filter.LongComparator;
import org.apache.hadoop.hbase.filter.MultiRowRangeFilter;
import org.apache.hadoop.hbase.filter.MultipleColumnPrefixFilter;
import org.apache.hadoop.hbase.filter.NullComparator;
import org.apache.hadoop.hbase.filter.PageFilter;
import org.apache.hadoop.hbase.filter.PrefixFilter;
import org.apache.hadoop.hbase.filter.QualifierFilter;
import org.apache.hadoop.hbase.filter.RandomRowFilter;
import org.apache.hadoop.hbase.filter.RegexStringComparator;
import org.apache.hadoop.hbase.filter.RowFilter;
import org.apache.hadoop.hbase.filter.SingleColumnValueExcludeFilter;
import org.apache.hadoop.hbase.filter.SingleColumnValueFilter;
import org.apache.hadoop.hbase.filter.SkipFilter;
import org.apache.hadoop.hbase.filter.SubstringComparator;
import org.apache.hadoop.hbase.filter.TimestampsFilter;
import org.apache.hadoop.hbase.filter.ValueFilter;
import org.apache.hadoop.hbase.filter.WhileMatchFilter;
import org.apache.hadoop.hbase.util.Pair;
import shale.differential.Specs.FilterSpec;

final class FilterGen {
  private final Random r;
  private final Generator.Space space;

  FilterGen(Random r, Generator.Space space) {
    this.r = r;
    this.space = space;
  }

  record Cmp(String text, Supplier<ByteArrayComparable> make) {}

  static final CompareOperator[] OPS = {
    CompareOperator.LESS, CompareOperator.LESS_OR_EQUAL, CompareOperator.EQUAL, CompareOperator.NOT_EQUAL,
    CompareOperator.GREATER_OR_EQUAL, CompareOperator.GREATER
  };

  CompareOperator op() {
    return r.nextInt(40) == 0 ? CompareOperator.NO_OP : OPS[r.nextInt(OPS.length)];
  }

  Cmp valueComparator() {
    String v = space.value(r);
    switch (r.nextInt(9)) {
      case 0: { String p = v.length() > 1 ? v.substring(0, 2) : v; return new Cmp("BinaryPrefix(" + p + ")", () -> new BinaryPrefixComparator(Specs.b(p))); }
      case 1: { String s = r.nextBoolean() ? "V" : "1"; return new Cmp("Substring(" + s + ")", () -> new SubstringComparator(s)); }
      case 2: { String re = r.nextBoolean() ? "^v[0-3]" : "\\d$"; return new Cmp("Regex(" + re + ")", () -> new RegexStringComparator(re)); }
      case 3: return new Cmp("Null", NullComparator::new);
      case 4: { String m = r.nextBoolean() ? "\\x01" : "v\\x00"; var bop = BitComparator.BitwiseOp.values()[r.nextInt(3)];
        return new Cmp("Bit(" + m + "," + bop + ")", () -> new BitComparator(Specs.b(m), bop)); }
      case 5: { long l = r.nextInt(7) - 2; return new Cmp("Long(" + l + ")", () -> new LongComparator(l)); }
      case 6: { String c = "" + (char) ('0' + r.nextInt(4)); return new Cmp("Component(" + c + "@1)", () -> new BinaryComponentComparator(Specs.b(c), 1)); }
      default: return new Cmp("Binary(" + v + ")", () -> new BinaryComparator(Specs.b(v)));
    }
  }

  Cmp rowComparator() {
    String row = space.row(r);
    return r.nextInt(3) == 0
        ? new Cmp("BinaryPrefix(" + row.substring(0, 1) + ")", () -> new BinaryPrefixComparator(Specs.b(row.substring(0, 1))))
        : new Cmp("Binary(" + row + ")", () -> new BinaryComparator(Specs.b(row)));
  }

  Cmp qualifierComparator() {
    String q = space.qualifier(r);
    return r.nextInt(4) == 0
        ? new Cmp("Regex(q[12])", () -> new RegexStringComparator("q[12]"))
        : new Cmp("Binary(" + q + ")", () -> new BinaryComparator(Specs.b(q)));
  }

  FilterSpec filter(int depth) {
    int k = r.nextInt(depth < 2 ? 26 : 24);
    switch (k) {
      case 0: { String p = space.row(r).substring(0, 1); return spec("Prefix(" + p + ")", () -> new PrefixFilter(Specs.b(p)), false); }
      case 1: { int n = r.nextInt(4); return spec("Page(" + n + ")", () -> new PageFilter(n), true); }
      case 2: case 3: {
        String f = space.family(r), q = space.qualifier(r); CompareOperator op = op(); Cmp c = valueComparator();
        boolean missing = r.nextBoolean(), latest = r.nextInt(3) != 0, exclude = r.nextInt(4) == 0;
        String text = (exclude ? "SingleColumnValueExclude(" : "SingleColumnValue(") + f + ":" + q + " " + op + " " + c.text
            + (missing ? " filterIfMissing" : "") + (latest ? "" : " allVersions") + ")";
        return spec(text, () -> {
          SingleColumnValueFilter s = exclude
              ? new SingleColumnValueExcludeFilter(Specs.b(f), Specs.b(q), op, c.make.get())
              : new SingleColumnValueFilter(Specs.b(f), Specs.b(q), op, c.make.get());
          s.setFilterIfMissing(missing);
          s.setLatestVersionOnly(latest);
          return s;
        }, true);
      }
      case 4: { String f = space.family(r), q = space.qualifier(r); CompareOperator op = op(); Cmp c = valueComparator();
        return spec("ColumnValue(" + f + ":" + q + " " + op + " " + c.text + ")", () -> new ColumnValueFilter(Specs.b(f), Specs.b(q), op, c.make.get()), false); }
      case 5: { String p = r.nextBoolean() ? "q" : "q1"; return spec("ColumnPrefix(" + p + ")", () -> new ColumnPrefixFilter(Specs.b(p)), false); }
      case 6: return spec("MultipleColumnPrefix(q1,n)", () -> new MultipleColumnPrefixFilter(new byte[][] {Specs.b("q1"), Specs.b("n")}), false);
      case 7: { String lo = space.qualifier(r), hi = space.qualifier(r); boolean li = r.nextBoolean(), hiI = r.nextBoolean();
        String loT = lo.isEmpty() && r.nextBoolean() ? null : lo;
        return spec("ColumnRange(" + loT + (li ? "]" : ")") + "," + hi + (hiI ? "]" : ")") + ")",
            () -> new ColumnRangeFilter(loT == null ? null : Specs.b(loT), li, Specs.b(hi), hiI), false); }
      case 8: { CompareOperator op = op(); Cmp c = qualifierComparator(); return spec("Qualifier(" + op + " " + c.text + ")", () -> new QualifierFilter(op, c.make.get()), false); }
      case 9: case 10: { CompareOperator op = op(); Cmp c = valueComparator(); return spec("Value(" + op + " " + c.text + ")", () -> new ValueFilter(op, c.make.get()), false); }
      case 11: { CompareOperator op = op(); String f = space.family(r); return spec("Family(" + op + " " + f + ")", () -> new FamilyFilter(op, new BinaryComparator(Specs.b(f))), false); }
      case 12: { CompareOperator op = op(); Cmp c = rowComparator(); return spec("Row(" + op + " " + c.text + ")", () -> new RowFilter(op, c.make.get()), false); }
      case 13: { boolean len = r.nextBoolean(); return spec("KeyOnly(" + len + ")", () -> new KeyOnlyFilter(len), false); }
      case 14: return spec("FirstKeyOnly", FirstKeyOnlyFilter::new, false);
      case 15: { int lim = r.nextInt(3), off = r.nextInt(3); return spec("ColumnPagination(" + lim + "," + off + ")", () -> new ColumnPaginationFilter(lim, off), false); }
      case 16: { int n = r.nextInt(3); return spec("ColumnCountGet(" + n + ")", () -> new ColumnCountGetFilter(n), false); }
      case 17: { String a = space.row(r), b = space.row(r); String lo = a.compareTo(b) <= 0 ? a : b, hi = a.compareTo(b) <= 0 ? b : a;
        boolean hiIncl = r.nextBoolean();
        return spec("MultiRowRange([" + lo + "," + hi + (hiIncl ? "]" : ")") + ", [z,-))", () -> new MultiRowRangeFilter(new ArrayList<>(List.of(
            new MultiRowRangeFilter.RowRange(Specs.b(lo), true, Specs.b(hi), hiIncl),
            new MultiRowRangeFilter.RowRange(Specs.b("z"), true, new byte[0], false)))), false); }
      case 18: { String key = r.nextBoolean() ? "r?" : "a?c"; return spec("FuzzyRow(" + key + ")", () -> {
          byte[] k2 = Specs.b(key.replace('?', '\0'));
          byte[] mask = new byte[k2.length];
          for (int i = 0; i < mask.length; i++) mask[i] = (byte) (key.charAt(i) == '?' ? 1 : 0);
          return new FuzzyRowFilter(new ArrayList<>(List.of(new Pair<>(k2, mask))));
        }, false); }
      case 19: { long a = 1 + r.nextInt(20), b = 1 + r.nextInt(20); return spec("Timestamps(" + a + "," + b + ")", () -> new TimestampsFilter(new ArrayList<>(List.of(a, b))), false); }
      case 20: { String stop = space.row(r); return spec("InclusiveStop(" + stop + ")", () -> new InclusiveStopFilter(Specs.b(stop)), false); }
      case 21: { String f = space.family(r), q = space.qualifier(r); boolean drop = r.nextBoolean();
        return spec("DependentColumn(" + f + ":" + q + (drop ? " drop" : "") + ")", () -> new DependentColumnFilter(Specs.b(f), Specs.b(q), drop), true); }
      case 22: { float chance = r.nextBoolean() ? -1f : 2f; return spec("RandomRow(" + chance + ")", () -> new RandomRowFilter(chance), false); }
      case 23: return list(depth);
      case 24: { FilterSpec in = filter(depth + 1); return spec("WhileMatch(" + in.text() + ")", () -> new WhileMatchFilter(in.make().get()), true); }
      default: { FilterSpec in = filter(depth + 1); return spec("Skip(" + in.text() + ")", () -> new SkipFilter(in.make().get()), true); }
    }
  }

  FilterSpec list(int depth) {
    FilterList.Operator op = r.nextBoolean() ? FilterList.Operator.MUST_PASS_ALL : FilterList.Operator.MUST_PASS_ONE;
    int n = r.nextInt(4);
    List<FilterSpec> subs = new ArrayList<>();
    for (int i = 0; i < n; i++) subs.add(depth < 2 ? filter(depth + 1) : leaf());
    StringBuilder text = new StringBuilder(op == FilterList.Operator.MUST_PASS_ALL ? "AND[" : "OR[");
    boolean rowFilter = false;
    for (int i = 0; i < subs.size(); i++) {
      if (i > 0) text.append(", ");
      text.append(subs.get(i).text());
      rowFilter |= subs.get(i).hasFilterRow();
    }
    text.append("]");
    return spec(text.toString(), () -> {
      List<Filter> fs = new ArrayList<>();
      for (FilterSpec s : subs) fs.add(s.make().get());
      return new FilterList(op, fs);
    }, rowFilter);
  }

  /** A filter without nesting (used at the bottom of nested lists). */
  FilterSpec leaf() {
    while (true) {
      FilterSpec f = filter(2);
      if (!f.text().startsWith("AND[") && !f.text().startsWith("OR[") && !f.text().startsWith("WhileMatch(")
          && !f.text().startsWith("Skip(")) return f;
    }
  }

  private static FilterSpec spec(String text, Supplier<Filter> make, boolean hasFilterRow) {
    return new FilterSpec(text, make, hasFilterRow);
  }
}
