// TESTING.md T4, whitebox kill points: for every label in src/killpoints.ts and each of its first
// HITS hits, a child (kill-points-child.ts) runs SYNC_WAL writes with flushes, minor and major
// compactions, admin splits and janitor passes on a fresh store, and dies by SIGKILL at that hit.
// The parent reopens the store in-process and checks: recovery succeeds; no acked write is lost
// (each row holds its last acked value or a later in-flight one); every value passes its checksum
// and both families agree; the catalog's regions tile the key space; forward and reversed scans
// return every row exactly once; and after a major compaction and a janitor pass no split parent or
// stray region directory is left. A first traced run proves every label is reached at least HITS
// times, so a renamed or removed kill point fails the test instead of hiding a hole.

import { expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { Get, Put, Scan, open, openEngine, toUtf8 } from "../../src/index.ts";
import type { RegionInfo } from "../../src/index.ts";
import { compareBytes } from "../../src/util/bytes.ts";
import { KILL_POINT_LABELS } from "../../src/killpoints.ts";
import { setLogLevel } from "../../src/util/log.ts";
import { makeTempDir } from "../helpers/temp-dir.ts";
import { SeededRandom, testScale, testSeed } from "../helpers/seeded-random.ts";
import { KP_FAMILIES, KP_LIMITS, KP_TABLE, checkValue, createKpTable, makeValue } from "./kill-points-child.ts";
import { readLines } from "../helpers/child-lines.ts";

const SEED = testSeed();
const HITS = Math.max(3, Math.round(3 * testScale()));
const ROUNDS = 8 + 2 * HITS;
const BUN = join(import.meta.dir, "../../node_modules/.bin/bun");
const CHILD = join(import.meta.dir, "kill-points-child.ts");
/** A child that neither reaches its kill point nor finishes within this is a hang. */
const CHILD_RUN_MS_MAX = 60_000;
/** Children running at once (the box has two cores; verification runs in this process). */
const PARALLEL_CHILDREN = 2;

/** Per row: the last acked value ("-" for a delete, undefined for none) and values in flight since. */
interface RowState {
  acked: string | undefined;
  inflight: string[];
}

interface ChildRun {
  signal: NodeJS.Signals | null;
  done: boolean;
  acks: number;
  error: string | undefined;
  model: Map<string, RowState>;
}

/**
 * Creates the table in a fresh store, so the child's first hits of the WAL kill points are its
 * data writes rather than the catalog writes of createTable.
 */
async function createStore(dir: string): Promise<void> {
  const conn = await open(dir, { limits: KP_LIMITS });
  await createKpTable(conn);
  await conn.close();
}

function runChild(ctx: { dir: string; seed: number; env: Record<string, string> }): Promise<ChildRun> {
  const child = spawn(BUN, [CHILD, ctx.dir, String(ctx.seed), String(ROUNDS)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SHALE_KILL_AT: "", SHALE_KILLPOINT_TRACE: "", ...ctx.env },
  });
  const run: ChildRun = { signal: null, done: false, acks: 0, error: undefined, model: new Map() };
  let stderr = "";
  const timer = setTimeout(() => {
    run.error ??= `child neither died nor finished within ${CHILD_RUN_MS_MAX} ms`;
    child.kill("SIGKILL");
  }, CHILD_RUN_MS_MAX);
  const onLine = (line: string) => {
    const [kind, row, value] = line.split(" ");
    if (kind === "ready") return;
    if (kind === "done") {
      run.done = true;
    } else if (kind === "inflight") {
      const state = run.model.get(row) ?? { acked: undefined, inflight: [] };
      state.inflight.push(value);
      run.model.set(row, state);
    } else if (kind === "ack") {
      run.acks++;
      const state = run.model.get(row);
      const at = state?.inflight.indexOf(value) ?? -1;
      if (state === undefined || at === -1) {
        run.error ??= `ack without inflight: ${line}`;
        return;
      }
      state.acked = value;
      state.inflight = state.inflight.slice(at + 1);
    } else {
      run.error ??= `unexpected child output: ${line.slice(0, 2000)}`;
    }
  };
  const leftover = readLines(child.stdout, onLine);
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // Each line is one synchronous write issued before the next step, so none can be cut.
      if (leftover().length > 0) run.error ??= `partial line at exit: ${leftover()}`;
      if (signal === null && code !== 0) run.error ??= `child exited with code ${code}: ${stderr.slice(0, 2000)}`;
      run.signal = signal;
      resolve(run);
    });
  });
}

