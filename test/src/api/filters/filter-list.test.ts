// FilterList merge rules (data-semantics.md §5.4): AND stops at the first exclusion and keeps the
// strongest skip; OR includes what any member includes; empty lists include everything; nesting
// is bounded.

import { describe, expect, test } from "bun:test";
import { IllegalArgumentError } from "../../../../src/api/errors.ts";
import { makeCell } from "../../../../src/cell/cell.ts";
import { toBytes } from "../../../../src/util/bytes.ts";
import { LIMITS } from "../../../../src/util/limits.ts";
import { type Filter, FilterBase, ReturnCode as R } from "../../../../src/api/filters/filter.ts";
import { FilterList, FilterListOperator } from "../../../../src/api/filters/filter-list.ts";
import { mergeAnd } from "../../../../src/api/filters/filter-list-with-and.ts";
import { mergeOr } from "../../../../src/api/filters/filter-list-with-or.ts";

class Fixed extends FilterBase {
  readonly javaClass = "test.Fixed";
  calls = 0;
  constructor(readonly code: R) {
    super();
  }
  override filterCell(): R {
    this.calls++;
    return this.code;
  }
  protected fresh(): Filter {
    return new Fixed(this.code);
  }
}

const cell = makeCell({ row: toBytes("r"), family: toBytes("f"), qualifier: toBytes("q"), timestamp: 1n });

describe("FilterList", () => {
  const AND: [R, R, R][] = [
    [R.INCLUDE, R.INCLUDE_AND_NEXT_COL, R.INCLUDE_AND_NEXT_COL],
    [R.INCLUDE_AND_NEXT_COL, R.SKIP, R.NEXT_COL],
    [R.INCLUDE_AND_SEEK_NEXT_ROW, R.SKIP, R.NEXT_ROW],
    [R.SKIP, R.NEXT_COL, R.NEXT_COL],
    [R.NEXT_ROW, R.INCLUDE, R.NEXT_ROW],
    [R.SKIP, R.SEEK_NEXT_USING_HINT, R.SEEK_NEXT_USING_HINT],
  ];
  for (const [acc, next, want] of AND) test(`AND merges ${acc} then ${next} into ${want}`, () => expect(mergeAnd(acc, next)).toBe(want));

  const OR: [R, R, R][] = [
    [R.SKIP, R.INCLUDE_AND_NEXT_COL, R.INCLUDE],
    [R.NEXT_COL, R.INCLUDE_AND_SEEK_NEXT_ROW, R.INCLUDE_AND_NEXT_COL],
    [R.NEXT_ROW, R.NEXT_COL, R.NEXT_COL],
    [R.SEEK_NEXT_USING_HINT, R.NEXT_ROW, R.SKIP],
    [R.SEEK_NEXT_USING_HINT, R.SEEK_NEXT_USING_HINT, R.SEEK_NEXT_USING_HINT],
  ];
  for (const [acc, next, want] of OR) test(`OR merges ${acc} then ${next} into ${want}`, () => expect(mergeOr(acc, next)).toBe(want));

  test("AND does not call members after the first exclusion", () => {
    const last = new Fixed(R.INCLUDE);
    const list = new FilterList(FilterListOperator.MUST_PASS_ALL, [new Fixed(R.SKIP), last]);
    expect(list.filterCell(cell)).toBe(R.SKIP);
    expect(last.calls).toBe(0);
  });

  test("OR includes a cell any member includes; an empty list includes everything", () => {
    expect(new FilterList(FilterListOperator.MUST_PASS_ONE, [new Fixed(R.NEXT_ROW), new Fixed(R.INCLUDE)]).filterCell(cell)).toBe(R.INCLUDE);
    expect(new FilterList().filterCell(cell)).toBe(R.INCLUDE);
    expect(new FilterList().filterRowKey(cell)).toBe(false);
  });

  test("nesting is accepted up to LIMITS.filterDepthMax levels and refused beyond", () => {
    let list: Filter = new Fixed(R.INCLUDE);
    for (let depth = 2; depth <= LIMITS.filterDepthMax; depth++) list = new FilterList(FilterListOperator.MUST_PASS_ALL, [list]);
    expect(() => new FilterList(FilterListOperator.MUST_PASS_ALL, [list])).toThrow(IllegalArgumentError);
    const self = new FilterList();
    expect(() => self.addFilter(self)).toThrow(IllegalArgumentError);
  });
});
