// Filters and comparators between their wire form (hbase.pb.Filter / hbase.pb.Comparator: a Java
// class name and a serialized payload, proto/hbase/filter.proto) and Shale's filter objects
// (src/api/filters/). Nested filters are walked with explicit stacks and at most
// LIMITS.filterDepthMax levels; an unknown class is a DoNotRetryIOError naming it, never ignored.

import { create, fromBinary, isFieldSet, toBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { DoNotRetryIOError, ShaleError } from "../../src/api/errors.ts";
import { CompareOperator } from "../../src/api/operations.ts";
import { LIMITS } from "../../src/util/limits.ts";
import { FILTER_PACKAGE, type Filter } from "../../src/api/filters/filter.ts";
import { FilterList, FilterListOperator } from "../../src/api/filters/filter-list.ts";
import { WhileMatchFilter } from "../../src/api/filters/while-match-filter.ts";
import { SkipFilter } from "../../src/api/filters/skip-filter.ts";
import { RowFilter } from "../../src/api/filters/row-filter.ts";
import { FamilyFilter } from "../../src/api/filters/family-filter.ts";
import { QualifierFilter } from "../../src/api/filters/qualifier-filter.ts";
import { ValueFilter } from "../../src/api/filters/value-filter.ts";
import { DependentColumnFilter } from "../../src/api/filters/dependent-column-filter.ts";
import { SingleColumnValueFilter, type SingleColumnValueOptions } from "../../src/api/filters/single-column-value-filter.ts";
import { SingleColumnValueExcludeFilter } from "../../src/api/filters/single-column-value-exclude-filter.ts";
import { ColumnValueFilter } from "../../src/api/filters/column-value-filter.ts";
import { PrefixFilter } from "../../src/api/filters/prefix-filter.ts";
import { FirstKeyOnlyFilter } from "../../src/api/filters/first-key-only-filter.ts";
import { KeyOnlyFilter } from "../../src/api/filters/key-only-filter.ts";
import { ColumnPrefixFilter } from "../../src/api/filters/column-prefix-filter.ts";
import { MultipleColumnPrefixFilter } from "../../src/api/filters/multiple-column-prefix-filter.ts";
import { ColumnRangeFilter } from "../../src/api/filters/column-range-filter.ts";
import { PageFilter } from "../../src/api/filters/page-filter.ts";
import { ColumnCountGetFilter } from "../../src/api/filters/column-count-get-filter.ts";
import { ColumnPaginationFilter } from "../../src/api/filters/column-pagination-filter.ts";
import { InclusiveStopFilter } from "../../src/api/filters/inclusive-stop-filter.ts";
import { TimestampsFilter } from "../../src/api/filters/timestamps-filter.ts";
import { MultiRowRangeFilter } from "../../src/api/filters/multi-row-range-filter.ts";
import { type RowRange } from "../../src/api/filters/row-range.ts";
import { FuzzyRowFilter } from "../../src/api/filters/fuzzy-row-filter.ts";
import { RandomRowFilter } from "../../src/api/filters/random-row-filter.ts";
import { FilterAllFilter } from "../../src/api/filters/filter-all-filter.ts";
import type { ByteArrayComparable } from "../../src/api/filters/comparators/byte-array-comparable.ts";
import { BinaryComparator } from "../../src/api/filters/comparators/binary-comparator.ts";
import { BinaryPrefixComparator } from "../../src/api/filters/comparators/binary-prefix-comparator.ts";
import { BinaryComponentComparator } from "../../src/api/filters/comparators/binary-component-comparator.ts";
import { BitComparator, type BitwiseOp } from "../../src/api/filters/comparators/bit-comparator.ts";
import { LongComparator } from "../../src/api/filters/comparators/long-comparator.ts";
import { NullComparator } from "../../src/api/filters/comparators/null-comparator.ts";
import { type RegexEngine, RegexStringComparator } from "../../src/api/filters/comparators/regex-string-comparator.ts";
import { SubstringComparator } from "../../src/api/filters/comparators/substring-comparator.ts";
import { BytesBytesPairSchema, type CompareType } from "../gen/hbase/hbase_pb.ts";
import * as C from "../gen/hbase/comparator_pb.ts";
import * as P from "../gen/hbase/filter_pb.ts";

type FilterPb = P.Filter;

// ---- comparators ----

/** The wire form of a comparator. */
export function encodeComparator(cmp: ByteArrayComparable): C.Comparator {
  const comparable = create(C.ByteArrayComparableSchema, { value: cmp.value });
  const payload = (): Uint8Array => {
    if (cmp instanceof BinaryComparator) return toBinary(C.BinaryComparatorSchema, create(C.BinaryComparatorSchema, { comparable }));
    if (cmp instanceof BinaryPrefixComparator) return toBinary(C.BinaryPrefixComparatorSchema, create(C.BinaryPrefixComparatorSchema, { comparable }));
    if (cmp instanceof LongComparator) return toBinary(C.LongComparatorSchema, create(C.LongComparatorSchema, { comparable }));
    if (cmp instanceof BitComparator) return toBinary(C.BitComparatorSchema, create(C.BitComparatorSchema, { comparable, bitwiseOp: cmp.op }));
    if (cmp instanceof NullComparator) return toBinary(C.NullComparatorSchema, create(C.NullComparatorSchema, {}));
    if (cmp instanceof BinaryComponentComparator) {
      return toBinary(C.BinaryComponentComparatorSchema, create(C.BinaryComponentComparatorSchema, { value: cmp.value, offset: cmp.offset }));
    }
    if (cmp instanceof SubstringComparator) return toBinary(C.SubstringComparatorSchema, create(C.SubstringComparatorSchema, { substr: cmp.substr }));
    if (cmp instanceof RegexStringComparator) {
      const { pattern, flags: patternFlags, charset, engine } = cmp;
      return toBinary(C.RegexStringComparatorSchema, create(C.RegexStringComparatorSchema, { pattern, patternFlags, charset, engine }));
    }
    throw new DoNotRetryIOError(`Cannot encode comparator class ${cmp.javaClass}`);
  };
  return create(C.ComparatorSchema, { name: cmp.javaClass, serializedComparator: payload() });
}

/** A comparator from its wire form; an unknown class is a DoNotRetryIOError. */
export function decodeComparator(pb: C.Comparator): ByteArrayComparable {
  const name = simpleName(pb.name, "comparator");
  const bytes = pb.serializedComparator ?? new Uint8Array(0);
  switch (name) {
    case "BinaryComparator": return new BinaryComparator(operand(parse(C.BinaryComparatorSchema, bytes, name).comparable));
    case "BinaryPrefixComparator": return new BinaryPrefixComparator(operand(parse(C.BinaryPrefixComparatorSchema, bytes, name).comparable));
    case "LongComparator": return LongComparator.fromBytes(operand(parse(C.LongComparatorSchema, bytes, name).comparable));
    case "BitComparator": {
      const m = parse(C.BitComparatorSchema, bytes, name);
      return new BitComparator(operand(m.comparable), m.bitwiseOp as number as BitwiseOp);
    }
    case "NullComparator": return new NullComparator();
    case "BinaryComponentComparator": {
      const m = parse(C.BinaryComponentComparatorSchema, bytes, name);
      return new BinaryComponentComparator(m.value, m.offset);
    }
    case "SubstringComparator": return new SubstringComparator(parse(C.SubstringComparatorSchema, bytes, name).substr);
    case "RegexStringComparator": {
      const m = parse(C.RegexStringComparatorSchema, bytes, name);
      return new RegexStringComparator(m.pattern, { flags: m.patternFlags, charset: m.charset, engine: (m.engine || "JAVA") as RegexEngine });
    }
    default: throw unknownClass("comparator", pb.name);
  }
}

function operand(comparable: C.ByteArrayComparable | undefined): Uint8Array {
  return comparable?.value ?? new Uint8Array(0);
}

// ---- filters ----

/** The wire form of `filter` (nested lists encoded with an explicit stack). */
export function encodeFilter(filter: Filter): FilterPb {
  return walk<Filter, FilterPb>(filter, (f) => f.children(), (f, children) => create(P.FilterSchema, { name: f.javaClass, serializedFilter: encodePayload(f, children) }));
}

/** A filter from its wire form; nesting beyond LIMITS.filterDepthMax or an unknown class is rejected. */
export function decodeFilter(pb: FilterPb): Filter {
  const parsed = new Map<FilterPb, unknown>();
  return walk<FilterPb, Filter>(pb, (node) => nestedFilters(node, parsed), (node, children) => buildFilter(node, parsed.get(node), children));
}

/** decodeFilter of a serialized hbase.pb.Filter (how client.proto carries it). */
export function decodeFilterBytes(bytes: Uint8Array): Filter {
  return decodeFilter(parse(P.FilterSchema, bytes, "Filter"));
}

export function encodeFilterBytes(filter: Filter): Uint8Array {
  return toBinary(P.FilterSchema, encodeFilter(filter));
}

/** Post-order walk without recursion; `depth` counts levels and is bounded by LIMITS.filterDepthMax. */
function walk<In, Out>(root: In, childrenOf: (node: In) => readonly In[], build: (node: In, children: Out[]) => Out): Out {
  interface Frame { node: In; depth: number; children: readonly In[] | undefined; results: Out[]; parent: Frame | undefined; index: number }
  const rootFrame: Frame = { node: root, depth: 1, children: undefined, results: [], parent: undefined, index: 0 };
  const stack: Frame[] = [rootFrame];
  let out: Out | undefined;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.children === undefined) {
      if (frame.depth > LIMITS.filterDepthMax) throw new DoNotRetryIOError(`Filter nesting is deeper than the limit of ${LIMITS.filterDepthMax}`);
      frame.children = childrenOf(frame.node);
      frame.results = new Array<Out>(frame.children.length);
      for (let i = frame.children.length - 1; i >= 0; i--) {
        stack.push({ node: frame.children[i], depth: frame.depth + 1, children: undefined, results: [], parent: frame, index: i });
      }
      continue;
    }
    stack.pop();
    const built = build(frame.node, frame.results);
    if (frame.parent === undefined) out = built;
    else frame.parent.results[frame.index] = built;
  }
  return out!;
}

