// Tables of Java regex escapes and \p{…} names in their JavaScript ("u" flag) form, for the
// Java → JS translation (docs/java-regex.md). Each entry matches exactly one code point, so the
// translator can combine entries into unions, intersections and negations.

import { IllegalArgumentError } from "../../errors.ts";

/** Java's predefined classes (java.util.regex.Pattern, ASCII unless UNICODE_CHARACTER_CLASS). */
const ASCII_CLASSES: Record<string, string> = {
  d: "[0-9]",
  w: "[a-zA-Z_0-9]",
  s: "[\\t\\n\\x0B\\f\\r ]",
  h: "[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]",
  v: "[\\n\\x0B\\f\\r\\x85\\u2028\\u2029]",
};

const UNICODE_CLASSES: Record<string, string> = {
  d: "\\p{Nd}",
  w: "[\\p{Alphabetic}\\p{Mn}\\p{Me}\\p{Mc}\\p{Nd}\\p{Pc}\\p{Join_Control}]",
  s: "\\p{White_Space}",
};

/** POSIX names of \p{…}: US-ASCII sets by default, as Java has them. */
const POSIX: Record<string, string> = {
  Lower: "[a-z]",
  Upper: "[A-Z]",
  ASCII: "[\\x00-\\x7F]",
  Alpha: "[a-zA-Z]",
  Digit: "[0-9]",
  Alnum: "[a-zA-Z0-9]",
  Punct: "[!-\\/:-@\\[-`{-~]",
  Graph: "[!-~]",
  Print: "[ -~]",
  Blank: "[ \\t]",
  Cntrl: "[\\x00-\\x1F\\x7F]",
  XDigit: "[0-9a-fA-F]",
  Space: "[\\t\\n\\x0B\\f\\r ]",
};

/** POSIX names under UNICODE_CHARACTER_CLASS. */
const POSIX_UNICODE: Record<string, string> = {
  Lower: "\\p{Lowercase}",
  Upper: "\\p{Uppercase}",
  Alpha: "\\p{Alphabetic}",
  Digit: "\\p{Nd}",
  Alnum: "[\\p{Alphabetic}\\p{Nd}]",
  Punct: "\\p{P}",
  Space: "\\p{White_Space}",
  XDigit: "[\\p{Nd}\\p{Hex_Digit}]",
};

/** java.lang.Character predicates. */
const JAVA_CHARACTER: Record<string, string> = {
  javaLowerCase: "\\p{Lowercase}",
  javaUpperCase: "\\p{Uppercase}",
  javaDigit: "\\p{Nd}",
  javaLetter: "\\p{L}",
  javaLetterOrDigit: "[\\p{L}\\p{Nd}]",
  javaAlphabetic: "\\p{Alphabetic}",
  javaWhitespace: "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]",
  javaMirrored: "\\p{Bidi_M}",
};

const CATEGORY = /^(?:L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|C[cfson]?|LC|L&)$/;
const BINARY = new Set(["Alphabetic", "Ideographic", "Letter", "Lowercase", "Uppercase", "Titlecase", "Punctuation", "Control", "White_Space", "Digit", "Hex_Digit", "Join_Control", "Noncharacter_Code_Point", "Assigned", "Emoji"]);

/** A Java predefined class (\d \w \s \h \v and capitals) as a one-code-point JS fragment. */
export function predefinedClass(letter: string, unicodeClasses: boolean): string {
  const lower = letter.toLowerCase();
  const base = (unicodeClasses ? UNICODE_CLASSES[lower] : undefined) ?? ASCII_CLASSES[lower];
  if (base === undefined) throw new IllegalArgumentError(`Unsupported Java regex class \\${letter}`);
  return letter === lower ? base : negate(base);
}

/** The JS fragment for \p{name} (or \P{name} when `negated`). */
export function propertyClass(name: string, negated: boolean, unicodeClasses: boolean): string {
  const positive = propertyFragment(name, unicodeClasses);
  return negated ? negate(positive) : positive;
}

function propertyFragment(name: string, unicodeClasses: boolean): string {
  const posix = (unicodeClasses ? POSIX_UNICODE[name] : undefined) ?? POSIX[name];
  if (posix !== undefined) return posix;
  if (JAVA_CHARACTER[name] !== undefined) return JAVA_CHARACTER[name];
  const stripped = name.startsWith("Is") ? name.slice(2) : name;
  const [key, value] = stripped.includes("=") ? stripped.split("=", 2) : [undefined, stripped];
  if (key === "script" || key === "sc") return `\\p{Script=${value}}`;
  if (key === "general_category" || key === "gc") return categoryFragment(value);
  if (key === undefined && CATEGORY.test(value)) return categoryFragment(value);
  if (key === undefined && BINARY.has(value)) return `\\p{${value}}`;
  if (key === undefined && name.startsWith("Is") && /^[A-Z][a-z]+$/.test(value)) return `\\p{Script=${value}}`;
  throw new IllegalArgumentError(`Unsupported Java regex property \\p{${name}} (blocks and this name have no JavaScript form)`);
}

function categoryFragment(value: string): string {
  if (value === "LC" || value === "L&") return "\\p{LC}";
  return `\\p{${value}}`;
}

/** A fragment matching one code point not matched by `fragment`. */
export function negate(fragment: string): string {
  return `(?:(?!${fragment})[\\s\\S])`;
}
