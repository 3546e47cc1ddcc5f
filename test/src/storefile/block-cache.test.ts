import { describe, expect, test } from "bun:test";
import { BlockCache, blockCacheKey } from "../../../src/storefile/block-cache.ts";

describe("BlockCache", () => {
  test("evicts the least recently used blocks to stay within its byte budget", () => {
    const cache = new BlockCache(300);
    cache.set(blockCacheKey("a", 0), new Uint8Array(100));
    cache.set(blockCacheKey("a", 100), new Uint8Array(100));
    cache.set(blockCacheKey("b", 0), new Uint8Array(100));
    expect(cache.get(blockCacheKey("a", 0))).toBeDefined(); // now most recent
    cache.set(blockCacheKey("b", 100), new Uint8Array(100));
    expect(cache.get(blockCacheKey("a", 100))).toBeUndefined(); // the least recent went
    expect(cache.get(blockCacheKey("a", 0))).toBeDefined();
    expect(cache.stats()).toEqual({ hits: 2, misses: 1, evictions: 1, sizeBytes: 300, capacityBytes: 300 });
  });

  test("never caches a block larger than its whole budget", () => {
    const cache = new BlockCache(50);
    cache.set("f@0", new Uint8Array(51));
    expect(cache.get("f@0")).toBeUndefined();
    expect(cache.stats().sizeBytes).toBe(0);
  });

  test("evictFile() drops exactly one file's blocks, including file keys containing '@'", () => {
    const cache = new BlockCache(1000);
    cache.set(blockCacheKey("x@1", 0), new Uint8Array(10));
    cache.set(blockCacheKey("x@1", 10), new Uint8Array(10));
    cache.set(blockCacheKey("x", 0), new Uint8Array(10));
    cache.evictFile("x@1");
    expect(cache.get(blockCacheKey("x@1", 0))).toBeUndefined();
    expect(cache.get(blockCacheKey("x", 0))).toBeDefined();
    expect(cache.stats().sizeBytes).toBe(10);
  });

  test("replacing a key keeps the size accounting exact", () => {
    const cache = new BlockCache(100);
    cache.set("f@0", new Uint8Array(40));
    cache.set("f@0", new Uint8Array(60));
    expect(cache.stats().sizeBytes).toBe(60);
    cache.evictFile("f");
    expect(cache.stats().sizeBytes).toBe(0);
  });
});
