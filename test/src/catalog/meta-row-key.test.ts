import { describe, expect, test } from "bun:test";
import { decodeMetaRow, encodeMetaRow } from "../../../src/catalog/meta-row-key.ts";
import { compareBytes, toBytes } from "../../../src/util/bytes.ts";
import { SeededRandom, testSeed } from "../../helpers/seeded-random.ts";

/** MetaCellComparator's row order, written independently from the spec (zookeeper-and-meta §4.3). */
function metaOrder(a: Uint8Array, b: Uint8Array): number {
  const parts = (k: Uint8Array) => {
    const first = k.indexOf(0x2c);
    if (first < 0) return { table: k, rest: undefined };
    const last = k.lastIndexOf(0x2c);
    return { table: k.subarray(0, first), rest: { middle: k.subarray(first + 1, Math.max(first + 1, last)), id: k.subarray(last + 1) } };
  };
  const pa = parts(a);
  const pb = parts(b);
  const t = compareBytes(pa.table, pb.table);
  if (t !== 0) return t;
  if (pa.rest === undefined || pb.rest === undefined) return (pa.rest === undefined ? 0 : 1) - (pb.rest === undefined ? 0 : 1);
  return compareBytes(pa.rest.middle, pb.rest.middle) || compareBytes(pa.rest.id, pb.rest.id);
}

describe("encodeMetaRow", () => {
  test("round-trips region names, table names and client probe keys", () => {
    for (const key of ["t1,,1700000000000.43ae7364b4a555b93267937f9bc49ec1.", "ns:t", "t1,row,99999999999999", "t1,,", "t\u0000", "t,a,b,c,5"]) {
      expect(decodeMetaRow(encodeMetaRow(toBytes(key)))).toEqual(toBytes(key));
    }
  });

  test("orders like the meta comparator where plain byte order does not", () => {
    const a = toBytes("t,a,1");
    const b = toBytes("t,a\u0000,1");
    expect(metaOrder(a, b)).toBeLessThan(0);
    expect(Math.sign(compareBytes(encodeMetaRow(a), encodeMetaRow(b)))).toBe(-1);
    const tableOnly = toBytes("t");
    expect(Math.sign(compareBytes(encodeMetaRow(tableOnly), encodeMetaRow(toBytes("t,,1"))))).toBe(-1);
    expect(Math.sign(compareBytes(encodeMetaRow(toBytes("t,z,1")), encodeMetaRow(toBytes("t\u0000"))))).toBe(-1);
  });

  test("agrees with the meta comparator on random keys with commas and zero bytes", () => {
    const seed = testSeed();
    const rnd = new SeededRandom(seed);
    const alphabet = [0x00, 0x01, 0x2c, 0x2b, 0x2d, 0x61, 0x62, 0xff];
    const key = () => Uint8Array.from({ length: rnd.int(7) }, () => rnd.pick(alphabet));
    for (let i = 0; i < 20_000; i++) {
      const a = key();
      const b = key();
      const want = Math.sign(metaOrder(a, b));
      const got = Math.sign(compareBytes(encodeMetaRow(a), encodeMetaRow(b)));
      // Keys the comparator finds equal ("t,5" and "t,,5") must still stay distinct.
      const ok = want !== 0 ? got === want : got === Math.sign(compareBytes(a, b)) || (got !== 0 && compareBytes(a, b) !== 0);
      if (!ok) throw new Error(`seed ${seed}: ${[...a]} vs ${[...b]}: want ${want}, got ${got}`);
      expect(decodeMetaRow(encodeMetaRow(a))).toEqual(a);
    }
  });
});
