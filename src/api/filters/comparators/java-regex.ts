// Translates a java.util.regex pattern and its flags into an equivalent JavaScript RegExp ("u"
// flag), for RegexStringComparator (data-semantics.md §5.6). Each Java construct is rewritten to
// what Java means by it: ASCII-only \s and case folding, Java's `.` `^` `$` line terminators,
// \Q…\E, possessive quantifiers and atomic groups (as lookahead + backreference), class unions,
// intersections and negations. What has no JS form is rejected, never guessed. docs/java-regex.md
// lists every difference. Nested input is walked with explicit stacks, not recursion.

import { IllegalArgumentError } from "../../errors.ts";
import { predefinedClass, propertyClass } from "./java-regex-escapes.ts";
import { parseJavaClass } from "./java-regex-class.ts";
import { JavaRegexFlag, type RegexFlags, flagsFromBits, needsJsIgnoreCase, readEscapedCodePoint, renderLiteral } from "./java-regex-syntax.ts";

export { JavaRegexFlag };

type Piece =
  | string
  | { kind: "open"; javaGroup: number; name: string | undefined }
  | { kind: "helperOpen"; id: number }
  | { kind: "backref"; javaGroup: number }
  | { kind: "helperRef"; id: number };

interface Frame {
  flags: RegexFlags;
  /** Whether the JS output is inside an `(?i:` modifier at this point. */
  jsIgnoreCase: boolean;
  /** Modifier groups opened inside this frame by inline flags, closed with it. */
  extraCloses: number;
  openIndex: number;
  atomicId: number | undefined;
}

const LINE_TERMINATOR = "[\\n\\r\\x85\\u2028\\u2029]";

/** Compiles a Java pattern with Java flag bits (Pattern.DOTALL = 32, …) into a JS RegExp. */
export function compileJavaRegex(pattern: string, flagBits: number): RegExp {
  const source = translateJavaRegex(pattern, flagBits);
  try {
    return new RegExp(source, "u");
  } catch (error) {
    throw new IllegalArgumentError(`Cannot compile Java regex "${pattern}": ${String(error)}`, { cause: error });
  }
}

/** The JS source (for the "u" flag) equivalent to `pattern` under `flagBits`. */
export function translateJavaRegex(pattern: string, flagBits: number): string {
  return new Translator(pattern, flagsFromBits(flagBits)).run();
}

class Translator {
  readonly #src: string;
  #pos = 0;
  readonly #out: Piece[] = [];
  readonly #frames: Frame[];
  #lastAtom: number | undefined;
  #javaGroups = 0;
  #helpers = 0;

  constructor(src: string, flags: RegexFlags) {
    this.#src = src;
    this.#frames = [{ flags: { ...flags, ci: false, uc: false }, jsIgnoreCase: false, extraCloses: 0, openIndex: 0, atomicId: undefined }];
    this.#applyFlags(flags);
  }

  run(): string {
    if (this.#top.flags.literal) {
      for (const ch of this.#src) this.#pushAtom(renderLiteral(ch.codePointAt(0)!, this.#top.flags));
      this.#closeModifiers(this.#top);
      return this.#render();
    }
    while (this.#pos < this.#src.length) this.#step();
    if (this.#frames.length > 1) throw this.#error("Unclosed group");
    this.#closeModifiers(this.#top);
    return this.#render();
  }

  get #top(): Frame {
    return this.#frames[this.#frames.length - 1];
  }

  #step(): void {
    const ch = this.#next();
    if (this.#top.flags.comments && this.#skipComment(ch)) return;
    switch (ch) {
      case "\\": return this.#escape();
      case "[": return this.#pushAtom(this.#parseClass());
      case "(": return this.#openGroup();
      case ")": return this.#closeGroup();
      case "|": return this.#pushOther("|");
      case ".": return this.#pushAtom(this.#dot());
      case "^": return this.#pushOther(this.#caret());
      case "$": return this.#pushOther(this.#dollar());
      case "*": case "+": case "?": return this.#quantifier(ch);
      case "{": return this.#quantifier(this.#braces());
      default: return this.#pushAtom(renderLiteral(ch.codePointAt(0)!, this.#top.flags));
    }
  }

  #next(): string {
    const cp = this.#src.codePointAt(this.#pos)!;
    const ch = String.fromCodePoint(cp);
    this.#pos += ch.length;
    return ch;
  }

  #peek(): string | undefined {
    return this.#pos < this.#src.length ? String.fromCodePoint(this.#src.codePointAt(this.#pos)!) : undefined;
  }

  /** COMMENTS mode: whitespace and `#…` to the end of the line are ignored. */
  #skipComment(ch: string): boolean {
    if (/^[ \t\n\x0B\f\r]$/.test(ch)) return true;
    if (ch !== "#") return false;
    while (this.#pos < this.#src.length && !/[\n\r\x85\u2028\u2029]/.test(this.#src[this.#pos])) this.#pos++;
    return true;
  }

