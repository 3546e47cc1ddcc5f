// WAL end to end on NodeFs (temp dirs) and MemFs: round trips through append/close/replay,
// concurrent appends in call order, rolling and deleting flushed segments, torn tails and
// corruption on disk, failed writes and syncs (TESTING.md T6 rules), group commit, power loss.

import { afterEach, describe, expect, test } from "bun:test";
import { CorruptWALError, DamagedWALError, DoNotRetryIOError, StorageIOError, WALClosedError } from "../../../src/api/errors.ts";
import { CellType } from "../../../src/cell/cell-type.ts";
import { makeCell } from "../../../src/cell/cell.ts";
import { FaultFs } from "../../../src/platform/fault-fs.ts";
import type { Fs } from "../../../src/platform/fs.ts";
import { MemFs } from "../../../src/platform/mem-fs.ts";
import { NodeFs } from "../../../src/platform/node-fs.ts";
import { toBytes } from "../../../src/util/bytes.ts";
import { setLogLevel } from "../../../src/util/log.ts";
import type { WALEdit, WALSyncMode } from "../../../src/wal/wal-edit.ts";
import { WAL } from "../../../src/wal/wal.ts";
import { SeededRandom, testSeed } from "../../helpers/seeded-random.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";
import { editsDifference, sampleEdit, sampleEdits } from "./sample-edits.ts";

const seed = testSeed();
const MODES: WALSyncMode[] = ["async", "sync", "fsync"];
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await makeTempDir("shale-wal-");
  cleanups.push(dir.cleanup);
  return `${dir.path}/wal`;
}

/** Opens and replays a WAL; returns it with the replayed edits. */
async function openWal(fs: Fs, dir: string, limits = {}): Promise<{ wal: WAL; edits: WALEdit[]; counts: { segments: number; edits: number; truncatedBytes: number } }> {
  const wal = await WAL.open({ fs, dir, limits });
  const edits: WALEdit[] = [];
  const counts = await wal.replay((edit) => edits.push(edit));
  return { wal, edits, counts };
}

/** The rejection of `promise`, or undefined when it resolves. */
function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

function editFor(regionName: string, sequenceId: bigint, valueBytes = 10): WALEdit {
  const cell = makeCell({ row: toBytes(`row-${sequenceId}`), family: toBytes("f"), qualifier: toBytes("q"), timestamp: 1n, value: new Uint8Array(valueBytes), sequenceId });
  return { regionName, sequenceId, writeTimeMs: 1n, cells: [cell] };
}

