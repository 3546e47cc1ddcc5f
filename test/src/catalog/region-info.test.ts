import { describe, expect, test } from "bun:test";
import { makeRegionInfo, regionsForSplitKeys } from "../../../src/catalog/region-info.ts";
import { toBytes, toUtf8 } from "../../../src/util/bytes.ts";

describe("makeRegionInfo", () => {
  test("names a region as HBase does (zookeeper-and-meta.md §4.2 example)", () => {
    const info = makeRegionInfo({ table: { namespace: "default", qualifier: "t1" }, startKey: new Uint8Array(0), endKey: new Uint8Array(0), regionId: 1700000000000n });
    expect(toUtf8(info.regionName)).toBe("t1,,1700000000000.43ae7364b4a555b93267937f9bc49ec1.");
    expect(info.encodedName).toBe("43ae7364b4a555b93267937f9bc49ec1");
  });

  test("includes the namespace of a non-default table", () => {
    const info = makeRegionInfo({ table: { namespace: "ns", qualifier: "t" }, startKey: toBytes("k"), endKey: new Uint8Array(0), regionId: 1n });
    expect(toUtf8(info.regionName).startsWith("ns:t,k,1.")).toBe(true);
  });
});

describe("regionsForSplitKeys", () => {
  test("covers the key space contiguously in sorted order", () => {
    const regions = regionsForSplitKeys({ namespace: "default", qualifier: "t" }, [toBytes("m"), toBytes("c")], 5n);
    expect(regions.map((r) => [toUtf8(r.startKey), toUtf8(r.endKey)])).toEqual([["", "c"], ["c", "m"], ["m", ""]]);
  });
});
