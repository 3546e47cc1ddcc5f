// Row order of hbase:meta (zookeeper-and-meta.md §4.3): a row key splits into table (before the
// first ','), middle (between the first and the last ',') and id (after the last ','), compared
// part by part as unsigned bytes. A key without ',' (a table-state row) sorts before every
// "table,..." row of the same table.

import { compareBytes } from "../../src/util/bytes.ts";

const COMMA = 0x2c;

/** MetaCellComparator's row comparison. */
export function compareMetaRows(a: Uint8Array, b: Uint8Array): number {
  const aFirst = a.indexOf(COMMA);
  const bFirst = b.indexOf(COMMA);
  const t = compareBytes(aFirst < 0 ? a : a.subarray(0, aFirst), bFirst < 0 ? b : b.subarray(0, bFirst));
  if (t !== 0) return t;
  if (aFirst < 0 || bFirst < 0) return (aFirst < 0 ? 0 : 1) - (bFirst < 0 ? 0 : 1);
  const aLast = a.lastIndexOf(COMMA);
  const bLast = b.lastIndexOf(COMMA);
  const m = compareBytes(a.subarray(aFirst + 1, aLast), b.subarray(bFirst + 1, bLast));
  if (m !== 0) return m;
  return compareBytes(a.subarray(aLast + 1), b.subarray(bLast + 1));
}