const NESTING: Record<string, DescMessage> = {
  FilterList: P.FilterListSchema,
  WhileMatchFilter: P.WhileMatchFilterSchema,
  SkipFilter: P.SkipFilterSchema,
  FilterWrapper: P.FilterWrapperSchema,
};

/** The nested filters of a wrapper or list (payload parsed once and kept in `parsed`). */
function nestedFilters(pb: FilterPb, parsed: Map<FilterPb, unknown>): readonly FilterPb[] {
  const name = simpleName(pb.name, "filter");
  const schema = NESTING[name];
  if (schema === undefined) return [];
  const message = parse(schema, pb.serializedFilter ?? new Uint8Array(0), name) as { filters?: FilterPb[]; filter?: FilterPb };
  parsed.set(pb, message);
  if (message.filters !== undefined) return message.filters;
  if (message.filter === undefined) throw new DoNotRetryIOError(`${name} carries no filter`);
  return [message.filter];
}

function buildFilter(pb: FilterPb, nested: unknown, children: Filter[]): Filter {
  const name = simpleName(pb.name, "filter");
  const bytes = pb.serializedFilter ?? new Uint8Array(0);
  try {
    return buildNamed(name, bytes, { nested, children });
  } catch (error) {
    if (error instanceof ShaleError) throw error;
    throw new DoNotRetryIOError(`Cannot decode filter ${pb.name}: ${String(error)}`, { cause: error });
  }
}

