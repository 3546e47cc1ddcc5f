// Every comparator's compare(operand, cell) on a table of cases (data-semantics.md §5.6).

import { describe, expect, test } from "bun:test";
import { FilterEvaluationError } from "../../../../../src/api/errors.ts";
import { toBytes } from "../../../../../src/util/bytes.ts";
import { longToBytes } from "../../../../../src/util/int64.ts";
import type { ByteArrayComparable } from "../../../../../src/api/filters/comparators/byte-array-comparable.ts";
import { BinaryComparator } from "../../../../../src/api/filters/comparators/binary-comparator.ts";
import { BinaryPrefixComparator } from "../../../../../src/api/filters/comparators/binary-prefix-comparator.ts";
import { BinaryComponentComparator } from "../../../../../src/api/filters/comparators/binary-component-comparator.ts";
import { BitComparator, BitwiseOp } from "../../../../../src/api/filters/comparators/bit-comparator.ts";
import { LongComparator } from "../../../../../src/api/filters/comparators/long-comparator.ts";
import { NullComparator } from "../../../../../src/api/filters/comparators/null-comparator.ts";
import { RegexStringComparator } from "../../../../../src/api/filters/comparators/regex-string-comparator.ts";
import { SubstringComparator } from "../../../../../src/api/filters/comparators/substring-comparator.ts";

const b = toBytes;
const CASES: [string, ByteArrayComparable, Uint8Array, -1 | 0 | 1][] = [
  ["binary equal", new BinaryComparator(b("abc")), b("abc"), 0],
  ["binary operand smaller", new BinaryComparator(b("abb")), b("abc"), -1],
  ["binary unsigned bytes", new BinaryComparator(new Uint8Array([0x01])), new Uint8Array([0xff]), -1],
  ["binary prefix of cell sorts first", new BinaryComparator(b("ab")), b("abc"), -1],
  ["prefix matches a longer cell", new BinaryPrefixComparator(b("ab")), b("abc"), 0],
  ["prefix longer than the cell", new BinaryPrefixComparator(b("abc")), b("ab"), 1],
  ["component equal at its offset", new BinaryComponentComparator(b("cd"), 2), b("abcdef"), 0],
  ["component ignores bytes before the offset", new BinaryComponentComparator(b("b"), 1), b("zbz"), 0],
  ["component operand smaller", new BinaryComponentComparator(b("c"), 1), b("ad"), -1],
  ["component operand greater", new BinaryComponentComparator(b("c"), 0), b("b"), 1],
  ["component cut short by the cell's end", new BinaryComponentComparator(b("cd"), 2), b("abc"), 1],
  ["long numeric, negative operand", new LongComparator(-1n), longToBytes(5n), -1],
  ["long equal", new LongComparator(42n), longToBytes(42n), 0],
  ["bit AND shares a bit", new BitComparator(new Uint8Array([0b0101]), BitwiseOp.AND), new Uint8Array([0b0100]), 0],
  ["bit AND shares none", new BitComparator(new Uint8Array([0b0101]), BitwiseOp.AND), new Uint8Array([0b1010]), 1],
  ["bit XOR of equal bytes is zero", new BitComparator(new Uint8Array([7]), BitwiseOp.XOR), new Uint8Array([7]), 1],
  ["bit lengths differ", new BitComparator(new Uint8Array([1]), BitwiseOp.OR), new Uint8Array([1, 1]), 1],
  ["null never equals a value", new NullComparator(), new Uint8Array(0), 1],
  ["substring ignores case", new SubstringComparator("LLo W"), b("Hello World"), 0],
  ["substring absent", new SubstringComparator("xyz"), b("Hello"), 1],
  ["regex finds anywhere", new RegexStringComparator("l+o"), b("Hello"), 0],
  ["regex default DOTALL", new RegexStringComparator("a.b"), b("a\nb"), 0],
  ["regex invalid UTF-8 becomes U+FFFD", new RegexStringComparator("^a\uFFFDb$"), new Uint8Array([0x61, 0xff, 0x62]), 0],
  ["regex ISO-8859-1 maps bytes to code points", new RegexStringComparator("^\\x80$", { charset: "ISO-8859-1" }), new Uint8Array([0x80]), 0],
];

describe("comparators", () => {
  for (const [name, cmp, cell, want] of CASES) {
    test(`${name}: compare(operand, cell) has sign ${want}`, () => {
      expect(Math.sign(cmp.compareTo(cell))).toBe(want);
    });
  }

  test("LongComparator fails the read with a retryable IOException on a cell that is not 8 bytes", () => {
    expect(() => new LongComparator(1n).compareTo(new Uint8Array(4))).toThrow(FilterEvaluationError);
    expect(new FilterEvaluationError("x").javaClass).toBe("java.io.IOException");
    expect(new FilterEvaluationError("x").doNotRetry).toBe(false);
  });

  test("BinaryComponentComparator fails the read on a cell no longer than its offset", () => {
    const cmp = new BinaryComponentComparator(b("a"), 2);
    expect(() => cmp.compareTo(b("ab"))).toThrow(FilterEvaluationError);
    expect(() => cmp.compareTo(new Uint8Array(0))).toThrow(FilterEvaluationError);
    expect(cmp.compareTo(b("aba"))).toBe(0);
  });
});
