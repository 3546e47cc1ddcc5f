// The standalone server over loopback, driven by the test RPC client: DDL through MasterService,
// data through ClientService (cellblock and inline forms), hbase:meta lookups as clients do them,
// scanner leases and sequence numbers, the registry preamble and ClientMetaService, and the
// exceptions clients act on.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import * as C from "../../proto/gen/hbase/client_pb.ts";
import * as M from "../../proto/gen/hbase/master_pb.ts";
import * as R from "../../proto/gen/hbase/registry_pb.ts";
import {
  RegionInfoSchema, RegionSpecifier_RegionSpecifierType, TableState_State, TableStateSchema,
} from "../../proto/gen/hbase/hbase_pb.ts";
import { fromBinary } from "@bufbuild/protobuf";
import { connect } from "node:net";
import { decodeFrameBody, FrameReader } from "../../proto/wire/frame.ts";
import { ResponseHeaderSchema } from "../../proto/gen/hbase/rpc_pb.ts";
import { toBytes, toUtf8 } from "../../src/util/bytes.ts";
import { makeCell } from "../../src/cell/cell.ts";
import { CellType } from "../../src/cell/cell-type.ts";
import { startServer, type RunningServer } from "../../server/start-server.ts";
import { makeTempDir } from "../helpers/temp-dir.ts";
import { RemoteError, RpcTestClient } from "../server/helpers/rpc-test-client.ts";

let server: RunningServer;
let cleanup: () => Promise<void>;
let master: RpcTestClient;
let client: RpcTestClient;

const META = { type: RegionSpecifier_RegionSpecifierType.REGION_NAME, value: toBytes("hbase:meta,,1") };
const TABLE = "wire_t";

beforeAll(async () => {
  const dir = await makeTempDir("shale-wire-");
  cleanup = dir.cleanup;
  server = await startServer({ dataDir: dir.path, ports: { zookeeper: 0, master: 0, regionServer: 0 }, rpcLimits: { scannerLeaseMs: 300 } });
  master = await RpcTestClient.open(server.ports.master, "MasterService");
  client = await RpcTestClient.open(server.ports.regionServer, "ClientService");
  const { response } = await master.call("CreateTable", M.CreateTableRequestSchema, {
    tableSchema: {
      tableName: { namespace: toBytes("default"), qualifier: toBytes(TABLE) },
      columnFamilies: [{ name: toBytes("cf"), attributes: [{ first: toBytes("VERSIONS"), second: toBytes("3") }] }],
    },
    splitKeys: [toBytes("m")],
  }, M.CreateTableResponseSchema);
  expect(response.procId > 0n).toBe(true);
});

afterAll(async () => {
  master?.close();
  client?.close();
  await server?.close();
  await cleanup?.();
});

/** Reverse meta lookup as Java 2.x does it: start "t,row,99999999999999", inclusive stop "t,,". */
async function locate(row: string) {
  const { response, cells } = await client.call("Scan", C.ScanRequestSchema, {
    region: META,
    scan: { column: [{ family: toBytes("info") }], startRow: toBytes(`${TABLE},${row},99999999999999`), stopRow: toBytes(`${TABLE},,`), includeStopRow: true, reversed: true },
    numberOfRows: 1,
    closeScanner: true,
  }, C.ScanResponseSchema);
  expect(response.cellsPerResult.length).toBe(1);
  const rowCells = cells.take(response.cellsPerResult[0]);
  const info = rowCells.find((c) => toUtf8(c.qualifier) === "regioninfo")!;
  expect(toUtf8(info.value.subarray(0, 4))).toBe("PBUF");
  const regionInfo = fromBinary(RegionInfoSchema, info.value.subarray(4));
  expect(rowCells.some((c) => toUtf8(c.qualifier) === "serverstartcode" && c.value.length === 8)).toBe(true);
  return { name: rowCells[0].row, regionInfo, server: toUtf8(rowCells.find((c) => toUtf8(c.qualifier) === "server")!.value) };
}

function region(name: Uint8Array) {
  return { type: RegionSpecifier_RegionSpecifierType.REGION_NAME, value: name };
}

describe("hbase:meta", () => {
  test("a reverse scan finds the region holding a row, with the server clients dial", async () => {
    const low = await locate("a");
    const high = await locate("z");
    expect(toUtf8(low.regionInfo.endKey)).toBe("m");
    expect(toUtf8(high.regionInfo.startKey)).toBe("m");
    expect(low.server).toBe(`127.0.0.1:${server.ports.regionServer}`);
    expect(toUtf8(high.name).startsWith(`${TABLE},m,`)).toBe(true);
  });

  test("the table:state row says ENABLED", async () => {
    const { response, cells } = await client.call("Get", C.GetRequestSchema, {
      region: META, get: { row: toBytes(TABLE), column: [{ family: toBytes("table"), qualifier: [toBytes("state")] }] },
    }, C.GetResponseSchema);
    const [cell] = cells.take(response.result!.associatedCellCount);
    expect(fromBinary(TableStateSchema, cell.value).state).toBe(TableState_State.ENABLED);
  });
});

