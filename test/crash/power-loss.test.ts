// TESTING.md T3: power loss simulated by MemFs. Three workers write puts (multi-family rows),
// deletes, increments and same-region batches under FSYNC_WAL, SYNC_WAL, USE_DEFAULT and
// ASYNC_WAL, with tiny flush and WAL segment sizes, so flushes and rolls happen all the time. At
// seeded fs-op indices (FaultFs.onOp, before the op runs) the MemFs image is cloned and crashed,
// alternately "clean" and "torn"; each image is reopened and checked against the history
// (write-history.ts): 0 lost FSYNC_WAL-acked writes, a prefix with no holes, atomic rows, no
// value never written. One image per epoch becomes the live store of the next epoch (crash
// after crash); now and then the store is instead closed cleanly, which must lose nothing.

import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Delete, Durability, Increment, Put, openEngine } from "../../src/index.ts";
import type { Engine } from "../../src/index.ts";
import { FaultFs } from "../../src/platform/fault-fs.ts";
import { MemFs } from "../../src/platform/mem-fs.ts";
import { setLogLevel } from "../../src/util/log.ts";
import {
  COUNTER_FAMILY, COUNTER_QUALIFIER, CRASH_FAMILIES, CRASH_TABLE, REGION_ROW_LETTERS, ROW_LETTERS, TINY_LIMITS,
  columnKey, createCrashTable, monotonicClock, ownerOf, readState, rowOf,
} from "../helpers/crash-store.ts";
import { SeededRandom, testScale, testSeed } from "../helpers/seeded-random.ts";
import { type Effect, type State, WriteHistory } from "../helpers/write-history.ts";

const SEED = testSeed();
const CRASH_POINTS = Math.round(2000 * testScale());
const WORKERS = 3;
const STEPS_PER_WORKER = 30;
const EPOCHS_PER_STORE = 6;
const IMAGES_PER_EPOCH_MAX = 40;
const CRASH_PROBABILITY_PER_OP = 0.12;

/** A live store: the MemFs image, the FaultFs counting its ops, the engine on top. */
interface Live {
  mem: MemFs;
  fault: FaultFs;
  engine: Engine;
}

/** A crashed clone, taken before fs op `opIndex` ran, when the history stood at event `at`. */
interface CrashImage {
  mem: MemFs;
  at: number;
  opIndex: number;
  mode: "clean" | "torn";
}

interface Figures {
  seed: number;
  crashPoints: number;
  torn: number;
  cleanCloses: number;
  opsIssued: number;
  opsFoundPresent: number;
  fsOps: number;
}

const clock = monotonicClock();
let valueCounter = 0;

async function openLive(mem: MemFs): Promise<Live> {
  const fault = new FaultFs(mem);
  const engine = await openEngine("/store", { fs: fault, limits: TINY_LIMITS, clock });
  return { mem, fault, engine };
}

function pickDurability(random: SeededRandom): { durability: Durability; fsync: boolean } {
  const roll = random.int(20);
  if (roll < 8) return { durability: Durability.FSYNC_WAL, fsync: true };
  if (roll < 15) return { durability: Durability.SYNC_WAL, fsync: false };
  if (roll < 18) return { durability: Durability.USE_DEFAULT, fsync: false };
  return { durability: Durability.ASYNC_WAL, fsync: false };
}

/** One worker's model of its own rows, kept in step with the ops it issues. */
class WorkerModel {
  readonly columns = new Map<string, string>();

  apply(effect: Effect): void {
    for (const [column, value] of effect) value === undefined ? this.columns.delete(column) : this.columns.set(column, value);
  }

  columnsOfRow(row: string): string[] {
    return [...this.columns.keys()].filter((c) => c.startsWith(`${row}/`));
  }
}

function putOf(row: string, random: SeededRandom): { put: Put; effect: Effect; label: string } {
  const value = `v${++valueCounter}`;
  const qualifier = `q${random.int(2)}`;
  const families = CRASH_FAMILIES.filter(() => random.int(2) === 0);
  if (families.length === 0) families.push(random.pick(CRASH_FAMILIES));
  const put = new Put(row);
  const effect: Effect = new Map();
  for (const family of families) {
    put.addColumn(family, qualifier, value);
    effect.set(columnKey(row, family, qualifier), value);
  }
  return { put, effect, label: `put ${row} ${families.join("")}:${qualifier}=${value}` };
}