/** Checks the catalog's regions: sorted, from "" to "", each ending where the next begins. */
function tilingProblems(regions: readonly RegionInfo[]): string[] {
  const problems: string[] = [];
  const show = (key: Uint8Array) => JSON.stringify(toUtf8(key));
  if (regions.length === 0) return ["the table has no region"];
  if (regions[0].startKey.length !== 0) problems.push(`first region starts at ${show(regions[0].startKey)}, not ""`);
  if (regions.at(-1)!.endKey.length !== 0) problems.push(`last region ends at ${show(regions.at(-1)!.endKey)}, not ""`);
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i];
    if (r.endKey.length > 0 && compareBytes(r.startKey, r.endKey) >= 0) problems.push(`region ${r.encodedName} is empty or inverted`);
    if (i > 0 && compareBytes(regions[i - 1].endKey, r.startKey) !== 0) {
      problems.push(`hole or overlap between ${show(regions[i - 1].endKey)} and ${show(r.startKey)}`);
    }
  }
  return problems;
}

/** Rows of a full scan: row → value, with per-row checks (both families, checksum, order, once). */
async function scanRows(engine: Awaited<ReturnType<typeof openEngine>>, reversed: boolean, problems: string[]): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  const scanner = engine.connection.table(KP_TABLE).scan(new Scan().setReversed(reversed));
  for await (const result of scanner) {
    const row = toUtf8(result.row!);
    const values = KP_FAMILIES.map((f) => result.getValue(f, "q"));
    if (values.some((v) => v === undefined) || result.cells.length !== KP_FAMILIES.length) {
      problems.push(`row ${row} is torn: ${result.cells.length} cells`);
      continue;
    }
    const [a, b] = values.map((v) => toUtf8(v!));
    if (a !== b) problems.push(`row ${row} is torn: a=${a} b=${b}`);
    const bad = checkValue(row, a);
    if (bad !== undefined) problems.push(`corrupt read of ${row}: ${bad}`);
    const previous = rows.at(-1)?.[0];
    if (previous !== undefined && (reversed ? previous <= row : previous >= row)) {
      problems.push(`${reversed ? "reversed" : "forward"} scan returned ${row} after ${previous}`);
    }
    rows.push([row, a]);
  }
  return rows;
}

/** Every row against the model; rows that were never written. */
function modelProblems(seen: Map<string, string>, model: Map<string, RowState>): string[] {
  const problems: string[] = [];
  for (const row of seen.keys()) if (!model.has(row)) problems.push(`row ${row} was never written`);
  for (const [row, state] of model) {
    const value = seen.get(row) ?? "-";
    const acked = state.acked ?? "-";
    if (value !== acked && !state.inflight.includes(value)) {
      problems.push(`${row} = ${value}, but the last ack was ${acked} and in flight since: ${state.inflight.join(",") || "none"}`);
    }
  }
  return problems;
}

/** Reopens the store and checks everything the file comment lists; returns the problems found. */
async function verify(dir: string, model: Map<string, RowState>): Promise<{ problems: string[]; rows: number; regions: number }> {
  const problems: string[] = [];
  const engine = await openEngine(dir, { limits: KP_LIMITS });
  try {
    if (!(await engine.connection.admin.tableExists(KP_TABLE))) return { problems: [`table ${KP_TABLE} is gone`], rows: 0, regions: 0 };
    const regions = await engine.connection.admin.getRegions(KP_TABLE);
    problems.push(...tilingProblems(regions));
    const forward = await scanRows(engine, false, problems);
    const reversed = await scanRows(engine, true, problems);
    if (JSON.stringify(forward) !== JSON.stringify([...reversed].reverse())) problems.push("reversed scan differs from the forward scan");
    const seen = new Map(forward);
    problems.push(...modelProblems(seen, model));
    const table = engine.connection.table(KP_TABLE);
    const gets = await table.get([...model.keys()].map((row) => new Get(row)));
    for (const result of gets) {
      const row = result.row === undefined ? undefined : toUtf8(result.row);
      if (row !== undefined && toUtf8(result.getValue("a", "q")!) !== seen.get(row)) problems.push(`get(${row}) differs from the scan`);
    }
    // The recovered store keeps working: a write, a major compaction and a janitor pass leave no
    // split parent behind and no region directory the catalog does not name.
    await table.put(new Put("zz-after").addColumn("a", "q", makeValue("zz-after", "x")).addColumn("b", "q", makeValue("zz-after", "x")));
    await engine.connection.admin.majorCompact(KP_TABLE);
    const entry = engine.catalog.state.tables.find((t) => t.descriptor.name.qualifier === KP_TABLE)!;
    if (entry.retired.length > 0) problems.push(`split parents left after a major compaction: ${entry.retired.map((r) => r.parent.encodedName).join(",")}`);
    const dirs = (await readdir(join(dir, "data", "default", KP_TABLE))).filter((name) => !name.startsWith(".")).sort();
    const live = entry.regions.map((r) => r.encodedName).sort();
    if (JSON.stringify(dirs) !== JSON.stringify(live)) problems.push(`region directories ${dirs.join(",")} differ from the catalog's ${live.join(",")}`);
    const after = await scanRows(engine, false, problems);
    if (after.length !== forward.length + 1) problems.push(`rows after compaction: ${after.length}, before: ${forward.length}`);
    return { problems, rows: forward.length, regions: regions.length };
  } finally {
    await engine.connection.close();
  }
}

