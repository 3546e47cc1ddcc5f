// Scan heartbeats, cursors and mid-row partial Results over loopback (data-semantics.md §3.4),
// driven by the test RPC client: a client that announces client_handles_heartbeats gets responses
// cut by the time limit with heartbeat_message and, when the scan asked, a cursor; a client that
// handles partials gets rows cut mid-row under max_result_size, flagged partial; one that does not
// gets whole rows.

import { afterAll, beforeAll, expect, test } from "bun:test";
import * as C from "../../proto/gen/hbase/client_pb.ts";
import * as M from "../../proto/gen/hbase/master_pb.ts";
import { RegionSpecifier_RegionSpecifierType } from "../../proto/gen/hbase/hbase_pb.ts";
import { toBytes, toUtf8 } from "../../src/util/bytes.ts";
import { makeCell } from "../../src/cell/cell.ts";
import { CellType } from "../../src/cell/cell-type.ts";
import { startServer, type RunningServer } from "../../server/start-server.ts";
import { makeTempDir } from "../helpers/temp-dir.ts";
import { RpcTestClient } from "../server/helpers/rpc-test-client.ts";

const TABLE = "hb_t";
const ROWS = 20;
const WIDE_CELLS = 50;
let server: RunningServer;
let cleanup: () => Promise<void>;
let master: RpcTestClient;
let client: RpcTestClient;
let regionName: Uint8Array;

beforeAll(async () => {
  const dir = await makeTempDir("shale-heartbeat-");
  cleanup = dir.cleanup;
  // A zero time limit: every call that read a row answers as soon as it checks the clock.
  server = await startServer({ dataDir: dir.path, ports: { zookeeper: 0, master: 0, regionServer: 0 }, rpcLimits: { scanTimeLimitMinMs: 0, scanTimeLimitMaxMs: 0 } });
  master = await RpcTestClient.open(server.ports.master, "MasterService");
  client = await RpcTestClient.open(server.ports.regionServer, "ClientService");
  await master.call("CreateTable", M.CreateTableRequestSchema, {
    tableSchema: { tableName: { namespace: toBytes("default"), qualifier: toBytes(TABLE) }, columnFamilies: [{ name: toBytes("cf") }] },
  }, M.CreateTableResponseSchema);
  const entry = server.context.engine.catalog.entry({ namespace: "default", qualifier: TABLE });
  regionName = entry.regions[0].regionName;
  const put = async (row: string, n: number) => {
    const cells = Array.from({ length: n }, (_, i) => makeCell({ row: toBytes(row), family: toBytes("cf"), qualifier: toBytes(`q${String(i).padStart(3, "0")}`), value: new Uint8Array(100), type: CellType.Put }));
    await client.call("Mutate", C.MutateRequestSchema, { region: spec(), mutation: { row: toBytes(row), mutateType: C.MutationProto_MutationType.PUT, associatedCellCount: cells.length } }, C.MutateResponseSchema, cells);
  };
  for (let i = 0; i < ROWS; i++) await put(`r${String(i).padStart(2, "0")}`, 2);
  await put("wide", WIDE_CELLS);
});

afterAll(async () => {
  master?.close();
  client?.close();
  await server?.close();
  await cleanup?.();
});

function spec() {
  return { type: RegionSpecifier_RegionSpecifierType.REGION_NAME, value: regionName };
}

