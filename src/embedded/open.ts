// open(): starts the embedded store in a directory. Order: catalog and regions, then WAL replay
// into the regions (edits already in store files are skipped per store), then a flush of every
// region that took replayed edits, so old WAL segments can go. Close flushes and syncs.

import { resolveLimits, type Limits } from "../util/limits.ts";
import { log } from "../util/log.ts";
import { ConnectionClosedError } from "../api/errors.ts";
import { type TableNameLike, tableName } from "../api/table-name.ts";
import type { Admin, Connection, Table } from "../api/types.ts";
import { type Fs, joinPath } from "../platform/fs.ts";
import { NodeFs } from "../platform/node-fs.ts";
import { BlockCache } from "../storefile/block-cache.ts";
import { WAL } from "../wal/wal.ts";
import { Catalog } from "../catalog/catalog.ts";
import { CompactionChore } from "../region/compaction-chore.ts";
import { withStorageErrors } from "../region/storage-error.ts";
import { EmbeddedAdmin } from "./embedded-admin.ts";
import { EmbeddedTable } from "./embedded-table.ts";

export interface OpenOptions {
  /** Overrides of LIMITS (flush size, cell size, ...). */
  limits?: Partial<Limits>;
  /** Milliseconds since the epoch; injectable for tests. */
  clock?: () => bigint;
  /** The file system; NodeFs unless a test injects MemFs or FaultFs. */
  fs?: Fs;
}

/**
 * Opens (creating if needed) the Shale store in directory `path` and returns a Connection.
 * @example
 * ```ts
 * import { open, Put, Get } from "./src/index.ts";
 * const dir = await Deno.makeTempDir();
 * const conn = await open(dir);
 * await conn.admin.createTable({ name: "t1", families: ["cf"] });
 * await conn.table("t1").put(new Put("r1").addColumn("cf", "q", "v"));
 * const value = (await conn.table("t1").get(new Get("r1"))).getValue("cf", "q");
 * await conn.close();
 * ```
 */
export async function open(path: string, options: OpenOptions = {}): Promise<Connection> {
  return (await openEngine(path, options)).connection;
}

/** The open engine: what the standalone server drives directly (regions, catalog, WAL). */
export interface Engine {
  readonly path: string;
  readonly catalog: Catalog;
  readonly wal: WAL;
  readonly limits: Limits;
  readonly clock: () => bigint;
  /** A Connection over this engine; closing it closes the engine. */
  readonly connection: Connection;
}

/** Opens the engine in `path`: catalog, regions, WAL replay. */
export function openEngine(path: string, options: OpenOptions = {}): Promise<Engine> {
  return withStorageErrors(`open the store in "${path}"`, () => openEngineIn(path, options));
}

async function openEngineIn(path: string, options: OpenOptions): Promise<Engine> {
  const fs = options.fs ?? new NodeFs();
  const limits = resolveLimits(options.limits);
  const clock = options.clock ?? (() => BigInt(Date.now()));
  await fs.mkdirs(path);
  const wal = await WAL.open({ fs, dir: joinPath(path, "wal"), limits });
  const blockCache = new BlockCache(limits.blockCacheBytes);
  const catalog = await Catalog.open({ fs, root: path, wal, blockCache, clock, limits, fileListLockWaitMs: limits.fileListLockWaitMs });
  await replayWal(wal, catalog);
  const chore = new CompactionChore({
    regions: () => catalog.allOpenRegions(),
    janitor: () => catalog.cleanSplitParents(),
    intervalMs: limits.compactionChoreIntervalMs,
  });
  const connection = new EmbeddedConnection({ catalog, wal, limits, clock, chore });
  return { path, catalog, wal, limits, clock, connection };
}

async function replayWal(wal: WAL, catalog: Catalog): Promise<void> {
  const regions = new Map(catalog.allOpenRegions().map((r) => [r.info.encodedName, r]));
  const unknown = new Set<string>();
  const stats = await wal.replay((edit) => {
    const region = regions.get(edit.regionName);
    if (region === undefined) unknown.add(edit.regionName);
    else region.replay(edit);
  });
  if (stats.edits > 0) log.info("Replayed WAL", { ...stats, unknownRegions: unknown.size });
  for (const name of unknown) await wal.forgetRegion(name);
  for (const region of regions.values()) {
    if (region.memstoreIsEmpty) await wal.markFlushed(region.info.encodedName, region.sequenceId);
    else await region.flush();
  }
}

class EmbeddedConnection implements Connection {
  readonly admin: Admin;
  readonly #catalog: Catalog;
  readonly #wal: WAL;
  readonly #chore: CompactionChore;
  readonly #ctx: { limits: Limits; clock: () => bigint };
  #closed = false;

  constructor(parts: { catalog: Catalog; wal: WAL; limits: Limits; clock: () => bigint; chore: CompactionChore }) {
    this.#catalog = parts.catalog;
    this.#wal = parts.wal;
    this.#chore = parts.chore;
    this.#ctx = { limits: parts.limits, clock: parts.clock };
    this.admin = new EmbeddedAdmin(parts.catalog, () => this.#checkOpen());
  }

  table(name: TableNameLike): Table {
    return new EmbeddedTable(tableName(name), {
      catalog: this.#catalog,
      ...this.#ctx,
      checkOpen: () => this.#checkOpen(),
    });
  }

  /** Flushes every region, syncs and closes the WAL. Further calls fail with ConnectionClosedError. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#chore.stop();
    await withStorageErrors("close the store", async () => {
      await this.#catalog.close({ flush: true });
      await this.#wal.close();
    });
  }

  #checkOpen(): void {
    if (this.#closed) throw new ConnectionClosedError("The connection is closed");
  }
}
