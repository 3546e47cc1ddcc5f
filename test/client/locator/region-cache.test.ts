// RegionCache: lookups by row and "just before a key", overlapping entries replaced (a split),
// and a dead server's regions dropped together.

import { describe, expect, test } from "bun:test";
import { RegionCache } from "../../../client/locator/region-cache.ts";
import type { RegionLocation } from "../../../client/locator/region-location.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const table = { namespace: "default", qualifier: "t" };

function loc(start: string, end: string, port = 1): RegionLocation {
  return {
    region: { table, startKey: enc(start), endKey: enc(end), regionId: 1n, regionName: enc(`t,${start},1`), encodedName: start },
    server: { host: "h", port }, offline: false,
  };
}

describe("RegionCache", () => {
  test("find() answers the region holding the row and nothing for gaps", () => {
    const cache = new RegionCache();
    cache.add(loc("", "c"));
    cache.add(loc("m", ""));
    expect(cache.find(table, enc("a"))?.region.encodedName).toBe("");
    expect(cache.find(table, enc("c"))).toBeUndefined();
    expect(cache.find(table, enc("z"))?.region.encodedName).toBe("m");
  });

  test("findBefore() answers the region whose rows end at the key", () => {
    const cache = new RegionCache();
    cache.add(loc("", "c"));
    cache.add(loc("c", "m"));
    cache.add(loc("m", ""));
    expect(cache.findBefore(table, enc("c"))?.region.encodedName).toBe("");
    expect(cache.findBefore(table, enc("m"))?.region.encodedName).toBe("c");
    expect(cache.findBefore(table, new Uint8Array(0))?.region.encodedName).toBe("m");
  });

  test("daughters replace their parent; a dead server's regions go", () => {
    const cache = new RegionCache();
    cache.add(loc("", "", 1));
    cache.add(loc("", "k", 2));
    expect(cache.find(table, enc("z"))).toBeUndefined();
    cache.add(loc("k", "", 2));
    expect(cache.find(table, enc("a"))?.server?.port).toBe(2);
    expect(cache.removeServer("h:2")).toBe(2);
    expect(cache.find(table, enc("a"))).toBeUndefined();
  });
});