describe("ClientService", () => {
  test("a put through a cellblock is read back by Get, inline on a connection without a codec", async () => {
    const { name } = await locate("k1");
    const cell = makeCell({ row: toBytes("k1"), family: toBytes("cf"), qualifier: toBytes("q"), value: toBytes("v1"), type: CellType.Put });
    const put = await client.call("Mutate", C.MutateRequestSchema, {
      region: region(name), mutation: { mutateType: C.MutationProto_MutationType.PUT, associatedCellCount: 1 },
    }, C.MutateResponseSchema, [cell]);
    expect(put.response.processed).toBe(true);
    const plain = await RpcTestClient.open(server.ports.regionServer, "ClientService", { codec: false });
    try {
      const got = await plain.call("Get", C.GetRequestSchema, { region: region(name), get: { row: toBytes("k1") } }, C.GetResponseSchema);
      expect(got.response.result!.cell.map((c) => toUtf8(c.value))).toEqual(["v1"]);
      expect(got.cells.remaining).toBe(0);
    } finally {
      plain.close();
    }
  });

  test("increment with a nonce applies once when retried", async () => {
    const { name } = await locate("cnt");
    const req = {
      region: region(name),
      mutation: {
        row: toBytes("cnt"), mutateType: C.MutationProto_MutationType.INCREMENT, nonce: 77n,
        columnValue: [{ family: toBytes("cf"), qualifierValue: [{ qualifier: toBytes("n"), value: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 5]) }] }],
      },
      nonceGroup: 9n,
    };
    await client.call("Mutate", C.MutateRequestSchema, req, C.MutateResponseSchema);
    const again = await client.call("Mutate", C.MutateRequestSchema, req, C.MutateResponseSchema);
    const [cell] = again.cells.take(again.response.result!.associatedCellCount);
    expect(cell.value).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 5]));
  });

  test("a scan returns rows in cellblocks with both per-result arrays and always says more_results_in_region", async () => {
    const { name } = await locate("r");
    const cells = Array.from({ length: 5 }, (_, i) => makeCell({ row: toBytes(`r${i}`), family: toBytes("cf"), qualifier: toBytes("q"), value: toBytes(`v${i}`) }));
    const multi = await client.call("Multi", C.MultiRequestSchema, {
      regionAction: [{ region: region(name), action: cells.map((c, i) => ({ index: i + 1, mutation: { mutateType: C.MutationProto_MutationType.PUT, associatedCellCount: 1, row: c.row } })) }],
    }, C.MultiResponseSchema, cells);
    expect(multi.response.regionActionResult[0].resultOrException.map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
    const open = await client.call("Scan", C.ScanRequestSchema, {
      region: region(name), scan: { startRow: toBytes("r"), stopRow: toBytes("s") }, numberOfRows: 2,
    }, C.ScanResponseSchema);
    expect(open.response.cellsPerResult).toEqual([1, 1]);
    expect(open.response.partialFlagPerResult).toEqual([false, false]);
    expect(open.response.moreResultsInRegion).toBe(true);
    const id = open.response.scannerId;
    const next = await client.call("Scan", C.ScanRequestSchema, { scannerId: id, numberOfRows: 10, nextCallSeq: 0n }, C.ScanResponseSchema);
    expect(next.response.cellsPerResult.length).toBe(3);
    expect(next.response.moreResultsInRegion).toBe(false);
    const closed = await client.call("Scan", C.ScanRequestSchema, { scannerId: id, closeScanner: true, numberOfRows: 0 }, C.ScanResponseSchema);
    expect(closed.response.scannerId).toBe(id);
  });

  test("a wrong next_call_seq answers OutOfOrderScannerNextException", async () => {
    const { name } = await locate("r");
    const open = await client.call("Scan", C.ScanRequestSchema, { region: region(name), scan: {}, numberOfRows: 1 }, C.ScanResponseSchema);
    const error = await client.call("Scan", C.ScanRequestSchema, { scannerId: open.response.scannerId, numberOfRows: 1, nextCallSeq: 5n }, C.ScanResponseSchema).catch((e) => e);
    expect((error as RemoteError).className).toBe("org.apache.hadoop.hbase.exceptions.OutOfOrderScannerNextException");
  });

  test("an expired scanner lease answers UnknownScannerException", async () => {
    const { name } = await locate("r");
    const open = await client.call("Scan", C.ScanRequestSchema, { region: region(name), scan: {}, numberOfRows: 1 }, C.ScanResponseSchema);
    await new Promise((resolve) => setTimeout(resolve, 600)); // the test server's lease is 300 ms
    const error = await client.call("Scan", C.ScanRequestSchema, { scannerId: open.response.scannerId, numberOfRows: 1 }, C.ScanResponseSchema).catch((e) => e);
    expect((error as RemoteError).className).toBe("org.apache.hadoop.hbase.UnknownScannerException");
  });

  test("an unknown region answers NotServingRegionException, a missing family NoSuchColumnFamilyException", async () => {
    const nsr = await client.call("Get", C.GetRequestSchema, { region: region(toBytes("nope,,1.00000000000000000000000000000000.")), get: { row: toBytes("a") } }, C.GetResponseSchema).catch((e) => e);
    expect((nsr as RemoteError).className).toBe("org.apache.hadoop.hbase.NotServingRegionException");
    const { name } = await locate("a");
    const fam = await client.call("Get", C.GetRequestSchema, { region: region(name), get: { row: toBytes("a"), column: [{ family: toBytes("zz") }] } }, C.GetResponseSchema).catch((e) => e);
    expect((fam as RemoteError).className).toBe("org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException");
  });

  test("an unknown method answers DoNotRetryIOException naming UnsupportedOperationException", async () => {
    const error = await client.callRaw("NoSuchMethod", new Uint8Array(0)).catch((e) => e);
    expect((error as RemoteError).className).toBe("org.apache.hadoop.hbase.DoNotRetryIOException");
    expect((error as RemoteError).stackTrace).toContain("java.lang.UnsupportedOperationException: NoSuchMethod");
  });
});