describe("WAL", () => {
  test("replays every appended edit, in order, after close and reopen; appends then go to a new segment", async () => {
    const dir = await tempDir();
    const fs = new NodeFs();
    const random = new SeededRandom(seed);
    const edits = sampleEdits(random, 400, 25);
    edits.push({ regionName: "abc", sequenceId: 401n, writeTimeMs: 5n, cells: [makeCell({ row: toBytes("r"), type: CellType.DeleteFamily, family: toBytes("f"), sequenceId: 401n })] });
    const first = await openWal(fs, dir);
    expect(first.counts).toEqual({ segments: 0, edits: 0, truncatedBytes: 0 });
    for (let i = 0; i < edits.length; i++) await first.wal.append(edits[i], MODES[i % 3]);
    await first.wal.close();
    const second = await openWal(fs, dir);
    expect(editsDifference(second.edits, edits)).toBeUndefined();
    expect(second.counts).toEqual({ segments: 1, edits: edits.length, truncatedBytes: 0 });
    expect(await second.wal.segments()).toEqual(["wal-0000000000000001.log", "wal-0000000000000002.log"]);
    await second.wal.append(editFor("abc", 402n), "fsync");
    await second.wal.close();
    const third = await openWal(fs, dir);
    expect(third.edits.map((e) => e.sequenceId)).toEqual([...edits.map((e) => e.sequenceId), 402n]);
    await third.wal.close();
  });

  test("replays appends from 64 concurrent callers in the order append() was called", async () => {
    const dir = await tempDir();
    const fs = new NodeFs();
    const random = new SeededRandom(seed);
    const { wal } = await openWal(fs, dir);
    const called: WALEdit[] = [];
    const callers = Array.from({ length: 64 }, async (_, caller) => {
      for (let i = 0; i < 20; i++) {
        const edit = sampleEdit(random, called.length, 50);
        called.push(edit);
        await wal.append(edit, MODES[(caller + i) % 3]);
      }
    });
    await Promise.all(callers);
    await wal.close();
    const reopened = await openWal(fs, dir);
    expect(reopened.edits.length).toBe(64 * 20);
    expect(editsDifference(reopened.edits, called)).toBeUndefined();
    await reopened.wal.close();
  });

  test("rolls at a tiny segment limit; markFlushed deletes only segments whose edits are all flushed", async () => {
    const dir = await tempDir();
    const fs = new NodeFs();
    const { wal } = await openWal(fs, dir, { walSegmentBytesMax: 1024 });
    await wal.append(editFor("regionB", 1n), "sync");
    for (let seq = 1n; seq <= 60n; seq++) await wal.append(editFor("regionA", seq, 100), "sync");
    await wal.sync(); // runs after the roll the last append may have started
    const rolled = await wal.segments();
    expect(rolled.length).toBeGreaterThan(5);
    await wal.markFlushed("regionA", 30n);
    const afterHalf = await wal.segments();
    expect(afterHalf).toContain(rolled[0]); // regionB's unflushed edit keeps the first segment
    expect(afterHalf.length).toBeLessThan(rolled.length);
    expect(afterHalf.length).toBeGreaterThan(2);
    await wal.markFlushed("regionA", 60n);
    expect(await wal.segments()).toEqual([rolled[0], rolled[rolled.length - 1]]);
    await wal.forgetRegion("regionB");
    expect(await wal.segments()).toEqual([rolled[rolled.length - 1]]);
    await wal.close();
    const reopened = await openWal(fs, dir);
    expect(reopened.edits.length).toBe(0);
    await reopened.wal.close();
  });

  test("keeps unflushed segments across reopen and deletes replayed ones once flushed", async () => {
    const dir = await tempDir();
    const fs = new NodeFs();
    const first = await openWal(fs, dir, { walSegmentBytesMax: 512 });
    for (let seq = 1n; seq <= 20n; seq++) await first.wal.append(editFor("r1", seq, 100), "sync");
    await first.wal.markFlushed("r1", 10n);
    await first.wal.close();
    const second = await openWal(fs, dir, { walSegmentBytesMax: 512 });
    const replayed = second.edits.map((e) => e.sequenceId);
    expect(replayed[replayed.length - 1]).toBe(20n);
    expect(replayed[0]).toBeLessThanOrEqual(11n);
    expect(replayed.length).toBeLessThan(20);
    await second.wal.markFlushed("r1", 20n);
    expect(await second.wal.segments()).toHaveLength(1);
    await second.wal.close();
  });

  test("rejects an edit over walRecordBytesMax with DoNotRetryIOError and stays usable", async () => {
    const dir = await tempDir();
    const { wal } = await openWal(new NodeFs(), dir, { walRecordBytesMax: 1000 });
    expect(wal.append(editFor("r", 1n, 2000), "fsync")).rejects.toBeInstanceOf(DoNotRetryIOError);
    await wal.append(editFor("r", 2n, 100), "fsync");
    await wal.close();
    expect(wal.append(editFor("r", 3n), "sync")).rejects.toBeInstanceOf(WALClosedError);
  });

  test("cuts a torn tail on replay, logs it, and reports the bytes cut", async () => {
    const dir = await tempDir();
    const fs = new NodeFs();
    const first = await openWal(fs, dir);
    for (let seq = 1n; seq <= 5n; seq++) await first.wal.append(editFor("r", seq), "fsync");
    await first.wal.close();
    // Make it look like a crash: no trailer, and half a record plus some zeros at the end.
    const path = `${dir}/wal-0000000000000001.log`;
    const whole = (await fs.readFile(path)).subarray(0, -13);
    await fs.remove(path);
    const handle = await fs.open(path, "create");
    await handle.append(whole);
    await handle.append(new Uint8Array([0, 0, 0, 40, 1, 2, 3, 4, 1, 9, 9, 0, 0, 0, 0]));
    await handle.close();
    setLogLevel("error");
    const second = await openWal(fs, dir);
    setLogLevel("warn");
    expect(second.edits.map((e) => e.sequenceId)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(second.counts.truncatedBytes).toBe(15);
    const sealedLength = (await fs.readFile(path)).length;
    expect(sealedLength).toBe(whole.length + 13); // cut back, then sealed with its 13-byte trailer
    await second.wal.close();
    const third = await openWal(fs, dir);
    expect(third.counts.truncatedBytes).toBe(0);
    expect(third.edits).toHaveLength(5);
    await third.wal.close();
  });

  test("removes a last segment whose header is torn (crash while creating it)", async () => {
    const dir = await tempDir();
    const fs = new NodeFs();
    const first = await openWal(fs, dir);
    await first.wal.append(editFor("r", 1n), "fsync");
    await first.wal.close();
    const partial = await fs.open(`${dir}/wal-0000000000000003.log`, "create");
    await partial.append(new Uint8Array([0x53, 0x57, 0x41]));
    await partial.close();
    setLogLevel("error");
    const second = await openWal(fs, dir);
    setLogLevel("warn");
    expect(second.edits).toHaveLength(1);
    expect(await second.wal.segments()).toEqual(["wal-0000000000000001.log", "wal-0000000000000004.log"]);
    await second.wal.close();
  });

  test("refuses to replay a flipped byte in an older segment, naming file and offset", async () => {
    const dir = await tempDir();
    const fs = new NodeFs();
    const first = await openWal(fs, dir);
    for (let seq = 1n; seq <= 3n; seq++) await first.wal.append(editFor("r", seq), "sync");
    await first.wal.close();
    const path = `${dir}/wal-0000000000000001.log`;
    const bytes = await fs.readFile(path);
    bytes[40] ^= 0x10;
    await fs.remove(path);
    const handle = await fs.open(path, "create");
    await handle.append(bytes);
    await handle.close();
    const second = await WAL.open({ fs, dir });
    const replay = second.replay(() => {});
    expect(replay).rejects.toBeInstanceOf(CorruptWALError);
    expect(replay).rejects.toThrow(`wal-0000000000000001.log" at offset 20:`);
  });
});

describe("WAL failures", () => {
  test("a failed fsync rejects its batch with StorageIOError; every later append gets DamagedWALError", async () => {
    const fs = new FaultFs(new MemFs());
    const { wal } = await openWal(fs, "/wal");
    await wal.append(editFor("r", 1n), "fsync");
    fs.failAt(fs.opCount + 1, "EIO", "once"); // op +0 writes the batch, op +1 syncs it
    const ops: string[] = [];
    const later: Promise<unknown>[] = [];
    fs.onOp = (op) => {
      ops.push(op);
      // Appended while the failing sync is in flight: they wait for the next batch.
      if (op === "sync" && later.length === 0) later.push(settle(wal.append(editFor("r", 4n), "sync")), settle(wal.append(editFor("r", 5n), "fsync")));
    };
    const batch = [settle(wal.append(editFor("r", 2n), "fsync")), settle(wal.append(editFor("r", 3n), "sync"))];
    for (const failure of await Promise.all(batch)) {
      expect(failure).toBeInstanceOf(StorageIOError);
      expect(((failure as StorageIOError).cause as { code: string }).code).toBe("EIO");
    }
    expect(later).toHaveLength(2);
    for (const failure of await Promise.all(later)) expect(failure).toBeInstanceOf(DamagedWALError);
    expect(await settle(wal.append(editFor("r", 6n), "async"))).toBeInstanceOf(DamagedWALError);
    expect(await settle(wal.sync())).toBeInstanceOf(DamagedWALError);
    expect(await settle(wal.roll())).toBeInstanceOf(DamagedWALError);
    expect(await settle(wal.close())).toBeInstanceOf(DamagedWALError);
    expect(ops.filter((op) => op === "sync" || op === "append")).toEqual(["append", "sync"]); // the sync is never retried
  });

  test("a failed write (ENOSPC) rejects a sync-mode batch and damages the WAL", async () => {
    const fs = new FaultFs(new MemFs());
    const { wal } = await openWal(fs, "/wal");
    fs.failAt(fs.opCount, "ENOSPC", "once", { partialWrite: true });
    const failure = await wal.append(editFor("r", 1n), "sync").then(() => undefined, (e) => e);
    expect(failure).toBeInstanceOf(StorageIOError);
    expect(((failure as StorageIOError).cause as { code: string }).code).toBe("ENOSPC");
    expect(wal.append(editFor("r", 2n), "sync")).rejects.toBeInstanceOf(DamagedWALError);
    await wal.close().catch(() => undefined);
    fs.clearFaults();
    setLogLevel("error");
    const reopened = await openWal(fs, "/wal");
    setLogLevel("warn");
    expect(reopened.edits).toHaveLength(0); // the half-written record is a torn tail
    await reopened.wal.close();
  });

  test("at every fault point of a concurrent workload, nothing after the failure is acknowledged and nothing acknowledged is lost", async () => {
    const random = new SeededRandom(seed);
    let runs = 0;
    for (let faultAt = 0; faultAt < 40; faultAt++) {
      for (const code of ["ENOSPC", "EIO"] as const) {
        const memFs = new MemFs();
        const fs = new FaultFs(memFs);
        const { wal } = await openWal(fs, "/wal", { walSegmentBytesMax: 600 });
        fs.failAt(fs.opCount + faultAt, code, "persistent", { partialWrite: random.int(2) === 0 });
        const acked = new Set<bigint>();
        let failedAt: bigint | undefined;
        const appends = Array.from({ length: 30 }, (_, i) => {
          const seq = BigInt(i + 1);
          return wal.append(editFor("r", seq, 60), "fsync").then(
            () => {
              acked.add(seq);
              expect(failedAt === undefined || seq < failedAt).toBe(true);
            },
            (error) => {
              expect(error instanceof StorageIOError || error instanceof DamagedWALError).toBe(true);
              if (failedAt === undefined || seq < failedAt) failedAt = seq;
            },
          );
        });
        await Promise.all(appends);
        await wal.close().catch(() => undefined);
        if (failedAt !== undefined) for (const seq of acked) expect(seq).toBeLessThan(failedAt);
        fs.clearFaults();
        memFs.crash("clean");
        setLogLevel("error");
        const reopened = await openWal(fs, "/wal");
        setLogLevel("warn");
        const replayed = reopened.edits.map((e) => e.sequenceId);
        for (const seq of acked) expect(replayed).toContain(seq);
        expect(replayed).toEqual(replayed.map((_, i) => BigInt(i + 1))); // a prefix, no holes
        await reopened.wal.close();
        runs++;
      }
    }
    console.log(`WAL fault points: ${runs} runs (ENOSPC and EIO at each of the first 40 fs ops, persistent)`);
  });
});

describe("WAL group commit", () => {
  test("syncs far fewer times than there are concurrent fsync appends", async () => {
    const dir = await tempDir();
    const fs = new FaultFs(new NodeFs());
    const { wal } = await openWal(fs, dir);
    let syncs = 0;
    let writes = 0;
    fs.onOp = (op) => {
      if (op === "sync") syncs++;
      if (op === "append") writes++;
    };
    // 64 callers, each appending its next edit as soon as its previous one is acknowledged.
    const callers = 64;
    const perCaller = 16;
    const appends = callers * perCaller;
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: callers }, async () => {
      for (let i = 0; i < perCaller; i++) await wal.append(editFor("r", BigInt(++next), 100), "fsync");
    }));
    const ms = performance.now() - started;
    console.log(`WAL group commit: ${callers} callers x ${perCaller} fsync appends = ${appends} -> ${writes} writes, ${syncs} syncs, ${ms.toFixed(0)} ms`);
    expect(syncs).toBeLessThanOrEqual(appends / 10);
    expect(syncs).toBe(writes);
    expect(syncs).toBeGreaterThanOrEqual(1);
    await wal.close();
  });
});

