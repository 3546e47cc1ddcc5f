// LMDB through lmdb-js: binary keys and values, noSync (commits reach the OS, never fsync'd), the
// default async write batching (a put resolves when its transaction commits). LMDB reads the
// memory map, so it has no cache of its own: both cache rows are the OS page cache.

import { type Database, open } from "lmdb";
import type { BenchEngine } from "../harness.ts";

export class LmdbEngine implements BenchEngine {
  readonly name = "lmdb";
  readonly durability = "noSync: true: the put resolves once its transaction commits to the OS (no fsync); writes batched by lmdb-js";
  #db: Database<Uint8Array, Uint8Array> | undefined;

  async open(dir: string, _cacheBytes: number): Promise<void> {
    this.#db = open<Uint8Array, Uint8Array>({ path: dir, keyEncoding: "binary", encoding: "binary", noSync: true });
  }

  async put(key: Uint8Array, value: Uint8Array): Promise<void> {
    await this.#db!.put(key, value);
  }

  async putBatch(keys: Uint8Array[], values: Uint8Array[]): Promise<void> {
    const db = this.#db!;
    await db.batch(() => {
      for (let i = 0; i < keys.length; i++) db.put(keys[i], values[i]);
    });
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return this.#db!.get(key);
  }

  async scan(limit: number): Promise<number> {
    let rows = 0;
    for (const _ of this.#db!.getRange({ limit })) rows++;
    return rows;
  }

  async settle(): Promise<void> {
    await this.#db!.flushed;
  }

  async close(): Promise<void> {
    await this.#db!.close();
    this.#db = undefined;
  }
}
