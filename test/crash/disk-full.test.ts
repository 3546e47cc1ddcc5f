// TESTING.md T6: ENOSPC and EIO at every fs op k of a put → flush → reopen workload, once and
// persistently (SQLite's I/O-error loop), on FaultFs over MemFs. Per run: every failure the caller
// sees is a typed ShaleError; once a WAL write or sync failed, no later write of that engine is
// acknowledged (DamagedWALError); no unhandled rejection. Then the fault clears, the power is cut
// (crash "clean"), the store reopens without error, no FSYNC_WAL-acked write is lost, every value
// read back was written, and multi-family rows are whole.

import { afterAll, beforeAll, expect, test } from "bun:test";
import { DamagedWALError, Delete, Durability, Get, Increment, Put, ShaleError, openEngine, toUtf8 } from "../../src/index.ts";
import type { Engine } from "../../src/index.ts";
import { type FaultCode, FaultFs } from "../../src/platform/fault-fs.ts";
import { MemFs } from "../../src/platform/mem-fs.ts";
import {
  COUNTER_FAMILY, COUNTER_QUALIFIER, CRASH_FAMILIES, CRASH_TABLE, TINY_LIMITS, columnKey, createCrashTable,
  monotonicClock, readState,
} from "../helpers/crash-store.ts";
import { FencedFs } from "../helpers/fenced-fs.ts";
import { SeededRandom, testSeed } from "../helpers/seeded-random.ts";

const SEED = testSeed();
const clock = monotonicClock();

/** One write of the workload: the columns it sets (undefined = deletes) and how it ended. */
interface Write {
  readonly label: string;
  readonly effect: Map<string, string | undefined>;
  readonly fsync: boolean;
  /** Session (engine instance) it was sent on, and whether that session's WAL had failed by then. */
  readonly session: number;
  readonly afterWalFault: boolean;
  outcome: "acked" | "failed" | "pending";
}

/** One run: the fault, the writes, and what went wrong. */
class Run {
  readonly writes: Write[] = [];
  readonly violations: string[] = [];
  session = 0;
  /** Session whose WAL saw the injected fault on an append or sync, if any. */
  walFaultSession: number | undefined;
  errors = 0;
  damagedRejections = 0;

  constructor(readonly description: string) {}

  /** Runs `call`; a rejection must be a ShaleError. Returns whether it succeeded. */
  async attempt(what: string, call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      this.errors++;
      if (error instanceof DamagedWALError) this.damagedRejections++;
      if (!(error instanceof ShaleError)) this.violations.push(`${what} failed with an untyped error: ${String(error)}`);
      return false;
    }
  }

  async write(what: string, effect: Map<string, string | undefined>, fsync: boolean, call: () => Promise<unknown>): Promise<void> {
    const write: Write = {
      label: what,
      effect,
      fsync,
      session: this.session,
      afterWalFault: this.walFaultSession === this.session,
      outcome: "pending",
    };
    this.writes.push(write);
    const ok = await this.attempt(what, call);
    write.outcome = ok ? "acked" : "failed";
    if (ok && write.afterWalFault) this.violations.push(`${what} was acknowledged after a WAL write or sync of its engine failed`);
  }
}

function putOf(row: string, families: readonly string[], value: string): { put: Put; effect: Map<string, string | undefined> } {
  const put = new Put(row);
  const effect = new Map<string, string | undefined>();
  for (const family of families) {
    put.addColumn(family, "q", value);
    effect.set(columnKey(row, family, "q"), value);
  }
  return { put, effect };
}

