// Shared benchmark harness: seeded data, one child process per engine (so RSS is that engine's
// alone), the same workloads in the same order for every engine, warm-up before each timed
// section, ops/s from performance.now(), and a table with each figure's ratio to the best peer.
// Benchmarks are not tests: nothing here asserts speed; it measures and prints.

import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What every engine under test implements; keys and values are fresh arrays the engine may keep. */
export interface BenchEngine {
  readonly name: string;
  /** One line: when a write is acknowledged, and what is (not) synced, so readers judge fairness. */
  readonly durability: string;
  /** Settings that differ from the engine's defaults, printed with the table; omitted when none. */
  readonly settings?: string;
  /** Opens (creating if needed) the store in `dir` with a read cache of about `cacheBytes`. */
  open(dir: string, cacheBytes: number): Promise<void>;
  put(key: Uint8Array, value: Uint8Array): Promise<void>;
  /** Writes all pairs as one batch. */
  putBatch(keys: Uint8Array[], values: Uint8Array[]): Promise<void>;
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** Forward scan from the first row; returns the rows seen (at most `limit`). */
  scan(limit: number): Promise<number>;
  /** Moves in-memory writes into the on-disk read format (Shale: flush; LevelDB: compaction). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const WORKLOADS = [
  { id: "putSingle", label: "random put, single (awaited)" },
  { id: "putBatch", label: "random put, batch of 1,000" },
  { id: "getMemStore", label: "random get, after load (Shale: MemStore)" },
  { id: "getCached", label: "random get, after flush, cache holds all" },
  { id: "getSmallCache", label: "random get, after flush, 1 MiB cache" },
  { id: "scan", label: "forward scan, all rows (rows/s)" },
  { id: "mixed", label: "mixed 50/50 get/put (awaited)" },
] as const;
export type WorkloadId = (typeof WORKLOADS)[number]["id"];

export interface BenchConfig {
  /** Cells (rows of one cell) loaded; BENCH_N. */
  n: number;
  /** Random gets per get workload, and ops of the mixed workload. */
  readOps: number;
  seed: number;
  valueBytes: number;
  batchSize: number;
  smallCacheBytes: number;
}

export interface EngineReport {
  name: string;
  durability: string;
  settings?: string;
  opsPerSec: Partial<Record<WorkloadId, number>>;
  rssBaseMiB: number;
  rssLoadedMiB: number;
  /** Runs merged into this report (runAll); 1 when absent. */
  runs?: number;
  error?: string;
}

/** Seeded xorshift32; the same seed gives every engine the same keys, order and values. */
export class BenchRandom {
  #x: number;
  constructor(seed: number) {
    this.#x = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.#x;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#x = x >>> 0;
    return this.#x;
  }
  int(n: number): number {
    return this.next() % n;
  }
}

/** The data set: N distinct row keys in a seeded random order, and a pool values are cut from. */
export class BenchData {
  readonly keys: Uint8Array[];
  readonly #pool: Uint8Array;
  readonly #valueBytes: number;

