// LevelDB through classic-level: binary keys and values, the default write options (sync: false).
// The cache row uses LevelDB's block cache (cacheSize); the OS page cache serves the rest.

import { ClassicLevel } from "classic-level";
import type { BenchEngine } from "../harness.ts";

type Db = ClassicLevel<Uint8Array, Uint8Array>;

export class LevelDbEngine implements BenchEngine {
  readonly name = "leveldb";
  readonly durability = "sync: false (default): the log record is written to the OS (write(2), no fsync) before the callback";
  #db: Db | undefined;

  async open(dir: string, cacheBytes: number): Promise<void> {
    this.#db = new ClassicLevel<Uint8Array, Uint8Array>(dir, { keyEncoding: "view", valueEncoding: "view", cacheSize: cacheBytes });
    await this.#db.open();
  }

  put(key: Uint8Array, value: Uint8Array): Promise<void> {
    return this.#db!.put(key, value);
  }

  putBatch(keys: Uint8Array[], values: Uint8Array[]): Promise<void> {
    return this.#db!.batch(keys.map((key, i) => ({ type: "put" as const, key, value: values[i] })));
  }

  get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return this.#db!.get(key);
  }

  async scan(limit: number): Promise<number> {
    let rows = 0;
    const it = this.#db!.iterator({ limit: limit === Number.MAX_SAFE_INTEGER ? -1 : limit });
    for (let page = await it.nextv(1_000); page.length > 0; page = await it.nextv(1_000)) rows += page.length;
    await it.close();
    return rows;
  }

  /** Writes the memtable out and compacts every level, so reads come from table files. */
  settle(): Promise<void> {
    return this.#db!.compactRange(new Uint8Array([0]), new Uint8Array([0xff, 0xff]));
  }

  async close(): Promise<void> {
    await this.#db!.close();
    this.#db = undefined;
  }
}