/** One engine session: open, (create), writes, a flush, more writes, close. */
async function session(run: Run, fs: FencedFs, options: { create: boolean; tag: string; random: SeededRandom }): Promise<void> {
  let engine: Engine | undefined;
  if (!(await run.attempt(`open ${options.tag}`, async () => (engine = await openEngine("/store", { fs, limits: TINY_LIMITS, clock }))))) return;
  const conn = engine!.connection;
  if (options.create) await run.attempt("createTable", () => createCrashTable(conn));
  const table = conn.table(CRASH_TABLE);
  let n = 0;
  const put = async (row: string, families: readonly string[], durability: Durability) => {
    const value = `${options.tag}-${++n}`;
    const { put, effect } = putOf(row, families, value);
    const fsync = durability === Durability.FSYNC_WAL;
    await run.write(`put ${row} ${families.join("")}=${value}`, effect, fsync, () => table.put(put.setDurability(durability)));
  };
  const random = options.random;
  const durability = () => (random.int(2) === 0 ? Durability.FSYNC_WAL : Durability.SYNC_WAL);
  for (let i = 0; i < 6; i++) await put(`${"adg"[i % 3]}0`, CRASH_FAMILIES, durability());
  // Two concurrent writers share one group commit.
  await Promise.all([put("b0", ["a", "b"], Durability.FSYNC_WAL), put("e0", ["c"], Durability.SYNC_WAL)]);
  const counter = columnKey("h0", COUNTER_FAMILY, COUNTER_QUALIFIER);
  await run.write(`increment h0 (${options.tag})`, new Map([[counter, "?"]]), true, () =>
    table.increment(new Increment("h0").addColumn(COUNTER_FAMILY, COUNTER_QUALIFIER, 1n).setDurability(Durability.FSYNC_WAL)));
  await run.attempt("flush", () => conn.admin.flush(CRASH_TABLE));
  for (let i = 0; i < 4; i++) await put(`${"cfh"[i % 3]}0`, CRASH_FAMILIES.slice(0, 1 + (i % 3)), durability());
  await run.write("delete row d0", new Map(CRASH_FAMILIES.map((f) => [columnKey("d0", f, "q"), undefined])), true, () =>
    table.delete(new Delete("d0").setDurability(Durability.FSYNC_WAL)));
  await run.attempt("get a0", async () => {
    const value = (await table.get(new Get("a0"))).getValue("a", "q");
    const written = run.writes.some((w) => w.effect.get(columnKey("a0", "a", "q")) === (value === undefined ? undefined : toUtf8(value)));
    if (!written) run.violations.push(`get a0 returned ${value === undefined ? "nothing" : toUtf8(value)}, never written`);
  });
  if (!(await run.attempt(`close ${options.tag}`, () => conn.close()))) fs.fence();
}

/** The values a column may hold after recovery: from its last FSYNC_WAL-acked write on. */
function allowedValues(run: Run, column: string): Set<string | undefined> {
  const writes = run.writes.filter((w) => w.effect.has(column));
  let from = -1;
  writes.forEach((w, i) => { if (w.fsync && w.outcome === "acked") from = i; });
  const allowed = new Set<string | undefined>();
  if (from === -1) allowed.add(undefined);
  for (const w of writes.slice(Math.max(from, 0))) allowed.add(w.effect.get(column));
  return allowed;
}

/** Reopens the crashed image and checks it against the run's writes. */
async function checkRecovery(run: Run, mem: MemFs): Promise<number> {
  let engine: Engine;
  try {
    engine = await openEngine("/store", { fs: mem, limits: TINY_LIMITS, clock });
  } catch (error) {
    run.violations.push(`reopen after the fault cleared failed: ${String(error)}`);
    return 0;
  }
  let state: Map<string, string>;
  try {
    state = await readState(engine.connection);
  } catch (error) {
    const tableMissing = !run.writes.some((w) => w.outcome === "acked");
    if (!tableMissing) run.violations.push(`read after recovery failed: ${String(error)}`);
    await engine.connection.close();
    return 0;
  }
  const columns = new Set([...state.keys(), ...run.writes.flatMap((w) => [...w.effect.keys()])]);
  for (const column of columns) {
    if (column.endsWith(`/${COUNTER_FAMILY}:${COUNTER_QUALIFIER}`)) continue;
    const value = state.get(column);
    const allowed = allowedValues(run, column);
    if (!allowed.has(value)) {
      run.violations.push(`${column} recovered as ${value} but may only be one of ${[...allowed].join(", ")}`);
    }
  }
  checkCounter(run, state);
  checkRowsWhole(run, state);
  await engine.connection.close();
  return columns.size;
}

/** The counter equals the number of increments present: at least the acked, at most the issued. */
function checkCounter(run: Run, state: Map<string, string>): void {
  const column = columnKey("h0", COUNTER_FAMILY, COUNTER_QUALIFIER);
  const increments = run.writes.filter((w) => w.effect.has(column));
  const value = Number(state.get(column) ?? "0");
  const acked = increments.filter((w) => w.outcome === "acked").length;
  if (value < acked || value > increments.length) {
    run.violations.push(`counter recovered as ${value}: ${acked} increments acked, ${increments.length} issued`);
  }
}

