// Java character classes → JS fragments matching one code point (docs/java-regex.md). Java allows
// nested classes (union), `&&` (intersection) and negation of the whole; JS "u" classes do not, so
// a class becomes a union `(?:A|B)`, an intersection `(?:(?=A)B)` or a negation
// `(?:(?!A)[\s\S])` of simpler classes. Nesting is walked with an explicit stack.

import { IllegalArgumentError } from "../../errors.ts";
import { predefinedClass, propertyClass } from "./java-regex-escapes.ts";
import { type RegexFlags, classChar, readEscapedCodePoint } from "./java-regex-syntax.ts";

interface ClassFrame {
  negated: boolean;
  /** Content of a plain JS class for single characters and ranges. */
  set: string;
  /** Other one-code-point fragments in the union (nested classes, \p{…}, \S…). */
  terms: string[];
  /** Finished operands of `&&`. */
  operands: string[];
}

/** Parses the class whose `[` ends just before `pos`; returns its fragment and where it ends. */
export function parseJavaClass(src: string, pos: number, flags: RegexFlags): { fragment: string; end: number } {
  const stack: ClassFrame[] = [];
  let at = openFrame(src, pos, stack, flags);
  for (;;) {
    if (at >= src.length) throw new IllegalArgumentError(`Unclosed character class in Java regex "${src}"`);
    const ch = String.fromCodePoint(src.codePointAt(at)!);
    const top = stack[stack.length - 1];
    if (flags.comments && /[ \t\n\x0B\f\r]/.test(ch)) {
      at++;
    } else if (ch === "[") {
      at = openFrame(src, at + 1, stack, flags);
    } else if (ch === "]") {
      at++;
      const fragment = finish(stack.pop()!);
      if (stack.length === 0) return { fragment, end: at };
      stack[stack.length - 1].terms.push(fragment);
    } else if (ch === "&" && src[at + 1] === "&") {
      at += 2;
      top.operands.push(union(top));
      top.set = "";
      top.terms = [];
    } else {
      at = readElement(src, at, top, flags);
    }
  }
}

function openFrame(src: string, pos: number, stack: ClassFrame[], flags: RegexFlags): number {
  const frame: ClassFrame = { negated: false, set: "", terms: [], operands: [] };
  stack.push(frame);
  let at = pos;
  if (src[at] === "^") {
    frame.negated = true;
    at++;
  }
  if (src[at] === "]") {
    addChar(frame, 0x5d, flags);
    at++;
  }
  return at;
}

/** One character, range or escape at `at`; returns the position after it. */
function readElement(src: string, at: number, frame: ClassFrame, flags: RegexFlags): number {
  const first = readCodePointOrTerm(src, at, frame, flags);
  if (first.codePoint === undefined) return first.end;
  if (src[first.end] === "-" && first.end + 1 < src.length && src[first.end + 1] !== "]" && src[first.end + 1] !== "[") {
    const second = readCodePointOrTerm(src, first.end + 1, frame, flags);
    if (second.codePoint === undefined) throw new IllegalArgumentError(`Illegal character range in Java regex "${src}"`);
    addRange(frame, first.codePoint, second.codePoint, flags);
    return second.end;
  }
  addChar(frame, first.codePoint, flags);
  return first.end;
}

/** Reads a literal or escape; class-like escapes are added to `frame.terms` directly. */
function readCodePointOrTerm(src: string, at: number, frame: ClassFrame, flags: RegexFlags): { codePoint: number | undefined; end: number } {
  const ch = String.fromCodePoint(src.codePointAt(at)!);
  if (ch !== "\\") return { codePoint: ch.codePointAt(0)!, end: at + ch.length };
  const letter = src[at + 1];
  if (letter === undefined) throw new IllegalArgumentError(`Unexpected end of Java regex "${src}"`);
  if ("dDwWsShHvV".includes(letter)) {
    frame.terms.push(predefinedClass(letter, flags.ucc));
    return { codePoint: undefined, end: at + 2 };
  }
  if (letter === "p" || letter === "P") return readProperty(src, at + 2, frame, { negated: letter === "P", flags });
  if (letter === "Q") return readQuoted(src, at + 2, frame, flags);
  const escaped = readEscapedCodePoint(letter, src, at + 2);
  if (escaped === undefined) throw new IllegalArgumentError(`Unsupported escape sequence \\${letter} in a class of Java regex "${src}"`);
  return { codePoint: escaped.codePoint, end: escaped.end };
}

function readProperty(src: string, at: number, frame: ClassFrame, options: { negated: boolean; flags: RegexFlags }): { codePoint: undefined; end: number } {
  let name = src[at];
  let end = at + 1;
  if (name === "{") {
    const close = src.indexOf("}", at);
    if (close < 0) throw new IllegalArgumentError(`Unclosed character family in Java regex "${src}"`);
    name = src.slice(at + 1, close);
    end = close + 1;
  }
  frame.terms.push(propertyClass(name, options.negated, options.flags.ucc));
  return { codePoint: undefined, end };
}

function readQuoted(src: string, at: number, frame: ClassFrame, flags: RegexFlags): { codePoint: undefined; end: number } {
  const close = src.indexOf("\\E", at);
  const text = src.slice(at, close < 0 ? src.length : close);
  for (const ch of text) addChar(frame, ch.codePointAt(0)!, flags);
  return { codePoint: undefined, end: close < 0 ? src.length : close + 2 };
}

function addChar(frame: ClassFrame, cp: number, flags: RegexFlags): void {
  frame.set += classChar(cp);
  if (!asciiFolding(flags)) return;
  const ch = String.fromCodePoint(cp);
  if (/[a-z]/.test(ch)) frame.set += ch.toUpperCase();
  if (/[A-Z]/.test(ch)) frame.set += ch.toLowerCase();
}

function addRange(frame: ClassFrame, lo: number, hi: number, flags: RegexFlags): void {
  if (lo > hi) throw new IllegalArgumentError(`Illegal character range ${String.fromCodePoint(lo)}-${String.fromCodePoint(hi)}`);
  frame.set += `${classChar(lo)}-${classChar(hi)}`;
  if (!asciiFolding(flags)) return;
  addFoldedRange(frame, { lo, hi }, { from: 0x61, to: 0x7a, shift: -32 });
  addFoldedRange(frame, { lo, hi }, { from: 0x41, to: 0x5a, shift: 32 });
}

function addFoldedRange(frame: ClassFrame, range: { lo: number; hi: number }, letters: { from: number; to: number; shift: number }): void {
  const lo = Math.max(range.lo, letters.from);
  const hi = Math.min(range.hi, letters.to);
  if (lo <= hi) frame.set += `${classChar(lo + letters.shift)}-${classChar(hi + letters.shift)}`;
}

function asciiFolding(flags: RegexFlags): boolean {
  return flags.ci && !flags.uc;
}

function union(frame: ClassFrame): string {
  const parts = frame.set.length > 0 ? [`[${frame.set}]`, ...frame.terms] : [...frame.terms];
  if (parts.length === 0) return "";
  return parts.length === 1 ? parts[0] : `(?:${parts.join("|")})`;
}

function finish(frame: ClassFrame): string {
  const operands = [...frame.operands, union(frame)].filter((o) => o.length > 0);
  let fragment: string;
  if (operands.length === 0) fragment = "[]";
  else if (operands.length === 1) fragment = operands[0];
  else fragment = `(?:${operands.slice(0, -1).map((o) => `(?=${o})`).join("")}${operands[operands.length - 1]})`;
  return frame.negated ? `(?:(?!${fragment})[\\s\\S])` : fragment;
}