describe("MasterService and the registry", () => {
  test("getProcedureResult answers FINISHED and DDL preconditions throw from the RPC", async () => {
    const r = await master.call("getProcedureResult", M.GetProcedureResultRequestSchema, { procId: 1n }, M.GetProcedureResultResponseSchema);
    expect(r.response.state).toBe(M.GetProcedureResultResponse_State.FINISHED);
    const error = await master.call("DisableTable", M.DisableTableRequestSchema, { tableName: { namespace: toBytes("default"), qualifier: toBytes("absent") } }, M.DisableTableResponseSchema).catch((e) => e);
    expect((error as RemoteError).className).toBe("org.apache.hadoop.hbase.TableNotFoundException");
  });

  test("GetTableNames applies a Java-style full-match regex; an empty regex matches nothing", async () => {
    const all = await master.call("GetTableNames", M.GetTableNamesRequestSchema, { regex: "wire_.*", namespace: "" }, M.GetTableNamesResponseSchema);
    expect(all.response.tableNames.map((t) => toUtf8(t.qualifier))).toEqual([TABLE]);
    const none = await master.call("GetTableNames", M.GetTableNamesRequestSchema, { regex: "" }, M.GetTableNamesResponseSchema);
    expect(none.response.tableNames).toEqual([]);
  });

  test("ClientMetaService names this server and the Regist preamble returns the cluster id", async () => {
    const meta = await RpcTestClient.open(server.ports.master, "ClientMetaService");
    try {
      const locs = await meta.call("GetMetaRegionLocations", R.GetMetaRegionLocationsRequestSchema, {}, R.GetMetaRegionLocationsResponseSchema);
      expect(locs.response.metaLocations[0].serverName?.port).toBe(server.ports.regionServer);
    } finally {
      meta.close();
    }
    const reply = await rawExchange(server.ports.master, toBytes("Regist"));
    const parts = decodeFrameBody(reply);
    expect(fromBinary(ResponseHeaderSchema, parts.header).callId).toBe(0xffffffff);
    expect(fromBinary(R.GetConnectionRegistryResponseSchema, parts.message!).clusterId).toBe(server.clusterId);
  });

  test("a bad magic answers FatalConnectionException and closes", async () => {
    const reply = await rawExchange(server.ports.regionServer, toBytes("XXXX\x00\x50"));
    const header = fromBinary(ResponseHeaderSchema, decodeFrameBody(reply).header);
    expect(header.exception?.exceptionClassName).toBe("org.apache.hadoop.hbase.ipc.FatalConnectionException");
    expect(header.exception?.stackTrace).toContain("Expected HEADER=HBas but received HEADER=XXXX");
  });
});

/** Sends raw bytes on a fresh connection and returns the first frame body the server answers. */
function rawExchange(port: number, bytes: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FrameReader(1 << 20);
    const s = connect(port, "127.0.0.1", () => s.write(bytes));
    s.on("data", (chunk: Uint8Array) => {
      reader.push(chunk);
      const body = reader.next();
      if (body instanceof Uint8Array) {
        s.destroy();
        resolve(body);
      }
    });
    s.on("error", reject);
    s.on("close", () => reject(new Error("closed without an answer")));
  });
}

