// hbase:meta row keys in an order-preserving byte encoding. Meta rows sort by HBase's
// MetaCellComparator (data-semantics.md §1.7, zookeeper-and-meta.md §4.3): table part (before the
// first ','; a key without ',' sorts before every "table,…" key of that table), then the middle
// (start key, up to the last ','), then the id part. The meta Store keeps rows encoded so that
// plain unsigned byte order equals that order, and decodes them on the way out:
//   key      := esc(table) (TABLE_ONLY | WITH_PARTS esc(middle) END esc(id) END commas)
//   esc(x)   := x with every 0x00 written as 00 FF
//   TABLE_ONLY = 00 01, WITH_PARTS = 00 02, END = 00 01, commas = 0x01 (one ',') or 0x02 (more)
// 00 01 and 00 02 sort below every escaped byte, so a shorter part sorts first, as the
// comparator's prefix rule wants. The comparator finds "t,5" and "t,,5" equal (same table, empty
// middle, same id); the trailing comma flag keeps such keys distinct, ordered after everything the
// comparator does decide. See docs/decisions/0003-meta-as-an-encoded-table.md.

import { assert } from "../util/assert.ts";

const COMMA = 0x2c;
const TABLE_ONLY = 0x01;
const WITH_PARTS = 0x02;
const END = 0x01;
const ESCAPED_ZERO = 0xff;
const ONE_COMMA = 0x01;
const MORE_COMMAS = 0x02;

/** Encodes a raw meta row key (a region name, a table name, or any key a client sends). */
export function encodeMetaRow(raw: Uint8Array): Uint8Array {
  const first = raw.indexOf(COMMA);
  const out: number[] = [];
  if (first < 0) {
    escapeInto(out, raw);
    out.push(0, TABLE_ONLY);
    return Uint8Array.from(out);
  }
  const last = raw.lastIndexOf(COMMA);
  escapeInto(out, raw.subarray(0, first));
  out.push(0, WITH_PARTS);
  escapeInto(out, first === last ? raw.subarray(0, 0) : raw.subarray(first + 1, last));
  out.push(0, END);
  escapeInto(out, raw.subarray(last + 1));
  out.push(0, END, first === last ? ONE_COMMA : MORE_COMMAS);
  return Uint8Array.from(out);
}

/** Decodes an encoded meta row back to its raw key. Throws on bytes encodeMetaRow cannot produce. */
export function decodeMetaRow(encoded: Uint8Array): Uint8Array {
  const out: number[] = [];
  let at = unescapeInto(out, encoded, 0);
  const marker = encoded[at + 1];
  if (marker === TABLE_ONLY) {
    assert(at + 2 === encoded.length, "table-only meta key with trailing bytes");
    return Uint8Array.from(out);
  }
  assert(marker === WITH_PARTS, "malformed encoded meta key");
  const middle: number[] = [];
  at = unescapeInto(middle, encoded, at + 2);
  assert(encoded[at + 1] === END, "malformed encoded meta key middle");
  const id: number[] = [];
  at = unescapeInto(id, encoded, at + 2);
  assert(encoded[at + 1] === END && at + 3 === encoded.length, "malformed encoded meta key id");
  const commas = encoded[at + 2];
  assert(commas === ONE_COMMA || (commas === MORE_COMMAS), "malformed encoded meta key comma flag");
  assert(commas === MORE_COMMAS || middle.length === 0, "one-comma meta key with a middle part");
  out.push(COMMA, ...middle);
  if (commas === MORE_COMMAS) out.push(COMMA);
  out.push(...id);
  return Uint8Array.from(out);
}

function escapeInto(out: number[], bytes: Uint8Array): void {
  for (const b of bytes) {
    out.push(b);
    if (b === 0) out.push(ESCAPED_ZERO);
  }
}

/** Copies unescaped bytes from `from` up to the next unescaped 00; returns that 00's index. */
function unescapeInto(out: number[], bytes: Uint8Array, from: number): number {
  let i = from;
  for (; i < bytes.length; i++) {
    if (bytes[i] !== 0) {
      out.push(bytes[i]);
      continue;
    }
    if (bytes[i + 1] !== ESCAPED_ZERO) return i;
    out.push(0);
    i++;
  }
  assert(false, "encoded meta key without a terminator");
}