  constructor(config: BenchConfig) {
    const rnd = new BenchRandom(config.seed);
    const encoder = new TextEncoder();
    const order = Array.from({ length: config.n }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rnd.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    this.keys = order.map((i) => encoder.encode(`user${String(i).padStart(10, "0")}`));
    this.#pool = new Uint8Array(1 << 20);
    for (let i = 0; i < this.#pool.length; i++) this.#pool[i] = rnd.next() & 0xff;
    this.#valueBytes = config.valueBytes;
  }

  /** A fresh copy of key `i` (the engine may keep it). */
  key(i: number): Uint8Array {
    return this.keys[i].slice();
  }

  /** A fresh value for op `i` (different ops give different bytes). */
  value(i: number): Uint8Array {
    const at = (i * 97) % (this.#pool.length - this.#valueBytes);
    return this.#pool.slice(at, at + this.#valueBytes);
  }
}

/** Times `ops` calls of `op` after `warmup` untimed ones; returns ops per second. */
export async function timeOps(ops: number, warmup: number, op: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmup; i++) await op(i);
  const start = performance.now();
  for (let i = warmup; i < warmup + ops; i++) await op(i);
  return (ops * 1000) / (performance.now() - start);
}

export function rssMiB(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

/** Runs every workload against one engine in a fresh temp dir; the child side of runAll. */
export async function runEngine(engine: BenchEngine, config: BenchConfig, only?: readonly WorkloadId[]): Promise<EngineReport> {
  const data = new BenchData(config);
  const dir = await mkdtemp(join(tmpdir(), `shale-bench-${engine.name}-`));
  const report: EngineReport = { name: engine.name, durability: engine.durability, settings: engine.settings, opsPerSec: {}, rssBaseMiB: 0, rssLoadedMiB: 0 };
  const wants = (id: WorkloadId) => only === undefined || only.includes(id);
  const bigCacheBytes = Math.max(64 << 20, 4 * config.n * (config.valueBytes + 64));
  try {
    await engine.open(dir, bigCacheBytes);
    report.rssBaseMiB = rssMiB();
    await load(engine, data, config, report);
    report.rssLoadedMiB = rssMiB();
    const rnd = new BenchRandom(config.seed ^ 0x5bd1e995);
    const randomGet = () => engine.get(data.keys[rnd.int(config.n)]);
    const warm = Math.min(2_000, config.readOps);
    if (wants("getMemStore")) report.opsPerSec.getMemStore = await timeOps(config.readOps, warm, randomGet);
    await engine.settle();
    if (wants("getCached")) report.opsPerSec.getCached = await timeOps(config.readOps, warm, randomGet);
    if (wants("scan")) {
      await engine.scan(1_000);
      const start = performance.now();
      const rows = await engine.scan(Number.MAX_SAFE_INTEGER);
      if (rows !== config.n) throw new Error(`${engine.name}: scan saw ${rows} rows, expected ${config.n}`);
      report.opsPerSec.scan = (rows * 1000) / (performance.now() - start);
    }
    if (wants("mixed")) report.opsPerSec.mixed = await timeOps(config.readOps, warm, mixedOp(engine, data, config));
    if (wants("getSmallCache")) {
      await engine.close();
      await engine.open(dir, config.smallCacheBytes);
      await engine.settle();
      report.opsPerSec.getSmallCache = await timeOps(config.readOps, warm, randomGet);
    }
    await engine.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return report;
}

/** Loads all N cells: the first fifth one awaited put at a time, the rest in batches. */
async function load(engine: BenchEngine, data: BenchData, config: BenchConfig, report: EngineReport): Promise<void> {
  const singles = Math.max(1_000, Math.floor(config.n / 5));
  const warm = Math.min(1_000, Math.floor(singles / 10));
  report.opsPerSec.putSingle = await timeOps(singles - warm, warm, (i) => engine.put(data.key(i), data.value(i)));
  const batches = Math.floor((config.n - singles) / config.batchSize);
  const batchAt = (b: number) => {
    const from = singles + b * config.batchSize;
    const to = b === batches - 1 ? config.n : from + config.batchSize;
    const keys: Uint8Array[] = [];
    const values: Uint8Array[] = [];
    for (let i = from; i < to; i++) {
      keys.push(data.key(i));
      values.push(data.value(i));
    }
    return engine.putBatch(keys, values);
  };
  const rate = await timeOps(batches - 1, 1, batchAt);
  report.opsPerSec.putBatch = rate * config.batchSize;
}

/** One op of the mixed workload: a seeded coin picks a get or an overwrite of a random row. */
function mixedOp(engine: BenchEngine, data: BenchData, config: BenchConfig): (i: number) => Promise<unknown> {
  const rnd = new BenchRandom(config.seed ^ 0x27d4eb2f);
  return (i) => {
    const k = rnd.int(config.n);
    return rnd.next() & 1 ? engine.get(data.keys[k]) : engine.put(data.key(k), data.value(config.n + i));
  };
}

// ---- parent side: one child per engine, then the table ----

const RESULT_MARK = "BENCH_RESULT ";

/** The child entry: runs `engine` and prints its report as one marked JSON line. */
export async function childMain(engine: BenchEngine, config: BenchConfig, only?: readonly WorkloadId[]): Promise<void> {
  const report = await runEngine(engine, config, only);
  console.log(RESULT_MARK + JSON.stringify(report));
}

/**
 * Runs `script --engine=<name>` for each name in turn (never in parallel), `rounds` times round
 * robin, and merges each engine's runs: per workload the best ops/s (interference from a shared
 * machine only ever lowers a figure), and the median RSS. A run that failed is left out.
 */
export async function runAll(script: string, names: readonly string[], rounds = 1): Promise<EngineReport[]> {
  const runs = new Map<string, EngineReport[]>(names.map((name) => [name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const name of names) {
      const started = performance.now();
      const report = await runChild(script, name);
      console.error(`  ${name} (round ${round}/${rounds}): ${((performance.now() - started) / 1000).toFixed(1)} s${report.error ? ` (${report.error})` : ""}`);
      runs.get(name)!.push(report);
    }
  }
  return names.map((name) => mergeRuns(runs.get(name)!));
}

/** One report from several runs of the same engine (see runAll). */
function mergeRuns(reports: EngineReport[]): EngineReport {
  const ok = reports.filter((r) => r.error === undefined);
  if (ok.length === 0) return reports[0];
  const opsPerSec: Partial<Record<WorkloadId, number>> = {};
  for (const w of WORKLOADS) {
    const values = ok.map((r) => r.opsPerSec[w.id]).filter((v): v is number => v !== undefined);
    if (values.length > 0) opsPerSec[w.id] = Math.max(...values);
  }
  const byRss = [...ok].sort((a, b) => a.rssLoadedMiB - b.rssLoadedMiB);
  const median = byRss[Math.floor((byRss.length - 1) / 2)];
  return { ...median, opsPerSec, runs: ok.length };
}

function runChild(script: string, name: string): Promise<EngineReport> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, `--engine=${name}`], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b) => (stdout += b));
    child.stderr.on("data", (b) => (stderr += b));
    child.on("close", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARK));
      if (line !== undefined) return resolve(JSON.parse(line.slice(RESULT_MARK.length)));
      const reason = stderr.trim().split("\n").slice(-3).join(" | ") || `exit code ${code}`;
      resolve({ name, durability: "", opsPerSec: {}, rssBaseMiB: 0, rssLoadedMiB: 0, error: reason });
    });
  });
}