function buildNamed(name: string, bytes: Uint8Array, n: { nested: unknown; children: Filter[] }): Filter {
  switch (name) {
    case "FilterList": return new FilterList((n.nested as P.FilterList).operator as number as FilterListOperator, n.children);
    case "WhileMatchFilter": return new WhileMatchFilter(n.children[0]);
    case "SkipFilter": return new SkipFilter(n.children[0]);
    case "FilterWrapper": return n.children[0];
    case "RowFilter": return new RowFilter(...compareParts(parse(P.RowFilterSchema, bytes, name).compareFilter));
    case "FamilyFilter": return new FamilyFilter(...compareParts(parse(P.FamilyFilterSchema, bytes, name).compareFilter));
    case "QualifierFilter": return new QualifierFilter(...compareParts(parse(P.QualifierFilterSchema, bytes, name).compareFilter));
    case "ValueFilter": return new ValueFilter(...compareParts(parse(P.ValueFilterSchema, bytes, name).compareFilter));
    case "DependentColumnFilter": return dependentColumn(parse(P.DependentColumnFilterSchema, bytes, name));
    case "SingleColumnValueFilter": return new SingleColumnValueFilter(singleColumnValue(parse(P.SingleColumnValueFilterSchema, bytes, name)));
    case "SingleColumnValueExcludeFilter": {
      const inner = parse(P.SingleColumnValueExcludeFilterSchema, bytes, name).singleColumnValueFilter;
      if (inner === undefined) throw new DoNotRetryIOError(`${name} carries no SingleColumnValueFilter`);
      return new SingleColumnValueExcludeFilter(singleColumnValue(inner));
    }
    case "ColumnValueFilter": return columnValue(parse(P.ColumnValueFilterSchema, bytes, name));
    default: return buildLeaf(name, bytes);
  }
}