test("a client handling heartbeats gets time-limited answers flagged heartbeat, with the cursor it asked for, and every row once", async () => {
  const rows: string[] = [];
  let heartbeats = 0;
  const first = await client.call("Scan", C.ScanRequestSchema, {
    region: spec(), scan: { stopRow: toBytes("s"), needCursorResult: true }, numberOfRows: 100, clientHandlesHeartbeats: true, clientHandlesPartials: true,
  }, C.ScanResponseSchema);
  let { response, cells } = first;
  const id = response.scannerId;
  for (let seq = 0n; ; seq++) {
    for (const n of response.cellsPerResult) rows.push(toUtf8(cells.take(n)[0].row));
    if (response.heartbeatMessage) {
      heartbeats++;
      expect(toUtf8(response.cursor!.row)).toBe(rows[rows.length - 1]);
    }
    if (!response.moreResultsInRegion) break;
    ({ response, cells } = await client.call("Scan", C.ScanRequestSchema, { scannerId: id, numberOfRows: 100, nextCallSeq: seq, clientHandlesHeartbeats: true, clientHandlesPartials: true }, C.ScanResponseSchema));
  }
  expect(rows).toEqual(Array.from({ length: ROWS }, (_, i) => `r${String(i).padStart(2, "0")}`));
  expect(heartbeats).toBeGreaterThanOrEqual(ROWS - 1);
});

test("a client not announcing heartbeats gets its rows without heartbeats", async () => {
  const { response } = await client.call("Scan", C.ScanRequestSchema, {
    region: spec(), scan: { stopRow: toBytes("s") }, numberOfRows: 100, closeScanner: true,
  }, C.ScanResponseSchema);
  expect(response.heartbeatMessage).toBe(false);
  expect(response.cellsPerResult.length).toBe(ROWS);
});

async function scanWide(handlesPartials: boolean) {
  const results: { cells: number; partial: boolean }[] = [];
  let { response, cells } = await client.call("Scan", C.ScanRequestSchema, {
    region: spec(), scan: { startRow: toBytes("wide"), maxResultSize: 1000n }, numberOfRows: 100, clientHandlesPartials: handlesPartials,
  }, C.ScanResponseSchema);
  const id = response.scannerId;
  for (let seq = 0n; ; seq++) {
    response.cellsPerResult.forEach((n, i) => {
      cells.take(n);
      results.push({ cells: n, partial: response.partialFlagPerResult[i] });
    });
    if (!response.moreResultsInRegion) break;
    ({ response, cells } = await client.call("Scan", C.ScanRequestSchema, { scannerId: id, numberOfRows: 100, nextCallSeq: seq, clientHandlesPartials: handlesPartials }, C.ScanResponseSchema));
  }
  return results;
}

test("a client handling partials gets a wide row cut mid-row under max_result_size, all but the last piece flagged partial", async () => {
  const results = await scanWide(true);
  expect(results.length).toBeGreaterThan(1);
  expect(results.reduce((a, r) => a + r.cells, 0)).toBe(WIDE_CELLS);
  expect(results.slice(0, -1).every((r) => r.partial)).toBe(true);
  expect(results[results.length - 1].partial).toBe(false);
  expect(Math.max(...results.map((r) => r.cells))).toBeLessThan(WIDE_CELLS);
});

test("a client not handling partials gets the wide row whole however small max_result_size is", async () => {
  const results = await scanWide(false);
  expect(results).toEqual([{ cells: WIDE_CELLS, partial: false }]);
});

// HBase's ClientScanner keeps at most one partial Result per response and only in the last
// position (CompleteScanResultCache); a row cut by size must end the response.
test("a response holding a size-cut row ends with it: a partial Result is only ever last", async () => {
  let { response } = await client.call("Scan", C.ScanRequestSchema, {
    region: spec(), scan: { startRow: toBytes("r18"), maxResultSize: 1000n }, numberOfRows: 100, clientHandlesPartials: true,
  }, C.ScanResponseSchema);
  const id = response.scannerId;
  let total = 0;
  for (let seq = 0n; ; seq++) {
    const flags = response.partialFlagPerResult;
    expect(flags.slice(0, -1).every((p) => !p)).toBe(true);
    total += response.cellsPerResult.reduce((a, n) => a + n, 0);
    if (!response.moreResultsInRegion) break;
    ({ response } = await client.call("Scan", C.ScanRequestSchema, { scannerId: id, numberOfRows: 100, nextCallSeq: seq, clientHandlesPartials: true }, C.ScanResponseSchema));
  }
  expect(total).toBe(2 * 2 + WIDE_CELLS);
});
