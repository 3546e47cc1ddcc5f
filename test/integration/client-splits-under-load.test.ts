// The remote client while regions split under it: concurrent writers and scanners run against a
// Shale server whose engine splits the table's regions again and again (the split a master
// procedure or the size policy would make, driven here through the server's own engine so it
// happens mid-traffic). No error reaches a caller, no acknowledged write is lost, and every scan
// returns each row exactly once, in order, forward and reversed.

import { afterAll, beforeAll, expect, test } from "bun:test";
import { connect, type RemoteConnection } from "../../client/index.ts";
import { Put, Scan, toBytes, toUtf8 } from "../../src/index.ts";
import { type RunningServer, startServer } from "../../server/start-server.ts";
import { makeTempDir } from "../helpers/temp-dir.ts";
import { SeededRandom, testSeed } from "../helpers/seeded-random.ts";

const WRITERS = 8;
const SCANNERS = 3;
const SPLITS = 6;
const TABLE = "under_split";
const rowKey = (n: number) => `row-${String(n).padStart(6, "0")}`;

let dir: { path: string; cleanup: () => Promise<void> };
let server: RunningServer;
let conn: RemoteConnection;

beforeAll(async () => {
  dir = await makeTempDir("shale-client-split-");
  server = await startServer({ dataDir: dir.path, ports: { zookeeper: 0, master: 0, regionServer: 0 } });
  conn = await connect({ zookeeperQuorum: server.quorum, pauseMs: 5, retriesMax: 30, operationTimeoutMs: 30_000 });
  await conn.admin.createTable({ name: TABLE, families: ["f"] });
});

afterAll(async () => {
  await conn?.close();
  await server?.close();
  await dir?.cleanup();
});

/** Rows of a full scan; fails the test if a row repeats or is out of order. */
async function scanRows(reversed: boolean): Promise<string[]> {
  const rows: string[] = [];
  for await (const r of conn.table(TABLE).scan(new Scan().setReversed(reversed).setCaching(7))) rows.push(toUtf8(r.row!));
  const sorted = [...rows].sort();
  if (reversed) sorted.reverse();
  expect(rows).toEqual(sorted);
  expect(new Set(rows).size).toBe(rows.length);
  return rows;
}

test("writers and scanners see no error and lose no acknowledged row while regions split", async () => {
  const seed = testSeed();
  const random = new SeededRandom(seed);
  const table = conn.table(TABLE);
  const acked = new Set<string>();
  const errors: unknown[] = [];
  let stop = false;
  let next = 0;
  const writer = async () => {
    while (!stop) {
      const row = rowKey(next++);
      try {
        await table.put(new Put(row).addColumn("f", "q", row));
        acked.add(row);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  const scanner = async (k: number) => {
    let passes = 0;
    while (!stop) {
      const before = new Set(acked);
      try {
        const rows = new Set(await scanRows((passes++ + k) % 2 === 1));
        for (const row of before) if (!rows.has(row)) errors.push(new Error(`scan missed acknowledged row ${row}`));
      } catch (error) {
        errors.push(error);
      }
    }
  };
  const running = [...Array.from({ length: WRITERS }, writer), ...Array.from({ length: SCANNERS }, (_, k) => scanner(k))];
  const admin = server.context.engine.connection.admin;
  for (let i = 0; i < SPLITS; i++) {
    await new Promise((r) => setTimeout(r, 60));
    const regions = await admin.getRegions(TABLE);
    const target = regions[random.int(regions.length)];
    const inside = [...acked].filter((r) => r > toUtf8(target.startKey) && (target.endKey.length === 0 || r < toUtf8(target.endKey))).sort();
    if (inside.length < 3) continue;
    await admin.split(TABLE, toBytes(inside[inside.length >> 1]));
    await admin.majorCompact(TABLE); // daughters drop their references so they can split again
  }
  stop = true;
  await Promise.all(running);
  if (errors.length > 0) console.error(`seed ${seed}: first error`, errors[0]);
  expect(errors).toEqual([]);
  expect((await admin.getRegions(TABLE)).length).toBeGreaterThan(1);
  const rows = new Set(await scanRows(false));
  for (const row of acked) expect(rows.has(row)).toBe(true);
  expect(await scanRows(true)).toEqual([...rows].reverse());
}, 60_000);