interface Case {
  label: string;
  hit: number;
  seed: number;
}

async function runCase(c: Case): Promise<{ acks: number; rows: number; regions: number }> {
  const { path, cleanup } = await makeTempDir("shale-kp-");
  try {
    await createStore(join(path, "store"));
    const run = await runChild({ dir: join(path, "store"), seed: c.seed, env: { SHALE_KILL_AT: `${c.label}:${c.hit}` } });
    const where = `SEED=${SEED} ${c.label}:${c.hit} (child seed ${c.seed})`;
    if (run.error !== undefined) throw new Error(`${where}: ${run.error}`);
    if (run.done) throw new Error(`${where}: the child finished without reaching hit ${c.hit} of ${c.label}`);
    if (run.signal !== "SIGKILL") throw new Error(`${where}: the child ended by ${run.signal}, not SIGKILL`);
    const checked = await verify(join(path, "store"), run.model).catch((error) => {
      throw new Error(`${where}: reopening or reading the store failed: ${String(error)}`, { cause: error });
    });
    const { problems, rows, regions } = checked;
    if (problems.length > 0) throw new Error(`${where}: ${problems.slice(0, 10).join("; ")}`);
    return { acks: run.acks, rows, regions };
  } finally {
    await cleanup();
  }
}

test("a SIGKILL at every kill point loses no acked write and leaves the catalog tiling the key space", async () => {
  setLogLevel("error");
  const started = performance.now();
  const random = new SeededRandom(SEED);
  // The traced run: every label is reached HITS times, and a clean run verifies too.
  const { path, cleanup } = await makeTempDir("shale-kp-trace-");
  const hits = new Map<string, number>();
  try {
    const trace = join(path, "trace");
    await createStore(join(path, "store"));
    const run = await runChild({ dir: join(path, "store"), seed: random.nextUint32(), env: { SHALE_KILLPOINT_TRACE: trace } });
    if (run.error !== undefined || !run.done) throw new Error(`SEED=${SEED} traced run failed: ${run.error ?? "did not finish"}`);
    for (const label of (await readFile(trace, "utf8")).split("\n").filter((l) => l.length > 0)) hits.set(label, (hits.get(label) ?? 0) + 1);
    const { problems } = await verify(join(path, "store"), run.model);
    if (problems.length > 0) throw new Error(`SEED=${SEED} traced run: ${problems.slice(0, 10).join("; ")}`);
  } finally {
    await cleanup();
  }
  const short = KILL_POINT_LABELS.filter((label) => (hits.get(label) ?? 0) < HITS);
  expect(short.map((label) => `${label}: ${hits.get(label) ?? 0} hits`)).toEqual([]);
  const unknown = [...hits.keys()].filter((label) => !(KILL_POINT_LABELS as readonly string[]).includes(label));
  expect(unknown).toEqual([]);

  const cases: Case[] = KILL_POINT_LABELS.flatMap((label) =>
    Array.from({ length: HITS }, (_, i) => ({ label, hit: i + 1, seed: random.nextUint32() }))
  );
  const totals = { runs: 0, acks: 0, rows: 0, regionsMax: 0 };
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const outcome = await runCase(cases[next++]);
      totals.runs++;
      totals.acks += outcome.acks;
      totals.rows += outcome.rows;
      totals.regionsMax = Math.max(totals.regionsMax, outcome.regions);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_CHILDREN }, worker));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `T4 kill points: SEED=${SEED} labels=${KILL_POINT_LABELS.length} × first ${HITS} hits = ${totals.runs} kill runs, ` +
      `acked writes checked=${totals.acks}, rows verified=${totals.rows}, most regions=${totals.regionsMax}, ${seconds.toFixed(1)} s`,
  );
  expect(totals.runs).toBe(KILL_POINT_LABELS.length * HITS);
}, 600_000);
