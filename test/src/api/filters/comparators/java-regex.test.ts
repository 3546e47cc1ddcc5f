// Java regex semantics reproduced in JavaScript (docs/java-regex.md): each row is a Java pattern,
// its flag bits, an input and whether Java's Matcher.find() succeeds on it.

import { describe, expect, test } from "bun:test";
import { IllegalArgumentError } from "../../../../../src/api/errors.ts";
import { compileJavaRegex, JavaRegexFlag as J } from "../../../../../src/api/filters/comparators/java-regex.ts";

const CASES: [string, number, string, boolean][] = [
  ["a.c", J.DOTALL, "a\nc", true],
  ["a.c", 0, "a\nc", false],
  ["a.c", 0, "a\u0085c", false],
  ["a.c", J.UNIX_LINES, "a\rc", true],
  ["^abc$", 0, "abc\n", true],
  ["^abc$", 0, "abc\n\n", false],
  ["^b$", J.MULTILINE, "a\nb\nc", true],
  ["^b", 0, "a\nb", false],
  ["(?i)abc", 0, "xABCx", true],
  ["(?i)é", 0, "É", false],
  ["(?iu)é", 0, "É", true],
  ["é", J.CASE_INSENSITIVE | J.UNICODE_CASE, "É", true],
  ["[a-c]+", J.CASE_INSENSITIVE, "ABC", true],
  ["(?i:a)b", 0, "AB", false],
  ["a*+a", 0, "aaaa", false],
  ["a++b", 0, "aab", true],
  ["(?>a|ab)c", 0, "abc", false],
  ["(a)(?:b)*+\\1", 0, "abba", true],
  ["\\Qa.b\\E", 0, "axb", false],
  ["\\Qa.b\\E", 0, "a.b", true],
  ["a.b", J.LITERAL, "a.b", true],
  ["a.b", J.LITERAL, "axb", false],
  ["[a-z&&[^aeiou]]+$", 0, "bcd", true],
  ["^[a-z&&[^aeiou]]+$", 0, "bad", false],
  ["[a[0-9]]+$", 0, "a9", true],
  ["\\p{Lower}", 0, "é", false],
  ["\\p{Lower}", J.UNICODE_CHARACTER_CLASS, "é", true],
  ["\\p{L}", 0, "é", true],
  ["\\p{IsLatin}", 0, "q", true],
  ["\\s", 0, "\u00a0", false],
  ["\\h", 0, "\u00a0", true],
  ["\\w", 0, "é", false],
  ["\\bfoo", 0, "éfoo", false],
  ["(a)\\1", 0, "aa", true],
  ["(?<x>a)\\k<x>", 0, "aa", true],
  ["x{2,3}", 0, "xx", true],
  ["a # comment\n b", J.COMMENTS, "ab", true],
  ["[^]a]", 0, "]", false],
  ["\\x{1F600}", 0, "\u{1F600}", true],
  ["\\u0041\\0101\\x41", 0, "AAA", true],
  ["\\Aab\\z", 0, "ab\n", false],
  ["\\Aab\\Z", 0, "ab\n", true],
  ["\\R", 0, "\r\n", true],
];

describe("Java regex translation", () => {
  for (const [pattern, flags, input, found] of CASES) {
    test(`${JSON.stringify(pattern)} with flags ${flags} ${found ? "finds" : "does not find"} a match in ${JSON.stringify(input)}`, () => {
      expect(compileJavaRegex(pattern, flags).test(input)).toBe(found);
    });
  }

  for (const bad of ["\\G", "(?<x", "[abc", "a{", "*a", "\\p{InGreek}", "a)"]) {
    test(`rejects ${JSON.stringify(bad)} with IllegalArgumentError`, () => {
      expect(() => compileJavaRegex(bad, 0)).toThrow(IllegalArgumentError);
    });
  }

  test("rejects CANON_EQ, which JavaScript cannot honour", () => {
    expect(() => compileJavaRegex("a", J.CANON_EQ)).toThrow(IllegalArgumentError);
  });
});