/** Prints ops/s per workload per engine, each with its ratio to the best peer. */
export function printTable(reports: EngineReport[], peers: readonly string[], config: BenchConfig): void {
  const ok = reports.filter((r) => r.error === undefined);
  const head = ["workload".padEnd(44), ...ok.map((r) => r.name.padStart(20))].join("");
  const rounds = Math.max(1, ...ok.map((r) => r.runs ?? 1));
  console.log(`\nN = ${config.n.toLocaleString("en-US")} cells (BENCH_N), ${config.valueBytes}-byte values, ${config.readOps.toLocaleString("en-US")} ops per get/mixed workload, seed ${config.seed}`);
  console.log(`ops/s, best of ${rounds} round-robin run(s) per engine (BENCH_ROUNDS); RSS the median run (ratio to the best of ${peers.join(", ")})\n`);
  console.log(head);
  for (const w of WORKLOADS) {
    const best = Math.max(0, ...ok.filter((r) => peers.includes(r.name)).map((r) => r.opsPerSec[w.id] ?? 0));
    const cells = ok.map((r) => {
      const v = r.opsPerSec[w.id];
      if (v === undefined) return "—".padStart(20);
      const ratio = best > 0 ? ` (${(v / best).toFixed(2)})` : "";
      return `${Math.round(v).toLocaleString("en-US")}${ratio}`.padStart(20);
    });
    console.log(w.label.padEnd(44) + cells.join(""));
  }
  const rss = ok.map((r) => `${r.rssLoadedMiB.toFixed(0)} MiB (+${(r.rssLoadedMiB - r.rssBaseMiB).toFixed(0)})`.padStart(20));
  console.log(`RSS after loading ${config.n.toLocaleString("en-US")} cells`.padEnd(44) + rss.join(""));
  console.log("\nDurability of each engine's acknowledged write:");
  for (const r of ok) console.log(`  ${r.name}: ${r.durability}`);
  const tuned = ok.filter((r) => r.settings !== undefined);
  if (tuned.length > 0) console.log("\nSettings that differ from the engine's defaults:");
  for (const r of tuned) console.log(`  ${r.name}: ${r.settings}`);
  for (const r of reports) if (r.error !== undefined) console.log(`  ${r.name}: NOT RUN: ${r.error}`);
}
