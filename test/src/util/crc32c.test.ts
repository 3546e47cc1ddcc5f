import { describe, expect, test } from "bun:test";
import { crc32c } from "../../../src/util/crc32c.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

describe("crc32c", () => {
  test("matches the Castagnoli check value for 123456789", () => {
    expect(crc32c(ascii("123456789"))).toBe(0xe3069283);
  });

  test("matches RFC 3720 vectors (32 zero bytes, 32 0xFF bytes)", () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
  });

  test("continues across chunks as over the whole input", () => {
    const data = ascii("the quick brown fox jumps over the lazy dog, twice over");
    for (let cut = 0; cut <= data.length; cut++) {
      const first = crc32c(data, 0, 0, cut);
      expect(crc32c(data, first, cut, data.length)).toBe(crc32c(data));
    }
  });
});
