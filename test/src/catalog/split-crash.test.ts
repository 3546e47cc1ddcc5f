// A crash at every file-system step of a split recovers to either the parent or both daughters,
// never both and never neither, with every row present (issue 3; TESTING.md T3/T4 for splits).
// The crash is simulated: from op k on every mutating fs op fails (the process stopped there),
// then the MemFs loses everything not made durable, and the store reopens on what survived.

import { describe, expect, test } from "bun:test";
import { Durability, Get, Put, Scan, open, toBytes, toUtf8 } from "../../../src/index.ts";
import { MemFs } from "../../../src/platform/mem-fs.ts";
import { FaultFs } from "../../../src/platform/fault-fs.ts";
import type { Connection } from "../../../src/index.ts";

const ROWS = 120;
const rowKey = (i: number) => `row-${String(i).padStart(4, "0")}`;
const LIMITS = { compactionChoreIntervalMs: 3_600_000 };

async function loadedStore(): Promise<{ mem: MemFs; fs: FaultFs; conn: Connection }> {
  const mem = new MemFs();
  const fs = new FaultFs(mem);
  const conn = await open("/db", { fs, limits: LIMITS });
  await conn.admin.createTable({ name: "t", families: [{ name: "f", blockSizeBytes: 512 }, "g"] });
  const table = conn.table("t");
  for (let i = 0; i < ROWS; i++) {
    const put = new Put(rowKey(i)).addColumn("f", "q", `v${i}`, 5n).addColumn("g", "q", `w${i}`, 5n);
    await table.put(put.setDurability(Durability.FSYNC_WAL));
  }
  await conn.admin.flush("t");
  // Unflushed, FSYNC-acknowledged writes must survive too: the split's close flushes them.
  for (let i = 0; i < ROWS; i += 7) await table.put(new Put(rowKey(i)).addColumn("g", "late", "x", 6n).setDurability(Durability.FSYNC_WAL));
  return { mem, fs, conn };
}

async function checkRecovered(mem: MemFs): Promise<number> {
  const conn = await open("/db", { fs: mem, limits: LIMITS });
  try {
    const regions = await conn.admin.getRegions("t");
    // The regions tile the key space: parent alone, or both daughters.
    expect(regions.length === 1 || regions.length === 2).toBe(true);
    expect(toUtf8(regions[0].startKey)).toBe("");
    expect(toUtf8(regions.at(-1)!.endKey)).toBe("");
    for (let i = 1; i < regions.length; i++) expect(toUtf8(regions[i].startKey)).toBe(toUtf8(regions[i - 1].endKey));
    const table = conn.table("t");
    let rows = 0;
    for await (const r of table.scan(new Scan())) {
      const i = Number(toUtf8(r.row!).slice(4));
      expect(toUtf8(r.getValue("f", "q")!)).toBe(`v${i}`);
      expect(toUtf8(r.getValue("g", "q")!)).toBe(`w${i}`);
      expect(r.getValue("g", "late") !== undefined).toBe(i % 7 === 0);
      rows++;
    }
    expect(rows).toBe(ROWS);
    expect(toUtf8((await table.get(new Get(rowKey(ROWS - 1)))).getValue("f", "q")!)).toBe(`v${ROWS - 1}`);
    return regions.length;
  } finally {
    await conn.close();
  }
}

describe("Catalog.splitRegion under crashes", () => {
  test("a crash at any fs op of a split leaves the parent or both daughters, with every row", async () => {
    // Count the split's ops once, on a store that does not crash.
    const probe = await loadedStore();
    const start = probe.fs.opCount;
    await probe.conn.admin.split("t", toBytes(rowKey(60)));
    const splitOps = probe.fs.opCount - start;
    await probe.conn.close();
    expect(splitOps).toBeGreaterThan(10);

    const outcomes = { parent: 0, daughters: 0 };
    for (let k = 0; k < splitOps; k++) {
      const { mem, fs, conn } = await loadedStore();
      fs.failAt(fs.opCount + k, "EIO", "persistent");
      await conn.admin.split("t", toBytes(rowKey(60))).catch(() => {});
      mem.crash("clean");
      const regions = await checkRecovered(mem);
      outcomes[regions === 1 ? "parent" : "daughters"]++;
    }
    console.log(`split crash points: ${splitOps} (recovered to parent ${outcomes.parent}, to daughters ${outcomes.daughters})`);
    expect(outcomes.parent).toBeGreaterThan(0);
    expect(outcomes.daughters).toBeGreaterThan(0);
  }, 120_000);
});
