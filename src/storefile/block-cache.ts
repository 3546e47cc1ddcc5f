// BlockCache: an LRU of verified store-file blocks, bounded by bytes, shared by every open store
// file. Keys are `<fileKey>@<blockOffset>` (blockCacheKey); each reader has its own fileKey, unique
// per open, so a reused path can never serve another file's blocks. Cached arrays are never modified.

import { assert } from "../util/assert.ts";

/** The cache key of the block at `offset` of the file opened as `fileKey`. */
export function blockCacheKey(fileKey: string, offset: number): string {
  return `${fileKey}@${offset}`;
}

function fileKeyOf(key: string): string {
  const at = key.lastIndexOf("@");
  assert(at > 0, "block cache key without a file part");
  return key.slice(0, at);
}

/** A cached block and the file part of its key (kept so eviction parses no key). */
interface CachedBlock {
  readonly block: Uint8Array;
  readonly fileKey: string;
}

export interface BlockCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  sizeBytes: number;
  capacityBytes: number;
}

export class BlockCache {
  /** Insertion order is recency order: the first entry is the least recently used. */
  readonly #blocks = new Map<string, CachedBlock>();
  readonly #keysByFile = new Map<string, Set<string>>();
  readonly #capacityBytes: number;
  #sizeBytes = 0;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  /** `capacityBytes`: the byte budget (LIMITS.blockCacheBytes by default in the engine); 0 caches nothing. */
  constructor(capacityBytes: number) {
    assert(Number.isSafeInteger(capacityBytes) && capacityBytes >= 0, "block cache capacity must be a byte count");
    this.#capacityBytes = capacityBytes;
  }

  /** The cached block, now most recently used; undefined on a miss. */
  get(key: string): Uint8Array | undefined {
    const cached = this.#blocks.get(key);
    if (cached === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.#blocks.delete(key);
    this.#blocks.set(key, cached);
    return cached.block;
  }

  /** Caches `block` (which the caller no longer modifies), evicting the least recently used. */
  set(key: string, block: Uint8Array): void {
    if (block.length > this.#capacityBytes) return;
    this.#remove(key);
    const fileKey = fileKeyOf(key);
    this.#blocks.set(key, { block, fileKey });
    this.#sizeBytes += block.length;
    let keys = this.#keysByFile.get(fileKey);
    if (keys === undefined) this.#keysByFile.set(fileKey, (keys = new Set()));
    keys.add(key);
    this.#evictOver();
    assert(this.#sizeBytes <= this.#capacityBytes, "block cache over its budget");
  }

  /** Drops every block of one file (its reader closed). */
  evictFile(fileKey: string): void {
    const keys = this.#keysByFile.get(fileKey);
    if (keys === undefined) return;
    for (const key of [...keys]) this.#remove(key);
    assert(!this.#keysByFile.has(fileKey), "file blocks left in the cache");
  }

  stats(): BlockCacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
      sizeBytes: this.#sizeBytes,
      capacityBytes: this.#capacityBytes,
    };
  }

  #evictOver(): void {
    while (this.#sizeBytes > this.#capacityBytes) {
      const oldest = this.#blocks.keys().next();
      assert(oldest.done !== true, "block cache size accounting broken");
      this.#remove(oldest.value);
      this.#evictions++;
    }
  }

  #remove(key: string): void {
    const cached = this.#blocks.get(key);
    if (cached === undefined) return;
    this.#blocks.delete(key);
    this.#sizeBytes -= cached.block.length;
    const keys = this.#keysByFile.get(cached.fileKey);
    keys?.delete(key);
    if (keys?.size === 0) this.#keysByFile.delete(cached.fileKey);
  }
}
