// SQLite through bun:sqlite: a WITHOUT ROWID table (k BLOB PRIMARY KEY, v BLOB), WAL journal,
// synchronous=OFF (each commit is written to the WAL file through the OS, never fsync'd). Calls
// are synchronous; the async wrappers cost every engine the same one await.

import { Database, type Statement } from "bun:sqlite";
import { join } from "node:path";
import type { BenchEngine } from "../harness.ts";

export class SqliteEngine implements BenchEngine {
  readonly name = "sqlite";
  readonly durability = "journal_mode=WAL, synchronous=OFF: each commit is written to the OS (no fsync) before return";
  #db: Database | undefined;
  #put: Statement | undefined;
  #get: Statement<{ v: Uint8Array }> | undefined;
  #batch: ((keys: Uint8Array[], values: Uint8Array[]) => void) | undefined;

  async open(dir: string, cacheBytes: number): Promise<void> {
    const db = new Database(join(dir, "bench.sqlite"));
    db.run("PRAGMA journal_mode=WAL");
    db.run("PRAGMA synchronous=OFF");
    db.run(`PRAGMA cache_size=-${Math.max(1, Math.floor(cacheBytes / 1024))}`);
    db.run("CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID");
    const put = db.prepare("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)");
    this.#db = db;
    this.#put = put;
    this.#get = db.prepare("SELECT v FROM kv WHERE k = ?");
    this.#batch = db.transaction((keys: Uint8Array[], values: Uint8Array[]) => {
      for (let i = 0; i < keys.length; i++) put.run(keys[i], values[i]);
    });
  }

  async put(key: Uint8Array, value: Uint8Array): Promise<void> {
    this.#put!.run(key, value);
  }

  async putBatch(keys: Uint8Array[], values: Uint8Array[]): Promise<void> {
    this.#batch!(keys, values);
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return this.#get!.get(key)?.v;
  }

  async scan(limit: number): Promise<number> {
    let rows = 0;
    for (const _ of this.#db!.query("SELECT k, v FROM kv ORDER BY k").iterate()) {
      if (++rows >= limit) break;
    }
    return rows;
  }

  /** Checkpoints the WAL into the main database file. */
  async settle(): Promise<void> {
    this.#db!.run("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  async close(): Promise<void> {
    this.#db!.close();
    this.#db = undefined;
  }
}
