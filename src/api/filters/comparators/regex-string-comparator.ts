// RegexStringComparator: decodes the cell with the charset (invalid bytes become U+FFFD) and
// answers 0 when the Java pattern is found anywhere in it, else 1 (data-semantics.md §5.6).
// Patterns are Java regexes translated to JS (java-regex.ts, docs/java-regex.md).

import { IllegalArgumentError } from "../../errors.ts";
import { toBytes } from "../../../util/bytes.ts";
import { FILTER_PACKAGE } from "../filter.ts";
import type { ByteArrayComparable } from "./byte-array-comparable.ts";
import { JavaRegexFlag, compileJavaRegex } from "./java-regex.ts";

/** Regex engines HBase names on the wire; both take Java syntax here. */
export const RegexEngine = { JAVA: "JAVA", JONI: "JONI" } as const;
export type RegexEngine = (typeof RegexEngine)[keyof typeof RegexEngine];

export class RegexStringComparator implements ByteArrayComparable {
  readonly javaClass = `${FILTER_PACKAGE}RegexStringComparator`;
  readonly pattern: string;
  readonly flags: number;
  readonly charset: string;
  readonly engine: RegexEngine;
  readonly value: Uint8Array;
  readonly #regex: RegExp;
  readonly #decode: (bytes: Uint8Array) => string;

  /** Default flags are Pattern.DOTALL, as HBase's. Throws IllegalArgumentError for what cannot be translated. */
  constructor(pattern: string, options: { flags?: number; charset?: string; engine?: RegexEngine } = {}) {
    this.pattern = pattern;
    this.flags = options.flags ?? JavaRegexFlag.DOTALL;
    this.charset = options.charset ?? "UTF-8";
    this.engine = options.engine ?? RegexEngine.JAVA;
    this.value = toBytes(pattern);
    this.#regex = compileJavaRegex(pattern, this.flags);
    this.#decode = decoderFor(this.charset);
  }

  compareTo(cell: Uint8Array): number {
    return this.#regex.test(this.#decode(cell)) ? 0 : 1;
  }
}

/** A decoder with Java's mapping: ISO-8859-1 and US-ASCII byte-wise (WHATWG maps them to windows-1252). */
function decoderFor(charset: string): (bytes: Uint8Array) => string {
  const name = charset.toUpperCase();
  if (name === "ISO-8859-1" || name === "ISO8859_1" || name === "LATIN1") return (b) => bytewise(b, 0xff);
  if (name === "US-ASCII" || name === "ASCII") return (b) => bytewise(b, 0x7f);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { ignoreBOM: true });
  } catch (error) {
    throw new IllegalArgumentError(`Unsupported charset "${charset}"`, { cause: error });
  }
  return (b) => decoder.decode(b);
}

function bytewise(bytes: Uint8Array, max: number): string {
  let s = "";
  for (const b of bytes) s += b <= max ? String.fromCharCode(b) : "\uFFFD";
  return s;
}