  #escape(): void {
    const ch = this.#next();
    if (/[1-9]/.test(ch)) return this.#backreference(Number(ch));
    if (ch === "Q") return this.#quoted();
    if (ch === "E") return;
    if ("dDwWsShHvV".includes(ch)) return this.#pushAtom(predefinedClass(ch, this.#top.flags.ucc));
    if (ch === "p" || ch === "P") return this.#pushAtom(propertyClass(this.#propertyName(), ch === "P", this.#top.flags.ucc));
    if (ch === "R") return this.#pushAtom(`(?:\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])`);
    if (ch === "b" || ch === "B") return this.#pushOther(wordBoundary(ch === "B"));
    if (ch === "A") return this.#pushOther("(?<![\\s\\S])");
    if (ch === "z") return this.#pushOther("(?![\\s\\S])");
    if (ch === "Z") return this.#pushOther(endBeforeFinalTerminator(this.#top.flags.unixLines));
    if (ch === "k") return this.#pushAtom(`\\k${this.#groupName()}`);
    const cp = readEscapedCodePoint(ch, this.#src, this.#pos);
    if (cp === undefined) throw this.#error(`Unsupported escape sequence \\${ch}`);
    this.#pos = cp.end;
    this.#pushAtom(renderLiteral(cp.codePoint, this.#top.flags));
  }

  #backreference(first: number): void {
    let n = first;
    while (/[0-9]/.test(this.#peek() ?? "") && n * 10 + Number(this.#peek()) <= this.#javaGroups) n = n * 10 + Number(this.#next());
    this.#lastAtom = this.#out.length;
    this.#out.push(n <= this.#javaGroups ? { kind: "backref", javaGroup: n } : "[]");
  }

  #quoted(): void {
    const end = this.#src.indexOf("\\E", this.#pos);
    const text = this.#src.slice(this.#pos, end < 0 ? this.#src.length : end);
    this.#pos = end < 0 ? this.#src.length : end + 2;
    for (const ch of text) this.#pushAtom(renderLiteral(ch.codePointAt(0)!, this.#top.flags));
  }

  #propertyName(): string {
    if (this.#peek() !== "{") return this.#next();
    const end = this.#src.indexOf("}", this.#pos);
    if (end < 0) throw this.#error("Unclosed character family");
    const name = this.#src.slice(this.#pos + 1, end);
    this.#pos = end + 1;
    return name;
  }

