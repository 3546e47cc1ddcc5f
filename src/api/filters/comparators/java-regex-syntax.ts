// Shared pieces of the Java → JS regex translation (docs/java-regex.md): Java's flag bits, the
// flag state a group carries, escapes that stand for one code point, and literal rendering with
// Java's ASCII-only case folding (CASE_INSENSITIVE without UNICODE_CASE).

import { IllegalArgumentError } from "../../errors.ts";

/** java.util.regex.Pattern flag bits (the wire's pattern_flags). */
export const JavaRegexFlag = {
  UNIX_LINES: 1,
  CASE_INSENSITIVE: 2,
  COMMENTS: 4,
  MULTILINE: 8,
  LITERAL: 16,
  DOTALL: 32,
  UNICODE_CASE: 64,
  CANON_EQ: 128,
  UNICODE_CHARACTER_CLASS: 256,
} as const;

/** The flags in force at one point of a pattern. */
export interface RegexFlags {
  unixLines: boolean;
  ci: boolean;
  comments: boolean;
  multiline: boolean;
  literal: boolean;
  dotall: boolean;
  /** UNICODE_CASE: case folding beyond ASCII (only with ci). */
  uc: boolean;
  /** UNICODE_CHARACTER_CLASS: \w \d \s and POSIX names are Unicode. */
  ucc: boolean;
}

const KNOWN_BITS = 0x1ff;

export function flagsFromBits(bits: number): RegexFlags {
  if ((bits & ~KNOWN_BITS) !== 0) throw new IllegalArgumentError(`Unknown Java regex flag bits ${bits}`);
  if ((bits & JavaRegexFlag.CANON_EQ) !== 0) {
    throw new IllegalArgumentError("Java regex flag CANON_EQ is not supported (no canonical-equivalence matching in JavaScript)");
  }
  const has = (bit: number) => (bits & bit) !== 0;
  const ucc = has(JavaRegexFlag.UNICODE_CHARACTER_CLASS);
  return {
    unixLines: has(JavaRegexFlag.UNIX_LINES),
    ci: has(JavaRegexFlag.CASE_INSENSITIVE),
    comments: has(JavaRegexFlag.COMMENTS),
    multiline: has(JavaRegexFlag.MULTILINE),
    literal: has(JavaRegexFlag.LITERAL),
    dotall: has(JavaRegexFlag.DOTALL),
    uc: has(JavaRegexFlag.UNICODE_CASE) || ucc,
    ucc,
  };
}

/** Unicode case folding is left to a JS `(?i:` modifier; ASCII folding is spelled out. */
export function needsJsIgnoreCase(flags: RegexFlags): boolean {
  return flags.ci && flags.uc;
}

const SIMPLE: Record<string, number> = { t: 0x09, n: 0x0a, r: 0x0d, f: 0x0c, a: 0x07, e: 0x1b };

/**
 * The code point of an escape standing for one character (\t \x41 \u0041 \x{1F600} \0101 \cA, or
 * a quoted non-letter). `pos` is just after the escaped letter `ch`; returns where the escape ends,
 * or undefined when `ch` does not start such an escape.
 */
export function readEscapedCodePoint(ch: string, src: string, pos: number): { codePoint: number; end: number } | undefined {
  if (SIMPLE[ch] !== undefined) return { codePoint: SIMPLE[ch], end: pos };
  if (ch === "c" && pos < src.length) return { codePoint: src.charCodeAt(pos) ^ 64, end: pos + 1 };
  if (ch === "x") return hexEscape(src, pos);
  if (ch === "u") return unicodeEscape(src, pos);
  if (ch === "0") return octalEscape(src, pos);
  if (/[a-zA-Z0-9]/.test(ch)) return undefined;
  return { codePoint: ch.codePointAt(0)!, end: pos };
}

function hexEscape(src: string, pos: number): { codePoint: number; end: number } {
  const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(pos));
  if (braced !== null) return { codePoint: checkCodePoint(parseInt(braced[1], 16)), end: pos + braced[0].length };
  const two = /^[0-9a-fA-F]{2}/.exec(src.slice(pos));
  if (two === null) throw new IllegalArgumentError(`Illegal hexadecimal escape sequence in Java regex "${src}"`);
  return { codePoint: parseInt(two[0], 16), end: pos + 2 };
}

function unicodeEscape(src: string, pos: number): { codePoint: number; end: number } {
  const four = /^[0-9a-fA-F]{4}/.exec(src.slice(pos));
  if (four === null) throw new IllegalArgumentError(`Illegal Unicode escape sequence in Java regex "${src}"`);
  const high = parseInt(four[0], 16);
  const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(src.slice(pos + 4));
  if (high >= 0xd800 && high <= 0xdbff && low !== null) {
    return { codePoint: 0x10000 + ((high - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00), end: pos + 10 };
  }
  return { codePoint: high, end: pos + 4 };
}

function octalEscape(src: string, pos: number): { codePoint: number; end: number } {
  const digits = /^[0-3][0-7]{2}|^[0-7]{1,2}/.exec(src.slice(pos));
  if (digits === null) throw new IllegalArgumentError(`Illegal octal escape sequence in Java regex "${src}"`);
  return { codePoint: parseInt(digits[0], 8), end: pos + digits[0].length };
}

function checkCodePoint(cp: number): number {
  if (cp > 0x10ffff) throw new IllegalArgumentError(`Hexadecimal codepoint is too big: ${cp}`);
  return cp;
}

/** A JS fragment matching the code point, escaped; ASCII letters fold when ci without uc. */
export function renderLiteral(cp: number, flags: RegexFlags): string {
  const ch = String.fromCodePoint(cp);
  if (flags.ci && !flags.uc && /[a-zA-Z]/.test(ch)) return `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
  if ("^$\\.*+?()[]{}|/".includes(ch)) return `\\${ch}`;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return `\\u{${cp.toString(16)}}`;
  return ch;
}

/** A code point as it may appear inside a JS class ("u" flag). */
export function classChar(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if ("\\]^-[".includes(ch)) return `\\${ch}`;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return `\\u{${cp.toString(16)}}`;
  return ch;
}
