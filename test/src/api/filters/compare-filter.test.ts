// The direction of compare filters (data-semantics.md §5.5): comparators answer compare(operand,
// cell), and a cell is kept when "cell OP operand" holds; NO_OP keeps nothing.

import { describe, expect, test } from "bun:test";
import { CompareOperator } from "../../../../src/api/operations.ts";
import { toBytes } from "../../../../src/util/bytes.ts";
import { bytesFail } from "../../../../src/api/filters/compare-filter.ts";
import { BinaryComparator } from "../../../../src/api/filters/comparators/binary-comparator.ts";

const OPS: [CompareOperator, string[]][] = [
  [CompareOperator.LESS, ["a"]],
  [CompareOperator.LESS_OR_EQUAL, ["a", "b"]],
  [CompareOperator.EQUAL, ["b"]],
  [CompareOperator.NOT_EQUAL, ["a", "c"]],
  [CompareOperator.GREATER_OR_EQUAL, ["b", "c"]],
  [CompareOperator.GREATER, ["c"]],
  [CompareOperator.NO_OP, []],
];

describe("compare filters", () => {
  for (const [op, kept] of OPS) {
    test(`${op} against operand "b" keeps ${JSON.stringify(kept)}`, () => {
      const cmp = new BinaryComparator(toBytes("b"));
      expect(["a", "b", "c"].filter((v) => !bytesFail(op, cmp, toBytes(v)))).toEqual(kept);
    });
  }
});
