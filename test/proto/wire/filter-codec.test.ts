// Filters and comparators survive their wire form (hbase.pb.Filter / hbase.pb.Comparator): every
// class encodes, decodes to the same class with the same settings and re-encodes to the same
// bytes; nesting past LIMITS.filterDepthMax and unknown classes are DoNotRetryIOErrors.

import { create, toBinary } from "@bufbuild/protobuf";
import { describe, expect, test } from "bun:test";
import { DoNotRetryIOError, IllegalArgumentError } from "../../../src/api/errors.ts";
import { CompareOperator } from "../../../src/api/operations.ts";
import { toBytes } from "../../../src/util/bytes.ts";
import { LIMITS } from "../../../src/util/limits.ts";
import * as S from "../../../src/index.ts";
import type { Filter } from "../../../src/api/filters/filter.ts";
import { decodeFilter, decodeFilterBytes, encodeFilter, encodeFilterBytes } from "../../../proto/wire/filter-codec.ts";
import { CompareFilterSchema, FilterListSchema, FilterSchema, ValueFilterSchema } from "../../../proto/gen/hbase/filter_pb.ts";
import { ComparatorSchema } from "../../../proto/gen/hbase/comparator_pb.ts";

const b = toBytes;
const { EQUAL, LESS, GREATER_OR_EQUAL } = CompareOperator;
const scvf = { family: b("f"), qualifier: b("q"), op: EQUAL, comparator: new S.BinaryComparator(b("v")), filterIfMissing: true, latestVersionOnly: false };

const FILTERS: Filter[] = [
  new S.PrefixFilter(b("p")),
  new S.FirstKeyOnlyFilter(),
  new S.KeyOnlyFilter(true),
  new S.ColumnPrefixFilter(b("c")),
  new S.MultipleColumnPrefixFilter([b("b"), b("a")]),
  new S.ColumnRangeFilter({ minColumn: b("a"), minColumnInclusive: false, maxColumn: b("z"), maxColumnInclusive: true }),
  new S.QualifierFilter(LESS, new S.BinaryPrefixComparator(b("q"))),
  new S.RowFilter(EQUAL, new S.RegexStringComparator("^r.*", { flags: 2, charset: "UTF-8" })),
  new S.ValueFilter(GREATER_OR_EQUAL, new S.LongComparator(-7n)),
  new S.FamilyFilter(EQUAL, new S.SubstringComparator("Fam")),
  new S.ValueFilter(EQUAL, new S.BitComparator(new Uint8Array([1, 2]), S.BitwiseOp.XOR)),
  new S.ValueFilter(EQUAL, new S.NullComparator()),
  new S.SingleColumnValueFilter(scvf),
  new S.SingleColumnValueExcludeFilter(scvf),
  new S.DependentColumnFilter({ family: b("f"), qualifier: b("q"), dropDependentColumn: true }),
  new S.DependentColumnFilter({ family: b("f"), qualifier: b("q"), op: EQUAL, comparator: new S.BinaryComparator(b("x")) }),
  new S.PageFilter(10n),
  new S.ColumnCountGetFilter(3),
  new S.ColumnPaginationFilter(2, 5),
  new S.ColumnPaginationFilter(2, b("m")),
  new S.InclusiveStopFilter(b("stop")),
  new S.TimestampsFilter([5n, 1n], true),
  new S.WhileMatchFilter(new S.PrefixFilter(b("w"))),
  new S.SkipFilter(new S.ValueFilter(EQUAL, new S.BinaryComparator(b("s")))),
  new S.MultiRowRangeFilter([{ startRow: b("a"), startRowInclusive: true, stopRow: b("c"), stopRowInclusive: false }]),
  new S.FuzzyRowFilter([{ key: b("ab"), mask: new Uint8Array([0, 1]) }]),
  new S.RandomRowFilter(0.5),
  new S.FilterAllFilter(),
  new S.FilterList(S.FilterListOperator.MUST_PASS_ONE, [new S.PrefixFilter(b("x")), new S.FilterList(S.FilterListOperator.MUST_PASS_ALL, [new S.KeyOnlyFilter()])]),
];

function nest(depth: number): Filter {
  let filter: Filter = new S.FirstKeyOnlyFilter();
  for (let i = 1; i < depth; i++) filter = new S.FilterList(S.FilterListOperator.MUST_PASS_ALL, [filter]);
  return filter;
}

describe("filter wire form", () => {
  for (const filter of FILTERS) {
    test(`${filter.javaClass.split(".").pop()} round-trips through its protobuf form`, () => {
      const bytes = encodeFilterBytes(filter);
      const decoded = decodeFilterBytes(bytes);
      expect(decoded.constructor).toBe(filter.constructor);
      expect(decoded.javaClass).toBe(filter.javaClass);
      expect(encodeFilterBytes(decoded)).toEqual(bytes);
    });
  }

  test("a list nested exactly LIMITS.filterDepthMax deep decodes; one level more is rejected", () => {
    const deepest = encodeFilter(nest(LIMITS.filterDepthMax));
    expect(decodeFilter(deepest).javaClass).toContain("FilterList");
    const tooDeep = create(FilterSchema, {
      name: "org.apache.hadoop.hbase.filter.FilterList",
      serializedFilter: toBinary(FilterListSchema, create(FilterListSchema, { operator: 1, filters: [deepest] })),
    });
    expect(() => decodeFilter(tooDeep)).toThrow(DoNotRetryIOError);
  });

  test("building a list deeper than the limit in code is refused", () => {
    expect(() => new S.FilterList(S.FilterListOperator.MUST_PASS_ALL, [nest(LIMITS.filterDepthMax)])).toThrow(IllegalArgumentError);
  });

  test("an unknown filter class is a DoNotRetryIOError naming it", () => {
    const pb = create(FilterSchema, { name: "com.example.MyFilter", serializedFilter: new Uint8Array(0) });
    expect(() => decodeFilter(pb)).toThrow(/com\.example\.MyFilter/);
    expect(() => decodeFilter(pb)).toThrow(DoNotRetryIOError);
    const unsupported = create(FilterSchema, { name: "org.apache.hadoop.hbase.filter.ColumnValueFilter" });
    expect(() => decodeFilter(unsupported)).toThrow(/ColumnValueFilter/);
  });

  test("an unknown comparator class is a DoNotRetryIOError naming it", () => {
    const pb = encodeFilter(new S.ValueFilter(EQUAL, new S.BinaryComparator(b("v"))));
    const comparator = create(ComparatorSchema, { name: "org.apache.hadoop.hbase.filter.BigDecimalComparator" });
    const compareFilter = create(CompareFilterSchema, { compareOp: 2, comparator });
    pb.serializedFilter = toBinary(ValueFilterSchema, create(ValueFilterSchema, { compareFilter }));
    expect(() => decodeFilter(pb)).toThrow(/BigDecimalComparator/);
    expect(() => decodeFilter(pb)).toThrow(DoNotRetryIOError);
  });

  test("a null PrefixFilter prefix stays null and an empty one stays empty", () => {
    expect((decodeFilterBytes(encodeFilterBytes(new S.PrefixFilter(undefined))) as S.PrefixFilter).prefix).toBeUndefined();
    expect((decodeFilterBytes(encodeFilterBytes(new S.PrefixFilter(new Uint8Array(0)))) as S.PrefixFilter).prefix).toEqual(new Uint8Array(0));
  });
});