function buildLeaf(name: string, bytes: Uint8Array): Filter {
  switch (name) {
    case "PrefixFilter": {
      const m = parse(P.PrefixFilterSchema, bytes, name);
      return new PrefixFilter(isFieldSet(m, P.PrefixFilterSchema.field.prefix) ? m.prefix : undefined);
    }
    case "FirstKeyOnlyFilter": return new FirstKeyOnlyFilter();
    case "KeyOnlyFilter": return new KeyOnlyFilter(parse(P.KeyOnlyFilterSchema, bytes, name).lenAsVal);
    case "ColumnPrefixFilter": return new ColumnPrefixFilter(parse(P.ColumnPrefixFilterSchema, bytes, name).prefix);
    case "MultipleColumnPrefixFilter": return new MultipleColumnPrefixFilter(parse(P.MultipleColumnPrefixFilterSchema, bytes, name).sortedPrefixes);
    case "ColumnRangeFilter": return columnRange(parse(P.ColumnRangeFilterSchema, bytes, name));
    case "PageFilter": return new PageFilter(parse(P.PageFilterSchema, bytes, name).pageSize);
    case "ColumnCountGetFilter": return new ColumnCountGetFilter(parse(P.ColumnCountGetFilterSchema, bytes, name).limit);
    case "ColumnPaginationFilter": return columnPagination(parse(P.ColumnPaginationFilterSchema, bytes, name));
    case "InclusiveStopFilter": return new InclusiveStopFilter(parse(P.InclusiveStopFilterSchema, bytes, name).stopRowKey ?? new Uint8Array(0));
    case "TimestampsFilter": {
      const m = parse(P.TimestampsFilterSchema, bytes, name);
      return new TimestampsFilter(m.timestamps, m.canHint);
    }
    case "MultiRowRangeFilter": return new MultiRowRangeFilter(parse(P.MultiRowRangeFilterSchema, bytes, name).rowRangeList.map(rowRange));
    case "FuzzyRowFilter": return new FuzzyRowFilter(parse(P.FuzzyRowFilterSchema, bytes, name).fuzzyKeysData.map((p) => ({ key: p.first, mask: p.second })));
    case "RandomRowFilter": return new RandomRowFilter(parse(P.RandomRowFilterSchema, bytes, name).chance);
    case "FilterAllFilter": return new FilterAllFilter();
    default: throw unknownClass("filter", `${FILTER_PACKAGE}${name}`);
  }
}

function compareParts(pb: P.CompareFilter | undefined): [CompareOperator, ByteArrayComparable] {
  if (pb === undefined) throw new DoNotRetryIOError("Compare filter carries no CompareFilter");
  return [toOperator(pb.compareOp), pb.comparator === undefined ? new NullComparator() : decodeComparator(pb.comparator)];
}

function dependentColumn(m: P.DependentColumnFilter): Filter {
  const cf = m.compareFilter;
  return new DependentColumnFilter({
    family: m.columnFamily ?? new Uint8Array(0),
    qualifier: m.columnQualifier ?? new Uint8Array(0),
    dropDependentColumn: m.dropDependentColumn ?? false,
    op: cf === undefined ? CompareOperator.NO_OP : toOperator(cf.compareOp),
    comparator: cf?.comparator === undefined ? undefined : decodeComparator(cf.comparator),
  });
}

function singleColumnValue(m: P.SingleColumnValueFilter): SingleColumnValueOptions {
  if (m.comparator === undefined) throw new DoNotRetryIOError("SingleColumnValueFilter carries no comparator");
  return {
    family: m.columnFamily,
    qualifier: m.columnQualifier,
    op: toOperator(m.compareOp),
    comparator: decodeComparator(m.comparator),
    filterIfMissing: m.filterIfMissing,
    latestVersionOnly: m.latestVersionOnly,
  };
}

