// Automatic splits: a region whose largest store passes regionSplitSizeBytes splits at its
// midkey in the background, repeatedly, while writers and scanners keep going (issue 3).

import { describe, expect, test } from "bun:test";
import { Put, Scan, open, toUtf8 } from "../../../src/index.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";

const rowKey = (i: number) => `row-${String(i).padStart(5, "0")}`;

describe("automatic region splits", () => {
  test("a growing table splits into many regions and keeps every row exactly once", async () => {
    const dir = await makeTempDir();
    const limits = { memstoreFlushSizeBytes: 8 * 1024, regionSplitSizeBytes: 24 * 1024, compactionChoreIntervalMs: 3_600_000 };
    try {
      let conn = await open(dir.path, { limits });
      await conn.admin.createTable({ name: "t", families: [{ name: "f", blockSizeBytes: 512 }] });
      const table = conn.table("t");
      const N = 3000;
      const order = Array.from({ length: N }, (_, i) => (i * 7919) % N);
      let scans = 0;
      for (let start = 0; start < N; start += 100) {
        await Promise.all(order.slice(start, start + 100).map((i) => table.put(new Put(rowKey(i)).addColumn("f", "q", `v${i}`))));
        // Scans while splits happen never see a row twice and never go backwards.
        let last = "";
        for await (const r of table.scan(new Scan().setCaching(7))) {
          const row = toUtf8(r.row!);
          expect(row > last).toBe(true);
          last = row;
        }
        scans++;
      }
      await conn.close();
      conn = await open(dir.path, { limits });
      const regions = await conn.admin.getRegions("t");
      console.log(`auto split: ${regions.length} regions after ${N} rows, ${scans} scans during the load`);
      expect(regions.length).toBeGreaterThan(3);
      for (let i = 1; i < regions.length; i++) expect(regions[i].startKey).toEqual(regions[i - 1].endKey);
      const rows: string[] = [];
      for await (const r of conn.table("t").scan(new Scan())) rows.push(toUtf8(r.row!));
      expect(rows).toEqual(Array.from({ length: N }, (_, i) => rowKey(i)));
      const reversed: string[] = [];
      for await (const r of conn.table("t").scan(new Scan().setReversed(true))) reversed.push(toUtf8(r.row!));
      expect(reversed).toEqual([...rows].reverse());
      await conn.close();
    } finally {
      await dir.cleanup();
    }
  }, 120_000);
});
