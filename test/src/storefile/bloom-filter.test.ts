import { describe, expect, test } from "bun:test";
import { toBytes } from "../../../src/util/bytes.ts";
import { BloomFilter, BloomFilterBuilder, bloomBitCount, bloomHashCount } from "../../../src/storefile/bloom-filter.ts";
import { murmur3Hash32 } from "../../../src/storefile/bloom-hash.ts";
import { StoreFileFormatError } from "../../../src/storefile/storefile-errors.ts";
import { SeededRandom, testSeed } from "../../helpers/seeded-random.ts";

describe("murmur3Hash32", () => {
  test("matches the published MurmurHash3 x86_32 test vectors", () => {
    const cases: [Uint8Array, number, number][] = [
      [new Uint8Array(0), 0, 0],
      [new Uint8Array(0), 1, 0x514e28b7],
      [new Uint8Array(0), 0xffffffff, 0x81f16f39],
      [new Uint8Array([0, 0, 0, 0]), 0, 0x2362f9de],
      [toBytes("aaaa"), 0x9747b28c, 0x5a97808a],
      [toBytes("abc"), 0, 0xb3dd93fa],
      [toBytes("Hello, world!"), 0x9747b28c, 0x24884cba],
      [toBytes("The quick brown fox jumps over the lazy dog"), 0x9747b28c, 0x2fa826cd],
    ];
    for (const [bytes, seed, expected] of cases) expect(murmur3Hash32(bytes, seed)).toBe(expected);
  });
});

describe("BloomFilter", () => {
  test("sizes itself from the key count: about 9.6 bits and 7 hashes per key at 1%", () => {
    expect(bloomBitCount(1000, 0.01)).toBe(9592);
    expect(bloomHashCount(9592, 1000)).toBe(7);
    expect(bloomBitCount(0, 0.01)).toBe(64);
  });

  test("never gives a false negative and stays near its false-positive target", () => {
    const random = new SeededRandom(testSeed());
    const keys = Array.from({ length: 5000 }, () => random.bytes(1 + random.int(30)));
    const builder = new BloomFilterBuilder(10);
    for (const k of keys) builder.add(k);
    const bloom = BloomFilter.decode(builder.finish(0.01), keys.length);
    for (const k of keys) expect(bloom.mightContain(k)).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < 20_000; i++) if (bloom.mightContain(random.bytes(32))) falsePositives++;
    expect(falsePositives / 20_000).toBeLessThan(0.02);
  });

  test("an empty filter contains nothing", () => {
    const bloom = BloomFilter.decode(new BloomFilterBuilder(0).finish(), 0);
    expect(bloom.mightContain(toBytes("x"))).toBe(false);
  });

  test("decode() rejects a bad hash type, hash count, reserved bytes or bit count", () => {
    const good = new BloomFilterBuilder(1).finish();
    const mutations: [number, number][] = [[0, 2], [1, 0], [1, 31], [2, 1], [7, 0x48]];
    for (const [at, value] of mutations) {
      const bad = good.slice();
      bad[at] = value;
      expect(() => BloomFilter.decode(bad, 1)).toThrow(StoreFileFormatError);
    }
    expect(() => BloomFilter.decode(good.subarray(0, 9), 1)).toThrow(StoreFileFormatError);
  });
});