function columnValue(m: P.ColumnValueFilter): Filter {
  if (m.comparator === undefined) throw new DoNotRetryIOError("ColumnValueFilter carries no comparator");
  return new ColumnValueFilter({ family: m.family, qualifier: m.qualifier, op: toOperator(m.compareOp), comparator: decodeComparator(m.comparator) });
}

function columnRange(m: P.ColumnRangeFilter): Filter {
  return new ColumnRangeFilter({
    // A bound that was sent is a bound, even an empty one (HBase keeps "" apart from null).
    minColumn: isFieldSet(m, P.ColumnRangeFilterSchema.field.minColumn) ? m.minColumn : undefined,
    minColumnInclusive: m.minColumnInclusive,
    maxColumn: isFieldSet(m, P.ColumnRangeFilterSchema.field.maxColumn) ? m.maxColumn : undefined,
    maxColumnInclusive: m.maxColumnInclusive,
  });
}

function columnPagination(m: P.ColumnPaginationFilter): Filter {
  // Proto2 optional fields read back as defaults when absent: ask whether they were sent.
  if (isFieldSet(m, P.ColumnPaginationFilterSchema.field.columnOffset)) return new ColumnPaginationFilter(m.limit, m.columnOffset!);
  return new ColumnPaginationFilter(m.limit, m.offset ?? 0);
}

function rowRange(r: P.RowRange): RowRange {
  return {
    startRow: r.startRow ?? new Uint8Array(0),
    startRowInclusive: r.startRowInclusive ?? false,
    stopRow: r.stopRow ?? new Uint8Array(0),
    stopRowInclusive: r.stopRowInclusive ?? false,
  };
}

/** The serialized payload message of one filter; `children` are its nested filters, encoded. */
function encodePayload(f: Filter, children: FilterPb[]): Uint8Array {
  if (f instanceof FilterList) return bin(P.FilterListSchema, { operator: f.operator as number as P.FilterList_Operator, filters: children });
  if (f instanceof WhileMatchFilter) return bin(P.WhileMatchFilterSchema, { filter: children[0] });
  if (f instanceof SkipFilter) return bin(P.SkipFilterSchema, { filter: children[0] });
  if (f instanceof RowFilter) return bin(P.RowFilterSchema, { compareFilter: compareFilterPb(f.op, f.comparator) });
  if (f instanceof FamilyFilter) return bin(P.FamilyFilterSchema, { compareFilter: compareFilterPb(f.op, f.comparator) });
  if (f instanceof QualifierFilter) return bin(P.QualifierFilterSchema, { compareFilter: compareFilterPb(f.op, f.comparator) });
  if (f instanceof ValueFilter) return bin(P.ValueFilterSchema, { compareFilter: compareFilterPb(f.op, f.comparator) });
  if (f instanceof DependentColumnFilter) {
    const compareFilter = create(P.CompareFilterSchema, { compareOp: toCompareType(f.op), comparator: f.hasComparator ? encodeComparator(f.comparator) : undefined });
    return bin(P.DependentColumnFilterSchema, { compareFilter, columnFamily: f.family, columnQualifier: f.qualifier, dropDependentColumn: f.dropDependentColumn });
  }
  if (f instanceof SingleColumnValueExcludeFilter) return bin(P.SingleColumnValueExcludeFilterSchema, { singleColumnValueFilter: singleColumnValuePb(f) });
  if (f instanceof SingleColumnValueFilter) return toBinary(P.SingleColumnValueFilterSchema, singleColumnValuePb(f));
  if (f instanceof ColumnValueFilter) {
    return bin(P.ColumnValueFilterSchema, { family: f.family, qualifier: f.qualifier, compareOp: toCompareType(f.op), comparator: encodeComparator(f.comparator) });
  }
  return encodeLeafPayload(f);
}

