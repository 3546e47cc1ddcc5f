import { describe, expect, test } from "bun:test";
import { WALEditFormatError, decodeWALEdit, encodeWALEdit, walEditSize } from "../../../src/wal/wal-edit.ts";
import { SeededRandom, testSeed } from "../../helpers/seeded-random.ts";
import { editDifference, sampleEdit } from "./sample-edits.ts";

const seed = testSeed();

describe("encodeWALEdit / decodeWALEdit", () => {
  test("round-trip edits of every cell kind, stamping the edit's sequence id on every cell", () => {
    const random = new SeededRandom(seed);
    for (let i = 0; i < 200; i++) {
      const edit = sampleEdit(random, i, 20);
      const payload = encodeWALEdit(edit);
      expect(payload.length).toBe(walEditSize(edit));
      const back = decodeWALEdit(payload);
      expect(editDifference(back, edit)).toBeUndefined();
      for (const cell of back.cells) expect(cell.sequenceId).toBe(edit.sequenceId);
    }
  });

  test("rejects every truncation and any trailing byte with WALEditFormatError", () => {
    const payload = encodeWALEdit(sampleEdit(new SeededRandom(seed), 3, 1000));
    for (let cut = 0; cut < payload.length; cut++) {
      expect(() => decodeWALEdit(payload.subarray(0, cut))).toThrow(WALEditFormatError);
    }
    const longer = new Uint8Array(payload.length + 1);
    longer.set(payload);
    expect(() => decodeWALEdit(longer)).toThrow("1 bytes after the last cell");
  });

  test("rejects a cell count the payload cannot hold, and a region name that is not printable ASCII", () => {
    const edit = sampleEdit(new SeededRandom(seed), 0, 1000);
    const payload = encodeWALEdit(edit);
    const countAt = 2 + edit.regionName.length + 16;
    const huge = payload.slice();
    new DataView(huge.buffer).setUint32(countAt, 0xffffffff);
    expect(() => decodeWALEdit(huge)).toThrow("cannot fit the payload");
    const badName = payload.slice();
    badName[2] = 0x80;
    expect(() => decodeWALEdit(badName)).toThrow("not printable ASCII");
  });

  test("never reads out of range when any byte is overwritten", () => {
    const payload = encodeWALEdit(sampleEdit(new SeededRandom(seed), 5, 1000));
    for (let i = 0; i < payload.length; i++) {
      for (const v of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
        const copy = payload.slice();
        copy[i] = v;
        try {
          decodeWALEdit(copy);
        } catch (error) {
          expect(error).toBeInstanceOf(WALEditFormatError);
        }
      }
    }
  });
});