describe("WAL bounded queue", () => {
  test("callers beyond walPendingAppendsMax wait their turn and still land in call order", async () => {
    const fs = new FaultFs(new MemFs());
    const { wal } = await openWal(fs, "/wal", { walPendingAppendsMax: 3, walGroupCommitBytesMax: 300 });
    let writes = 0;
    fs.onOp = (op) => void (op === "append" && writes++);
    const order: bigint[] = [];
    const appends = Array.from({ length: 100 }, (_, i) => {
      const seq = BigInt(i + 1);
      order.push(seq);
      return wal.append(editFor("r", seq, 20), MODES[i % 3]);
    });
    await Promise.all(appends);
    await wal.close();
    expect(writes).toBeGreaterThanOrEqual(100 / 3);
    const reopened = await openWal(fs, "/wal");
    expect(reopened.edits.map((e) => e.sequenceId)).toEqual(order);
    await reopened.wal.close();
  });
});

describe("WAL power loss", () => {
  test("keeps every fsync-acknowledged edit and a hole-free prefix after a torn crash at random points", async () => {
    const random = new SeededRandom(seed);
    let crashes = 0;
    for (let round = 0; round < 60; round++) {
      const memFs = new MemFs({ random: () => random.float() });
      const { wal } = await openWal(memFs, "/wal", { walSegmentBytesMax: 400 + random.int(2000) });
      const acked = new Set<bigint>();
      const total = 20 + random.int(60);
      const crashAfter = random.int(total);
      const appends: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const seq = BigInt(i + 1);
        appends.push(wal.append(editFor("r", seq, random.int(200)), "fsync").then(() => void acked.add(seq), () => undefined));
        if (i === crashAfter) {
          await appends[random.int(appends.length)];
          memFs.crash("torn");
          crashes++;
        }
      }
      await Promise.all(appends);
      await wal.close().catch(() => undefined);
      const ackedAtCrash = [...acked];
      setLogLevel("error");
      const reopened = await openWal(memFs, "/wal");
      setLogLevel("warn");
      const replayed = reopened.edits.map((e) => e.sequenceId);
      expect(replayed).toEqual(replayed.map((_, i) => BigInt(i + 1)));
      for (const seq of ackedAtCrash) if (seq <= BigInt(crashAfter)) expect(replayed).toContain(seq);
      await reopened.wal.close();
    }
    console.log(`WAL power loss: ${crashes} torn crashes, every fsync-acknowledged edit replayed (SEED=${seed})`);
  });
});