/** Runs one op of worker w: issue in the history, send, ack. */
async function step(ctx: { live: Live; history: WriteHistory; model: WorkerModel; w: number; random: SeededRandom }): Promise<void> {
  const { live, history, model, w, random } = ctx;
  const table = live.engine.connection.table(CRASH_TABLE);
  const { durability, fsync } = pickDurability(random);
  const row = rowOf(w, random.pick(ROW_LETTERS));
  const roll = random.int(100);
  if (roll < 45) {
    const { put, effect, label } = putOf(row, random);
    const op = history.issue(w, { label, effect, fsync });
    model.apply(effect);
    await table.put(put.setDurability(durability));
    history.ack(op);
  } else if (roll < 60) {
    const letters = random.pick(REGION_ROW_LETTERS);
    const parts = letters.slice(0, 2).map((letter) => putOf(rowOf(w, letter), random));
    const ops = parts.map((part) => history.issue(w, { label: `batch ${part.label}`, effect: part.effect, fsync }));
    for (const part of parts) model.apply(part.effect);
    await table.put(parts.map((part) => part.put.setDurability(durability)));
    for (const op of ops) history.ack(op);
  } else if (roll < 80) {
    const delta = BigInt(1 + random.int(5));
    const column = columnKey(row, COUNTER_FAMILY, COUNTER_QUALIFIER);
    const next = (BigInt(model.columns.get(column) ?? "0") + delta).toString();
    const effect: Effect = new Map([[column, next]]);
    const op = history.issue(w, { label: `increment ${row} by ${delta} to ${next}`, effect, fsync });
    model.apply(effect);
    await table.increment(new Increment(row).addColumn(COUNTER_FAMILY, COUNTER_QUALIFIER, delta).setDurability(durability));
    history.ack(op);
  } else if (roll < 90) {
    const effect: Effect = new Map(model.columnsOfRow(row).map((c) => [c, undefined]));
    const op = history.issue(w, { label: `delete row ${row}`, effect, fsync });
    model.apply(effect);
    await table.delete(new Delete(row).setDurability(durability));
    history.ack(op);
  } else {
    const family = random.pick(CRASH_FAMILIES);
    const qualifier = `q${random.int(2)}`;
    const effect: Effect = new Map([[columnKey(row, family, qualifier), undefined]]);
    const op = history.issue(w, { label: `delete column ${row}/${family}:${qualifier}`, effect, fsync });
    model.apply(effect);
    await table.delete(new Delete(row).addColumns(family, qualifier).setDurability(durability));
    history.ack(op);
  }
}

/** Runs one epoch of the workload on `live`, cloning crash images at random fs ops. */
async function runEpoch(live: Live, history: WriteHistory, random: SeededRandom): Promise<CrashImage[]> {
  const images: CrashImage[] = [];
  live.fault.onOp = (_op, _path, index) => {
    if (images.length >= IMAGES_PER_EPOCH_MAX || random.float() >= CRASH_PROBABILITY_PER_OP) return;
    const mode = (images.length + index) % 2 === 0 ? "clean" : "torn";
    const mem = live.mem.clone();
    mem.crash(mode);
    images.push({ mem, at: history.now, opIndex: index, mode });
  };
  const models = Array.from({ length: WORKERS }, (_, w) => {
    const model = new WorkerModel();
    for (const [column, value] of history.base) if (ownerOf(column) === w) model.columns.set(column, value);
    return model;
  });
  const workers = models.map(async (model, w) => {
    const own = new SeededRandom(random.nextUint32());
    for (let i = 0; i < STEPS_PER_WORKER; i++) {
      await step({ live, history, model, w, random: own });
      if (w === 0 && own.int(15) === 0) await live.engine.connection.admin.flush(CRASH_TABLE);
    }
  });
  await Promise.all(workers);
  live.fault.onOp = undefined;
  return images;
}