function encodeLeafPayload(f: Filter): Uint8Array {
  if (f instanceof PrefixFilter) return bin(P.PrefixFilterSchema, { prefix: f.prefix });
  if (f instanceof FirstKeyOnlyFilter) return bin(P.FirstKeyOnlyFilterSchema, {});
  if (f instanceof KeyOnlyFilter) return bin(P.KeyOnlyFilterSchema, { lenAsVal: f.lenAsVal });
  if (f instanceof ColumnPrefixFilter) return bin(P.ColumnPrefixFilterSchema, { prefix: f.prefix });
  if (f instanceof MultipleColumnPrefixFilter) return bin(P.MultipleColumnPrefixFilterSchema, { sortedPrefixes: [...f.sortedPrefixes] });
  if (f instanceof ColumnRangeFilter) {
    const { minColumn, minColumnInclusive, maxColumn, maxColumnInclusive } = f;
    return bin(P.ColumnRangeFilterSchema, { minColumn, minColumnInclusive, maxColumn, maxColumnInclusive });
  }
  if (f instanceof PageFilter) return bin(P.PageFilterSchema, { pageSize: f.pageSize });
  if (f instanceof ColumnCountGetFilter) return bin(P.ColumnCountGetFilterSchema, { limit: f.limit });
  if (f instanceof ColumnPaginationFilter) {
    return bin(P.ColumnPaginationFilterSchema, f.columnOffset !== undefined ? { limit: f.limit, columnOffset: f.columnOffset } : { limit: f.limit, offset: f.offset });
  }
  if (f instanceof InclusiveStopFilter) return bin(P.InclusiveStopFilterSchema, { stopRowKey: f.stopRowKey });
  if (f instanceof TimestampsFilter) return bin(P.TimestampsFilterSchema, { timestamps: [...f.timestamps], canHint: f.canHint });
  if (f instanceof MultiRowRangeFilter) return bin(P.MultiRowRangeFilterSchema, { rowRangeList: f.ranges.map((r) => create(P.RowRangeSchema, r)) });
  if (f instanceof FuzzyRowFilter) {
    return bin(P.FuzzyRowFilterSchema, { fuzzyKeysData: f.fuzzyKeys.map((k) => create(BytesBytesPairSchema, { first: k.key, second: k.mask })) });
  }
  if (f instanceof RandomRowFilter) return bin(P.RandomRowFilterSchema, { chance: f.chance });
  if (f instanceof FilterAllFilter) return bin(P.FilterAllFilterSchema, {});
  throw new DoNotRetryIOError(`Cannot encode filter class ${f.javaClass}`);
}

function compareFilterPb(op: CompareOperator, comparator: ByteArrayComparable): P.CompareFilter {
  return create(P.CompareFilterSchema, { compareOp: toCompareType(op), comparator: encodeComparator(comparator) });
}

function singleColumnValuePb(f: SingleColumnValueFilter): P.SingleColumnValueFilter {
  return create(P.SingleColumnValueFilterSchema, {
    columnFamily: f.family,
    columnQualifier: f.qualifier,
    compareOp: toCompareType(f.op),
    comparator: encodeComparator(f.comparator),
    filterIfMissing: f.filterIfMissing,
    latestVersionOnly: f.latestVersionOnly,
  });
}

function bin<Desc extends DescMessage>(schema: Desc, init: MessageInitShape<Desc>): Uint8Array {
  return toBinary(schema, create(schema, init));
}

// ---- shared helpers ----

const OPERATORS: CompareOperator[] = [
  CompareOperator.LESS, CompareOperator.LESS_OR_EQUAL, CompareOperator.EQUAL, CompareOperator.NOT_EQUAL,
  CompareOperator.GREATER_OR_EQUAL, CompareOperator.GREATER, CompareOperator.NO_OP,
];

export function toOperator(type: CompareType): CompareOperator {
  const op = OPERATORS[type];
  if (op === undefined) throw new DoNotRetryIOError(`Unknown CompareType ${type}`);
  return op;
}

export function toCompareType(op: CompareOperator): CompareType {
  return OPERATORS.indexOf(op) as CompareType;
}

function simpleName(javaClass: string, what: string): string {
  if (!javaClass.startsWith(FILTER_PACKAGE)) throw unknownClass(what, javaClass);
  return javaClass.slice(FILTER_PACKAGE.length);
}

function unknownClass(what: string, javaClass: string): DoNotRetryIOError {
  return new DoNotRetryIOError(`Unknown or unsupported ${what} class ${javaClass}: Shale cannot apply it`);
}

function parse<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array, name: string): MessageShape<Desc> {
  try {
    return fromBinary(schema, bytes);
  } catch (error) {
    throw new DoNotRetryIOError(`Cannot parse the ${name} payload: ${String(error)}`, { cause: error });
  }
}
