// Shale against LevelDB (classic-level), LMDB (lmdb-js) and SQLite (bun:sqlite) on the same seeded
// data: random put (single, batched), random get (MemStore; store files with a large and a small
// cache), forward scan, mixed 50/50, RSS after the load. Each engine runs in its own child process
// and temp dir, BENCH_ROUNDS times round robin (best figure kept). Run: npm run bench
// (BENCH_N=1000000 for the 1M-cell figure; BENCH_ENGINES=a,b; BENCH_ROUNDS=1 for one quick pass)

import { fileURLToPath } from "node:url";
import { type BenchConfig, type BenchEngine, type WorkloadId, childMain, printTable, runAll } from "./harness.ts";

const PEERS = ["leveldb", "lmdb", "sqlite"] as const;
const ALL_ENGINES = ["shale", "shale-async", ...PEERS] as const;
/** ASYNC_WAL changes only the write path, so only workloads that write run for it. */
const ASYNC_ONLY: readonly WorkloadId[] = ["putSingle", "putBatch", "mixed"];

function configFromEnv(): BenchConfig {
  const n = Number(process.env.BENCH_N ?? 200_000);
  if (!Number.isInteger(n) || n < 10_000) throw new Error(`BENCH_N must be an integer >= 10000, got ${process.env.BENCH_N}`);
  return {
    n,
    readOps: Math.min(n, 50_000),
    seed: Number(process.env.BENCH_SEED ?? 20_240_601),
    valueBytes: 100,
    batchSize: 1_000,
    smallCacheBytes: 1 << 20,
  };
}

/** BENCH_ROUNDS: how many times each engine runs, round robin (default 3; a shared machine is noisy). */
function roundsFromEnv(): number {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_ROUNDS must be a positive integer, got ${process.env.BENCH_ROUNDS}`);
  return rounds;
}

/** Loads an engine's module lazily, so a native module that fails to load names itself. */
async function engineNamed(name: string): Promise<BenchEngine> {
  switch (name) {
    case "shale":
    case "shale-async": {
      const { ShaleEngine } = await import("./engines/shale.ts");
      const { Durability } = await import("../src/index.ts");
      return new ShaleEngine(name, name === "shale" ? Durability.SYNC_WAL : Durability.ASYNC_WAL);
    }
    case "leveldb":
      return new (await import("./engines/leveldb.ts")).LevelDbEngine();
    case "lmdb":
      return new (await import("./engines/lmdb.ts")).LmdbEngine();
    case "sqlite":
      return new (await import("./engines/sqlite.ts")).SqliteEngine();
  }
  throw new Error(`unknown engine ${name}; known: ${ALL_ENGINES.join(", ")}`);
}

const config = configFromEnv();
const child = process.argv.find((a) => a.startsWith("--engine="))?.slice("--engine=".length);
if (child !== undefined) {
  await childMain(await engineNamed(child), config, child === "shale-async" ? ASYNC_ONLY : undefined);
  process.exit(0);
} else {
  const names = process.env.BENCH_ENGINES?.split(",") ?? [...ALL_ENGINES];
  console.error(`engine workloads: N=${config.n}, engines ${names.join(", ")} (one child process each)`);
  const started = performance.now();
  const reports = await runAll(fileURLToPath(import.meta.url), names, roundsFromEnv());
  printTable(reports, PEERS, config);
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s; runtime ${process.versions.bun ? `bun ${process.versions.bun}` : process.version}`);
}
