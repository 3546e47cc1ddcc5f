// Shale through its embedded API (open, Table, Put, Get, Scan from src/index.ts): one table, one
// family, one region. Durability is the table's: SYNC_WAL (the default) or ASYNC_WAL.

import { Durability, Get, Put, Scan, open } from "../../src/index.ts";
import type { Connection, Table } from "../../src/index.ts";
import type { BenchEngine } from "../harness.ts";

const TABLE = "bench";
const FAMILY = new TextEncoder().encode("f");
const QUALIFIER = new TextEncoder().encode("q");
/** Raised so the whole load stays in the MemStore and "get after load" reads only the MemStore. */
const FLUSH_SIZE_BYTES = 1 << 30;
/**
 * The family's BLOCKSIZE: 4 KiB, the unit every peer reads (LevelDB's block size, SQLite's and
 * LMDB's page size), instead of HBase's 64 KiB default; BENCH_SHALE_BLOCKSIZE overrides it.
 */
const BLOCK_SIZE_BYTES = Number(process.env.BENCH_SHALE_BLOCKSIZE ?? 4096);

const DURABILITY_TEXT: Partial<Record<Durability, string>> = {
  [Durability.SYNC_WAL]: "SYNC_WAL (default): the WAL record is written to the OS (write(2), no fsync) before the ack; group commit",
  [Durability.ASYNC_WAL]: "ASYNC_WAL: acked once in the MemStore; the WAL write follows in the background (no fsync)",
};

export class ShaleEngine implements BenchEngine {
  readonly name: string;
  readonly durability: string;
  readonly settings = `family BLOCKSIZE ${BLOCK_SIZE_BYTES} bytes (HBase's default is 65536; 4096 matches the peers' read unit), ROW bloom, VERSIONS 1, one region`;
  readonly #mode: Durability;
  #conn: Connection | undefined;
  #table: Table | undefined;

  constructor(name: string, mode: Durability) {
    this.name = name;
    this.#mode = mode;
    this.durability = DURABILITY_TEXT[mode] ?? String(mode);
  }

  async open(dir: string, cacheBytes: number): Promise<void> {
    this.#conn = await open(dir, { limits: { blockCacheBytes: cacheBytes } });
    if (!(await this.#conn.admin.tableExists(TABLE))) {
      await this.#conn.admin.createTable({
        name: TABLE,
        families: [{ name: FAMILY, maxVersions: 1, blockSizeBytes: BLOCK_SIZE_BYTES }],
        durability: this.#mode,
        memstoreFlushSizeBytes: FLUSH_SIZE_BYTES,
      });
    }
    this.#table = this.#conn.table(TABLE);
  }

  put(key: Uint8Array, value: Uint8Array): Promise<void> {
    return this.#table!.put(new Put(key).addColumn(FAMILY, QUALIFIER, value));
  }

  putBatch(keys: Uint8Array[], values: Uint8Array[]): Promise<void> {
    return this.#table!.put(keys.map((k, i) => new Put(k).addColumn(FAMILY, QUALIFIER, values[i])));
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return (await this.#table!.get(new Get(key))).getValue(FAMILY, QUALIFIER);
  }

  async scan(limit: number): Promise<number> {
    let rows = 0;
    const scanner = this.#table!.scan(new Scan().setCaching(1_000));
    for (let r = await scanner.next(); r !== undefined && rows < limit; r = await scanner.next()) rows++;
    await scanner.close();
    return rows;
  }

  settle(): Promise<void> {
    return this.#conn!.admin.flush(TABLE);
  }

  async close(): Promise<void> {
    await this.#conn!.close();
    this.#conn = undefined;
    this.#table = undefined;
  }
}