/** Reopens a crash image and checks it; returns the store open on it. */
async function verifyImage(image: CrashImage, history: WriteHistory, figures: Figures): Promise<{ live: Live; state: State }> {
  const live = await openLive(image.mem);
  const state = await readState(live.engine.connection);
  try {
    const verdict = history.checkRecovered(state, image.at, ownerOf);
    figures.opsFoundPresent += verdict.opsPresent;
  } catch (error) {
    throw new Error(`SEED=${figures.seed}: ${image.mode} crash before fs op ${image.opIndex}: ${(error as Error).message}`);
  }
  figures.crashPoints++;
  if (image.mode === "torn") figures.torn++;
  return { live, state };
}

/** Closes the store cleanly, then cuts the power: every acked write must be there. */
async function closeAndReopen(live: Live, history: WriteHistory, figures: Figures): Promise<{ live: Live; state: State }> {
  await live.engine.connection.close();
  live.mem.crash("clean");
  const reopened = await openLive(live.mem);
  const state = await readState(reopened.engine.connection);
  const expected = new WriteHistory(WORKERS, history.base);
  const all = history.ops.flat().sort((x, y) => x.issuedAt - y.issuedAt);
  for (const op of all) expected.ack(expected.issue(op.worker, { label: op.label, effect: op.effect, fsync: true }));
  try {
    expected.checkRecovered(state, expected.now, ownerOf);
  } catch (error) {
    throw new Error(`SEED=${figures.seed}: after a clean close: ${(error as Error).message}`);
  }
  figures.cleanCloses++;
  return { live: reopened, state };
}

/** Runs store lives (fresh store, then epochs of crash after crash) until `crashPoints` are checked. */
async function runPowerLoss(seed: number, crashPoints: number): Promise<Figures> {
  const random = new SeededRandom(seed);
  const figures: Figures = { seed, crashPoints: 0, torn: 0, cleanCloses: 0, opsIssued: 0, opsFoundPresent: 0, fsOps: 0 };
  while (figures.crashPoints < crashPoints) {
    let live = await openLive(new MemFs({ random: () => random.float() }));
    await createCrashTable(live.engine.connection);
    let base: State = new Map();
    for (let epoch = 0; epoch < EPOCHS_PER_STORE && figures.crashPoints < crashPoints; epoch++) {
      const history = new WriteHistory(WORKERS, base);
      const images = await runEpoch(live, history, random);
      figures.opsIssued += history.ops.reduce((n, ops) => n + ops.length, 0);
      figures.fsOps += live.fault.opCount;
      // Every reopened image but the last is closed; the last becomes the next epoch's store,
      // unless this epoch ends with a clean close (then the old store goes on after its reopen).
      let next: { live: Live; state: State } | undefined;
      for (const image of images) {
        const verified = await verifyImage(image, history, figures);
        await next?.live.engine.connection.close();
        next = verified;
      }
      if (next === undefined || random.int(4) === 0) {
        await next?.live.engine.connection.close();
        next = await closeAndReopen(live, history, figures);
      } else {
        await live.engine.connection.close();
      }
      live = next.live;
      base = next.state;
    }
    await live.engine.connection.close();
  }
  return figures;
}

function report(figures: Figures, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `T3 power loss: SEED=${figures.seed} crash points=${figures.crashPoints} (torn ${figures.torn}), clean closes=${figures.cleanCloses}, ` +
      `ops issued=${figures.opsIssued}, ops found present=${figures.opsFoundPresent}, fs ops=${figures.fsOps}, ${seconds.toFixed(1)} s`,
  );
}

test("power loss at 2,000 seeded fs ops loses no FSYNC_WAL-acked write and recovers a prefix with atomic rows", async () => {
  setLogLevel("error");
  const started = performance.now();
  const figures = await runPowerLoss(SEED, CRASH_POINTS);
  report(figures, started);
  expect(figures.crashPoints).toBeGreaterThanOrEqual(CRASH_POINTS);
}, 600_000);

test("power loss replays the seeds that once failed (test/corpus/power-loss-seeds.json)", async () => {
  setLogLevel("error");
  const corpus = JSON.parse(readFileSync(join(import.meta.dir, "../corpus/power-loss-seeds.json"), "utf8")) as { seed: number; crashPoints: number }[];
  expect(corpus.length).toBeGreaterThan(0);
  for (const entry of corpus) {
    const started = performance.now();
    const figures = await runPowerLoss(entry.seed, entry.crashPoints);
    report(figures, started);
    expect(figures.crashPoints).toBeGreaterThanOrEqual(entry.crashPoints);
  }
}, 300_000);
