// The child process of kill-points.test.ts (TESTING.md T4): opens the store in argv[2] and runs
// a fixed maintenance script (flush, minor and major compaction, admin split, janitor pass) while
// two writer lanes put and delete rows under SYNC_WAL. Each put writes the same self-checking
// value to a:q and b:q. Run with SHALE_KILL_AT=<label>:<n> it is expected to die by SIGKILL at that
// kill point; with SHALE_KILLPOINT_TRACE it runs to the end and prints "done".
// Protocol on stdout, one line each, written synchronously: "ready"; "inflight <row> <value|->"
// BEFORE a write is issued; "ack <row> <value|->" AFTER it resolved ("-" is a row delete); "done".
// Usage: bun test/crash/kill-points-child.ts <dir> <seed> <rounds>

import { Delete, Durability, Put, open } from "../../src/index.ts";
import type { Connection, Limits, Table } from "../../src/index.ts";
import { SeededRandom } from "../helpers/seeded-random.ts";
import { emitLine } from "../helpers/child-lines.ts";

export const KP_TABLE = "kp";
export const KP_FAMILIES = ["a", "b"] as const;
export const KP_ROWS = 400;
const ACKS_PER_ROUND = 40;

/** Limits for the child and for the parent's reopen: explicit flushes, frequent WAL rolls, no timers. */
export const KP_LIMITS: Partial<Limits> = {
  memstoreFlushSizeBytes: 1024 * 1024,
  walSegmentBytesMax: 8 * 1024,
  compactionFilesMin: 3,
  regionSplitSizeBytes: 0,
  majorCompactionPeriodMs: 0,
  compactionChoreIntervalMs: 3_600_000,
};

/** The workload's table: families a and b with 1 KiB blocks, so a flushed file has a midkey. */
export async function createKpTable(conn: Connection): Promise<void> {
  await conn.admin.createTable({ name: KP_TABLE, families: KP_FAMILIES.map((name) => ({ name, blockSizeBytes: 1024 })) });
}

export function rowKey(n: number): string {
  return `r${n.toString().padStart(4, "0")}`;
}

/** A value that names its row and carries a checksum of itself, so a corrupt or misplaced read shows. */
export function makeValue(row: string, tag: string): string {
  const body = `${row}.${tag}`;
  return `${body}.${checksum(body)}`;
}

/** The problem with `value` read at `row`, or undefined when it checks out. */
export function checkValue(row: string, value: string): string | undefined {
  const at = value.lastIndexOf(".");
  const body = value.slice(0, at);
  if (at < 0 || checksum(body).toString() !== value.slice(at + 1)) return `value ${JSON.stringify(value)} fails its checksum`;
  if (!body.startsWith(`${row}.`)) return `value ${JSON.stringify(value)} belongs to another row than ${row}`;
  return undefined;
}

function checksum(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Wall-clock milliseconds, but never the same value twice: a row delete and a later put of that
 * row in the same millisecond would share a timestamp, and the delete marker would hide the put
 * (data-semantics.md §2.8.3), which the expected-state check would report as a lost write.
 */
function strictlyIncreasingClock(): () => bigint {
  let last = 0n;
  return () => {
    const now = BigInt(Date.now());
    last = now > last ? now : last + 1n;
    return last;
  };
}


/**
 * Counts acks, lets the maintenance script wait for the next batch of them, and paces the writers:
 * they stop at `allowance` acks until the script grants more, so a kill point late in the script
 * is reached after a bounded number of writes.
 */
class AckCounter {
  count = 0;
  #allowance = 0;
  #waiters: { at: number; resolve: () => void }[] = [];
  #paused: (() => void)[] = [];

  add(): void {
    this.count++;
    const ready = this.#waiters.filter((w) => w.at <= this.count);
    this.#waiters = this.#waiters.filter((w) => w.at > this.count);
    for (const w of ready) w.resolve();
  }

  reach(at: number): Promise<void> {
    return at <= this.count ? Promise.resolve() : new Promise((resolve) => this.#waiters.push({ at, resolve }));
  }

  /** Lets the writers go on until `allowance` acks. */
  allow(allowance: number): void {
    this.#allowance = allowance;
    const paused = this.#paused;
    this.#paused = [];
    for (const resume of paused) resume();
  }

  /** Resolves when a writer may issue another write. */
  room(): Promise<void> {
    return this.count < this.#allowance ? Promise.resolve() : new Promise((resolve) => this.#paused.push(resolve));
  }
}

async function writerLane(ctx: { table: Table; lane: number; random: SeededRandom; acks: AckCounter; stop: () => boolean }): Promise<void> {
  const { table, lane, random, acks } = ctx;
  for (let n = 0; !ctx.stop(); n++) {
    await acks.room();
    if (ctx.stop()) return;
    // Lanes own alternate rows, so one row's writes are never concurrent.
    const row = rowKey(2 * random.int(KP_ROWS / 2) + lane);
    if (random.int(10) === 0) {
      emitLine(`inflight ${row} -`);
      await table.delete(new Delete(row).setDurability(Durability.SYNC_WAL));
      emitLine(`ack ${row} -`);
    } else {
      const value = makeValue(row, `${lane}.${n}`);
      emitLine(`inflight ${row} ${value}`);
      const put = new Put(row).setDurability(Durability.SYNC_WAL);
      for (const family of KP_FAMILIES) put.addColumn(family, "q", value);
      await table.put(put);
      emitLine(`ack ${row} ${value}`);
    }
    acks.add();
  }
}

/** One round of maintenance; every round flushes, some compact, split or run the janitor. */
async function maintain(conn: Connection, round: number): Promise<void> {
  await conn.admin.flush(KP_TABLE);
  if (round % 3 === 2) await conn.admin.compact(KP_TABLE);
  if (round % 4 === 3) await conn.admin.majorCompact(KP_TABLE);
  if (round % 2 === 1) await conn.admin.split(KP_TABLE);
  if (round % 2 === 0) await conn.admin.compact(KP_TABLE);
}

async function main(): Promise<void> {
  const [dir, seed, rounds] = process.argv.slice(2);
  const conn = await open(dir, { limits: KP_LIMITS, clock: strictlyIncreasingClock() });
  if (!(await conn.admin.tableExists(KP_TABLE))) await createKpTable(conn);
  const table = conn.table(KP_TABLE);
  emitLine("ready");
  const random = new SeededRandom(Number(seed));
  const acks = new AckCounter();
  let stopped = false;
  const lanes = [0, 1].map((lane) =>
    writerLane({ table, lane, random: new SeededRandom(random.nextUint32()), acks, stop: () => stopped })
  );
  for (let round = 0; round < Number(rounds); round++) {
    acks.allow((round + 2) * ACKS_PER_ROUND);
    await acks.reach((round + 1) * ACKS_PER_ROUND);
    await maintain(conn, round);
  }
  stopped = true;
  acks.allow(Number.MAX_SAFE_INTEGER);
  await Promise.all(lanes);
  await conn.close();
  emitLine("done");
}

if (import.meta.main) {
  main().catch((error) => {
    emitLine(`error ${String(error)} ${(error as Error).stack ?? ""}`.replaceAll("\n", " | "));
    process.exit(1);
  });
}