  #groupName(): string {
    const match = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.#src.slice(this.#pos));
    if (match === null) throw this.#error("Bad group name");
    this.#pos += match[0].length;
    return match[0];
  }

  #parseClass(): string {
    const parsed = parseJavaClass(this.#src, this.#pos, this.#top.flags);
    this.#pos = parsed.end;
    return parsed.fragment;
  }

  #openGroup(): void {
    const parent = this.#top;
    const frame: Frame = { flags: { ...parent.flags }, jsIgnoreCase: parent.jsIgnoreCase, extraCloses: 0, openIndex: this.#out.length, atomicId: undefined };
    if (this.#peek() !== "?") {
      this.#javaGroups++;
      this.#out.push({ kind: "open", javaGroup: this.#javaGroups, name: undefined });
    } else if (!this.#openSpecialGroup(frame)) {
      return;
    }
    this.#frames.push(frame);
    this.#lastAtom = undefined;
  }

  /** `(?…`: returns false for inline flags `(?i)`, which open no group. */
  #openSpecialGroup(frame: Frame): boolean {
    this.#pos++;
    const rest = this.#src.slice(this.#pos);
    const fixed = /^(?::|=|!|<=|<!)/.exec(rest);
    if (fixed !== null) {
      this.#pos += fixed[0].length;
      this.#out.push(`(?${fixed[0]}`);
      return true;
    }
    if (rest.startsWith("<")) {
      const name = this.#groupName();
      this.#javaGroups++;
      this.#out.push({ kind: "open", javaGroup: this.#javaGroups, name: name.slice(1, -1) });
      return true;
    }
    if (rest.startsWith(">")) {
      this.#pos++;
      frame.atomicId = this.#helpers++;
      this.#out.push("(?=", { kind: "helperOpen", id: frame.atomicId });
      return true;
    }
    return this.#inlineFlags(frame);
  }

  #inlineFlags(frame: Frame): boolean {
    const match = /^([idmsuxU]*)(?:-([idmsuxU]*))?([:)])/.exec(this.#src.slice(this.#pos));
    if (match === null) throw this.#error("Unknown inline modifier");
    this.#pos += match[0].length;
    const flags = withInlineFlags(this.#top.flags, match[1], match[2] ?? "");
    if (match[3] === ")") {
      this.#applyFlags(flags);
      return false;
    }
    this.#out.push("(?:");
    frame.flags = flags;
    this.#frames.push(frame);
    this.#applyFlags(flags);
    this.#frames.pop();
    return true;
  }

  /** Sets the current frame's flags, opening a JS `(?i:`/`(?-i:` when the case mode changes. */
  #applyFlags(flags: RegexFlags): void {
    const frame = this.#top;
    frame.flags = flags;
    const wanted = needsJsIgnoreCase(flags);
    if (wanted === frame.jsIgnoreCase) return;
    this.#out.push(wanted ? "(?i:" : "(?-i:");
    frame.extraCloses++;
    frame.jsIgnoreCase = wanted;
  }

  #closeModifiers(frame: Frame): void {
    for (let i = 0; i < frame.extraCloses; i++) this.#out.push(")");
  }

  #closeGroup(): void {
    if (this.#frames.length === 1) throw this.#error("Unmatched closing ')'");
    const frame = this.#frames.pop()!;
    this.#closeModifiers(frame);
    this.#out.push(")");
    if (frame.atomicId !== undefined) this.#out.push(")", { kind: "helperRef", id: frame.atomicId });
    this.#lastAtom = frame.openIndex;
  }

  #braces(): string {
    const match = /^(\d+)(,(\d*))?\}/.exec(this.#src.slice(this.#pos));
    if (match === null) throw this.#error("Illegal repetition");
    this.#pos += match[0].length;
    if (match[3] !== undefined && match[3] !== "" && Number(match[3]) < Number(match[1])) throw this.#error("Illegal repetition range");
    return `{${match[0]}`;
  }

  #quantifier(q: string): void {
    if (this.#lastAtom === undefined) throw this.#error(`Dangling meta character '${q[0]}'`);
    const mode = this.#peek();
    if (mode === "?") {
      this.#pos++;
      this.#out.push(`${q}?`);
    } else if (mode === "+") {
      this.#pos++;
      const atom = this.#out.splice(this.#lastAtom);
      const id = this.#helpers++;
      this.#out.push("(?=", { kind: "helperOpen", id }, ...atom, q, "))", { kind: "helperRef", id });
    } else {
      this.#out.push(q);
    }
    this.#lastAtom = undefined;
  }

  #dot(): string {
    const f = this.#top.flags;
    if (f.dotall) return "[\\s\\S]";
    return f.unixLines ? "[^\\n]" : "(?:(?!" + LINE_TERMINATOR + ")[\\s\\S])";
  }

  #caret(): string {
    const f = this.#top.flags;
    if (!f.multiline) return "(?<![\\s\\S])";
    if (f.unixLines) return "(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))";
    return "(?:(?<![\\s\\S])|(?:(?<=[\\n\\x85\\u2028\\u2029])|(?<=\\r)(?!\\n))(?=[\\s\\S]))";
  }

  #dollar(): string {
    const f = this.#top.flags;
    if (!f.multiline) return endBeforeFinalTerminator(f.unixLines);
    if (f.unixLines) return "(?=\\n|(?![\\s\\S]))";
    return "(?=\\r|(?<!\\r)\\n|[\\x85\\u2028\\u2029]|(?![\\s\\S]))";
  }

  #pushAtom(fragment: string): void {
    this.#lastAtom = this.#out.length;
    this.#out.push(fragment);
  }

  #pushOther(fragment: string): void {
    this.#lastAtom = undefined;
    this.#out.push(fragment);
  }

  #render(): string {
    const numbers = new Map<string, number>();
    let n = 0;
    for (const piece of this.#out) {
      if (typeof piece === "string") continue;
      if (piece.kind === "open") numbers.set(`g${piece.javaGroup}`, ++n);
      if (piece.kind === "helperOpen") numbers.set(`h${piece.id}`, ++n);
    }
    let source = "";
    for (const piece of this.#out) {
      if (typeof piece === "string") source += piece;
      else if (piece.kind === "open") source += piece.name === undefined ? "(" : `(?<${piece.name}>`;
      else if (piece.kind === "helperOpen") source += "(";
      else if (piece.kind === "backref") source += `(?:\\${numbers.get(`g${piece.javaGroup}`)})`;
      else source += `(?:\\${numbers.get(`h${piece.id}`)})`;
    }
    return source;
  }

  #error(message: string): IllegalArgumentError {
    return new IllegalArgumentError(`${message} near index ${this.#pos} in Java regex "${this.#src}"`);
  }
}

function withInlineFlags(base: RegexFlags, on: string, off: string): RegexFlags {
  const flags = { ...base };
  const set = (letters: string, value: boolean) => {
    for (const letter of letters) {
      if (letter === "i") flags.ci = value;
      if (letter === "d") flags.unixLines = value;
      if (letter === "m") flags.multiline = value;
      if (letter === "s") flags.dotall = value;
      if (letter === "u") flags.uc = value;
      if (letter === "x") flags.comments = value;
      if (letter === "U") flags.ucc = value;
    }
  };
  set(on, true);
  set(off, false);
  if (flags.ucc) flags.uc = true;
  return flags;
}

/** Java's \b: the word characters are letters, digits (Unicode) and `_`. */
function wordBoundary(negated: boolean): string {
  const w = "[\\p{L}\\p{Nd}_]";
  const at = `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
  return negated ? `(?!${at})` : at;
}

/** Java's `$` without MULTILINE (and \Z): the end, or just before a final line terminator. */
function endBeforeFinalTerminator(unixLines: boolean): string {
  if (unixLines) return "(?=\\n?(?![\\s\\S]))";
  return "(?=(?:\\r\\n|" + LINE_TERMINATOR + ")?(?![\\s\\S]))";
}