/** A recovered value of a multi-column put: each of its columns holds it, or a later write's value. */
function checkRowsWhole(run: Run, state: Map<string, string>): void {
  run.writes.forEach((write, i) => {
    if (write.effect.size < 2) return;
    const present = [...write.effect].some(([column, value]) => value !== undefined && state.get(column) === value);
    if (!present) return;
    for (const [column, value] of write.effect) {
      const later = run.writes.slice(i + 1).filter((w) => w.effect.has(column)).map((w) => w.effect.get(column));
      const recovered = state.get(column);
      if (recovered !== value && !later.includes(recovered)) run.violations.push(`torn row: ${write.label} is present but ${column} = ${recovered}`);
    }
  });
}

/** The whole workload against one image; `fault` counts and fails ops. */
async function workload(run: Run, fault: FaultFs, random: SeededRandom): Promise<void> {
  for (const [i, tag] of ["s1", "s2"].entries()) {
    run.session = i;
    await session(run, new FencedFs(fault), { create: i === 0, tag, random });
  }
}

// bun test also fails a test on an unhandled rejection by itself; the listener makes the check
// explicit and names the run that caused it.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
const logged: string[] = [];
const consoleError = console.error;
beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
  console.error = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  console.error = consoleError;
});

test("ENOSPC or EIO at every fs op, once or persistent, never acks a lost write and leaves a store that reopens", async () => {
  const started = performance.now();
  const dry = new FaultFs(new MemFs());
  const dryRun = new Run("no fault");
  await workload(dryRun, dry, new SeededRandom(SEED));
  expect(dryRun.violations).toEqual([]);
  expect(dryRun.errors).toBe(0);
  const opsInWorkload = dry.opCount;
  const figures = { runs: 0, runsWithErrors: 0, walFaults: 0, damagedRejections: 0, ackedFsync: 0, columnsChecked: 0 };
  const failures: string[] = [];
  for (let k = 0; k < opsInWorkload; k++) {
    for (const persistent of [false, true]) {
      const code: FaultCode = (k + (persistent ? 1 : 0)) % 2 === 0 ? "ENOSPC" : "EIO";
      const partialWrite = !persistent && k % 4 < 2;
      const run = new Run(`k=${k} ${code} ${persistent ? "persistent" : "once"}${partialWrite ? " partial" : ""}`);
      const mem = new MemFs({ random: () => 0.5 });
      const fault = new FaultFs(mem);
      fault.failAt(k, code, persistent ? "persistent" : "once", { partialWrite });
      fault.onOp = (op, path, index) => {
        const hit = index === k || (persistent && index > k);
        if (hit && path.includes("/wal/") && (op === "append" || op === "sync") && run.walFaultSession === undefined) run.walFaultSession = run.session;
      };
      const unhandledBefore = unhandled.length;
      await workload(run, fault, new SeededRandom(SEED));
      fault.clearFaults();
      fault.failAt(fault.opCount, "EIO", "persistent");
      await new Promise((resolve) => setImmediate(resolve));
      mem.crash("clean");
      figures.columnsChecked += await checkRecovery(run, mem);
      if (unhandled.length > unhandledBefore) run.violations.push(`unhandled rejection: ${String(unhandled[unhandledBefore])}`);
      figures.runs++;
      if (run.errors > 0) figures.runsWithErrors++;
      if (run.walFaultSession !== undefined) figures.walFaults++;
      figures.damagedRejections += run.damagedRejections;
      figures.ackedFsync += run.writes.filter((w) => w.fsync && w.outcome === "acked").length;
      if (run.violations.length > 0) failures.push(`${run.description}: ${run.violations.join("; ")}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  consoleError(
    `T6 disk full / EIO: SEED=${SEED} fs ops in workload K=${opsInWorkload}, runs=${figures.runs}, runs with errors=${figures.runsWithErrors}, ` +
      `WAL faults=${figures.walFaults}, DamagedWALError rejections=${figures.damagedRejections}, ` +
      `FSYNC_WAL acks checked=${figures.ackedFsync}, columns checked=${figures.columnsChecked}, engine log lines=${logged.length}, ${seconds.toFixed(1)} s`,
  );
  if (failures.length > 0) consoleError(`SEED=${SEED} failing runs (${failures.length}):\n${failures.slice(0, Number(process.env.T6_SHOW ?? 30)).join("\n")}`);
  expect(failures).toEqual([]);
  expect(figures.runsWithErrors).toBeGreaterThan(figures.runs / 2);
  expect(figures.walFaults).toBeGreaterThan(0);
}, 300_000);
