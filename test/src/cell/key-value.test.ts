import { describe, expect, test } from "bun:test";
import { CellType } from "../../../src/cell/cell-type.ts";
import { makeCell } from "../../../src/cell/cell.ts";
import { KeyValueFormatError, decodeKeyValue, encodeKeyValue } from "../../../src/cell/key-value.ts";
import { encodeTtlTag } from "../../../src/cell/tags.ts";
import { toBytes } from "../../../src/util/bytes.ts";

const cell = makeCell({
  row: toBytes("r1"),
  family: toBytes("f"),
  qualifier: toBytes("q"),
  timestamp: 0x0102030405060708n,
  type: CellType.Put,
  value: toBytes("v"),
});

describe("encodeKeyValue", () => {
  test("lays out a cell as HBase's KeyValue bytes", () => {
    // keyLength = 2 + 2 + 1 + 1 + 1 + 8 + 1 = 16, valueLength = 1
    expect([...encodeKeyValue(cell)]).toEqual([
      0, 0, 0, 16, 0, 0, 0, 1, 0, 2, 0x72, 0x31, 1, 0x66, 0x71, 1, 2, 3, 4, 5, 6, 7, 8, 4, 0x76,
    ]);
  });

  test("round-trips with tags and keeps the sequence id given to the decoder", () => {
    const tagged = { ...cell, tags: encodeTtlTag(5000n) };
    const bytes = encodeKeyValue(tagged, true);
    const { cell: back, end } = decodeKeyValue(bytes, 0, { withTags: true, sequenceId: 7n });
    expect(end).toBe(bytes.length);
    expect(back).toEqual({ ...tagged, sequenceId: 7n });
  });
});

describe("decodeKeyValue", () => {
  test("rejects every truncation with KeyValueFormatError", () => {
    const bytes = encodeKeyValue(cell);
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => decodeKeyValue(bytes.subarray(0, cut), 0, { withTags: false })).toThrow(KeyValueFormatError);
    }
  });

  test("rejects an unknown type code", () => {
    const bytes = encodeKeyValue(cell);
    bytes[bytes.length - 2] = 5;
    expect(() => decodeKeyValue(bytes, 0, { withTags: false })).toThrow("unknown cell type 5");
  });

  test("never reads out of range on random corruption", () => {
    const bytes = encodeKeyValue(cell);
    for (let i = 0; i < bytes.length; i++) {
      for (const v of [0x00, 0x7f, 0x80, 0xff]) {
        const copy = bytes.slice();
        copy[i] = v;
        try {
          const { end } = decodeKeyValue(copy, 0, { withTags: false });
          expect(end).toBeLessThanOrEqual(copy.length);
        } catch (error) {
          expect(error).toBeInstanceOf(KeyValueFormatError);
        }
      }
    }
  });
});
