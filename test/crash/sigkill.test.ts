// TESTING.md T5, embedded: a real child process (child-writer.ts) writes SYNC_WAL puts, rows and
// batches into a store on disk, with flushes, and is killed with SIGKILL after a random 50–500 ms
// or once it has acknowledged a random number of writes. The parent reopens the store in-process
// and checks, against the expected-state map it keeps from the child's lines ("inflight" before a
// write, "ack" after): every key holds its last acked value or a later in-flight one (the RocksDB
// pending-bit rule), no value that was never written, whole rows (all 12 columns equal). kill -9
// leaves write(2) data in the page cache, so this tests SYNC_WAL; FSYNC_WAL is power-loss.test.ts.

import { expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { Scan, open, toUtf8 } from "../../src/index.ts";
import { setLogLevel } from "../../src/util/log.ts";
import { makeTempDir } from "../helpers/temp-dir.ts";
import { SeededRandom, testScale, testSeed } from "../helpers/seeded-random.ts";
import { CHILD_FAMILIES, CHILD_TABLE, ROW_COLUMNS } from "./child-writer.ts";
import { readLines } from "../helpers/child-lines.ts";

const SEED = testSeed();
const CYCLES = Math.round(200 * testScale());
const BUN = join(import.meta.dir, "../../node_modules/.bin/bun");
const CHILD = join(import.meta.dir, "child-writer.ts");
const CHILD_START_MS_MAX = 10_000;

/** Per key: the last acked value (undefined: none yet) and the values in flight since then. */
interface KeyState {
  acked: string | undefined;
  inflight: string[];
}

interface CycleOutcome {
  acks: number;
  inflights: number;
  error: string | undefined;
  killedAfterMs: number;
}

/** Runs one child until it is killed; feeds its lines into `model`. */
function runChild(ctx: { dir: string; cycle: number; random: SeededRandom; model: Map<string, KeyState> }): Promise<CycleOutcome> {
  const { dir, cycle, random, model } = ctx;
  const killAfterMs = 50 + random.int(451);
  const killAfterAcks = 20 + random.int(600);
  const child = spawn(BUN, [CHILD, dir, String(cycle), String(random.nextUint32())], { stdio: ["ignore", "pipe", "pipe"] });
  const outcome: CycleOutcome = { acks: 0, inflights: 0, error: undefined, killedAfterMs: 0 };
  let readyAt = 0;
  let stderr = "";
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) {
      outcome.killedAfterMs = readyAt === 0 ? 0 : performance.now() - readyAt;
      child.kill("SIGKILL");
    }
  };
  const startTimer = setTimeout(() => {
    outcome.error ??= `child did not get ready within ${CHILD_START_MS_MAX} ms: ${stderr}`;
    kill();
  }, CHILD_START_MS_MAX);
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  const onLine = (line: string) => {
    const [kind, key, value] = line.split(" ");
    if (kind === "ready") {
      readyAt = performance.now();
      clearTimeout(startTimer);
      killTimer = setTimeout(kill, killAfterMs);
    } else if (kind === "inflight") {
      outcome.inflights++;
      const state = model.get(key) ?? { acked: undefined, inflight: [] };
      state.inflight.push(value);
      model.set(key, state);
    } else if (kind === "ack") {
      outcome.acks++;
      const state = model.get(key)!;
      const at = state.inflight.indexOf(value);
      if (at === -1) outcome.error ??= `ack without inflight: ${line}`;
      state.acked = value;
      state.inflight = state.inflight.slice(at + 1);
      if (outcome.acks >= killAfterAcks) kill();
    } else {
      outcome.error ??= `unexpected child output: ${line}`;
    }
  };
  const leftover = readLines(child.stdout, onLine);
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(startTimer);
      clearTimeout(killTimer);
      // A partial last line is a write whose "inflight" line was cut: it may have landed, but the
      // child writes each line in one synchronous write before issuing, so it cannot be cut.
      if (leftover().length > 0) outcome.error ??= `partial line at kill: ${leftover()}`;
      if (signal !== "SIGKILL") outcome.error ??= `child exited by itself (code ${code}): ${stderr.slice(0, 2000)}`;
      resolve(outcome);
    });
  });
}

/** Reopens the store, checks every key against the model, and resets the model to what is there. */
async function verify(dir: string, model: Map<string, KeyState>): Promise<{ keys: number; problems: string[] }> {
  const conn = await open(dir);
  const problems: string[] = [];
  const seen = new Map<string, string>();
  try {
    for await (const result of conn.table(CHILD_TABLE).scan(new Scan())) {
      const row = toUtf8(result.row!);
      const values = new Set(result.cells.map((c) => toUtf8(c.value)));
      if (row.startsWith("m") && (result.cells.length !== CHILD_FAMILIES.length * ROW_COLUMNS.length || values.size !== 1)) {
        problems.push(`row ${row} is torn: ${result.cells.length} cells, values ${[...values].join(",")}`);
      }
      seen.set(row, [...values][0]);
    }
  } finally {
    await conn.close();
  }
  for (const row of seen.keys()) if (!model.has(row)) problems.push(`row ${row} was never written`);
  for (const [key, state] of model) {
    const value = seen.get(key);
    const allowed = value === state.acked || (value !== undefined && state.inflight.includes(value));
    if (!allowed) {
      problems.push(`${key} = ${value}, but the last ack was ${state.acked} and in flight since: ${state.inflight.join(",") || "none"}`);
    }
    model.set(key, { acked: value, inflight: [] });
  }
  return { keys: seen.size, problems };
}

test("SIGKILL of a child writing SYNC_WAL puts, rows and batches loses no acked write and tears no row", async () => {
  setLogLevel("error");
  const { path, cleanup } = await makeTempDir("shale-sigkill-");
  const dir = join(path, "store");
  const random = new SeededRandom(SEED);
  const model = new Map<string, KeyState>();
  const figures = { cycles: 0, acks: 0, inflights: 0, keysChecked: 0, killMs: 0 };
  const started = performance.now();
  try {
    const setup = await open(dir);
    await setup.admin.createTable({ name: CHILD_TABLE, families: CHILD_FAMILIES, memstoreFlushSizeBytes: 64 * 1024 });
    await setup.close();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const outcome = await runChild({ dir, cycle, random, model });
      if (outcome.error !== undefined) throw new Error(`SEED=${SEED} cycle ${cycle}: ${outcome.error}`);
      const { keys, problems } = await verify(dir, model);
      if (problems.length > 0) throw new Error(`SEED=${SEED} cycle ${cycle}: ${problems.slice(0, 10).join("; ")}`);
      figures.cycles++;
      figures.acks += outcome.acks;
      figures.inflights += outcome.inflights;
      figures.keysChecked += keys;
      figures.killMs += outcome.killedAfterMs;
    }
  } finally {
    await cleanup();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `T5 SIGKILL (embedded): SEED=${SEED} kill cycles=${figures.cycles}, acked writes=${figures.acks}, writes issued=${figures.inflights}, ` +
      `keys checked=${figures.keysChecked}, mean kill delay=${(figures.killMs / Math.max(1, figures.cycles)).toFixed(0)} ms, ` +
      `${seconds.toFixed(1)} s (${((seconds * 1000) / Math.max(1, figures.cycles)).toFixed(0)} ms per cycle)`,
  );
  expect(figures.cycles).toBe(CYCLES);
  expect(figures.acks).toBeGreaterThan(CYCLES);
}, 600_000);
