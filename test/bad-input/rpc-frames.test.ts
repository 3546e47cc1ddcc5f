// Bad input on the HBase RPC port: the fixed cases (unknown service and method, wrong param types,
// a frame over the size limit, a negative length, an HTTP request, garbage preambles) and seeded
// mutations of valid sessions (preamble, ConnectionHeader and call frames). Each bad input gets an
// exception frame or a closed connection; the server keeps answering other connections and its
// memory stays bounded. SEED replays a run; SHALE_TEST_SCALE multiplies the mutation count.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { connect, type Socket } from "node:net";
import { create, toBinary } from "@bufbuild/protobuf";
import * as C from "../../proto/gen/hbase/client_pb.ts";
import * as M from "../../proto/gen/hbase/master_pb.ts";
import { ConnectionHeaderSchema, RequestHeaderSchema } from "../../proto/gen/hbase/rpc_pb.ts";
import { RegionSpecifier_RegionSpecifierType } from "../../proto/gen/hbase/hbase_pb.ts";
import { encodeCellBlock, KEY_VALUE_CODEC } from "../../proto/wire/cellblock.ts";
import { encodeFrame, encodeLengthPrefixed } from "../../proto/wire/frame.ts";
import { encodePreamble } from "../../proto/wire/preamble.ts";
import { toBytes } from "../../src/util/bytes.ts";
import { makeCell } from "../../src/cell/cell.ts";
import { startServer, type RunningServer } from "../../server/start-server.ts";
import { makeTempDir } from "../helpers/temp-dir.ts";
import { SeededRandom, testScale, testSeed } from "../helpers/seeded-random.ts";
import { RemoteError, RpcTestClient } from "../server/helpers/rpc-test-client.ts";

let server: RunningServer;
let cleanup: () => Promise<void>;
const REGION = { type: RegionSpecifier_RegionSpecifierType.REGION_NAME, value: toBytes("hbase:meta,,1") };

beforeAll(async () => {
  const dir = await makeTempDir("shale-rpc-bad-");
  cleanup = dir.cleanup;
  server = await startServer({ dataDir: dir.path, ports: { zookeeper: 0, master: 0, regionServer: 0 }, rpcLimits: { requestSizeBytesMax: 64 * 1024 } });
});

afterAll(async () => {
  await server?.close();
  await cleanup?.();
});

function hello(service = "ClientService"): Uint8Array[] {
  const header = create(ConnectionHeaderSchema, { userInfo: { effectiveUser: "fuzz" }, serviceName: service, cellBlockCodecClass: KEY_VALUE_CODEC });
  return [encodePreamble(), encodeLengthPrefixed(toBinary(ConnectionHeaderSchema, header))];
}

function call(id: number, method: string, param: Uint8Array, cells?: Uint8Array): Uint8Array {
  const h = create(RequestHeaderSchema, { callId: id, methodName: method, requestParam: true });
  if (cells !== undefined) h.cellBlockMeta = { $typeName: "hbase.pb.CellBlockMeta", length: cells.length };
  return encodeFrame(toBinary(RequestHeaderSchema, h), param, cells);
}

/** Valid calls the mutations start from. */
function seeds(): Uint8Array[] {
  const cell = makeCell({ row: toBytes("r"), family: toBytes("info"), qualifier: toBytes("q"), value: toBytes("v") });
  return [
    call(1, "Get", toBinary(C.GetRequestSchema, create(C.GetRequestSchema, { region: REGION, get: { row: toBytes("t,,1") } }))),
    call(2, "Scan", toBinary(C.ScanRequestSchema, create(C.ScanRequestSchema, { region: REGION, scan: { reversed: true, startRow: toBytes("t,a,9") }, numberOfRows: 5, closeScanner: true }))),
    call(3, "Mutate", toBinary(C.MutateRequestSchema, create(C.MutateRequestSchema, { region: REGION, mutation: { mutateType: C.MutationProto_MutationType.PUT, associatedCellCount: 1 } })), encodeCellBlock([cell])),
    call(4, "Multi", toBinary(C.MultiRequestSchema, create(C.MultiRequestSchema, { regionAction: [{ region: REGION, action: [{ index: 1, get: { row: toBytes("x") } }] }] }))),
  ];
}

/** Sends chunks on a fresh connection; resolves with the bytes answered and whether it closed. */
function exchange(port: number, chunks: Uint8Array[], waitMs = 400): Promise<{ bytes: number; closed: boolean }> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: "127.0.0.1", port });
    let bytes = 0;
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on("connect", () => {
      for (const c of chunks) socket.write(c);
    });
    socket.on("data", (d: Uint8Array) => {
      bytes += d.length;
      setTimeout(() => finish(false), 5);
    });
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
  });
}

function mutate(rng: SeededRandom, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  switch (rng.int(5)) {
    case 0: // flip bytes
      for (let i = 0, n = 1 + rng.int(4); i < n; i++) out[rng.int(out.length)] = rng.int(256);
      return out;
    case 1: // truncate
      return out.subarray(0, rng.int(out.length));
    case 2: // corrupt the length prefix
      new DataView(out.buffer).setInt32(0, rng.int(2) === 0 ? -1 - rng.int(1000) : rng.int(1 << 20));
      return out;
    case 3: // insert garbage
      return new Uint8Array([...out.subarray(0, 4 + rng.int(out.length - 4)), ...rng.bytes(1 + rng.int(16)), ...out.subarray(4)]);
    default: // random bytes after the length
      return new Uint8Array([...out.subarray(0, 4), ...rng.bytes(out.length - 4)]);
  }
}

async function probe(): Promise<void> {
  const c = await RpcTestClient.open(server.ports.regionServer, "ClientService");
  try {
    const { response } = await c.call("Get", C.GetRequestSchema, { region: REGION, get: { row: toBytes("probe") } }, C.GetResponseSchema);
    expect(response.result).toBeDefined();
  } finally {
    c.close();
  }
}

describe("fixed bad inputs", () => {
  test("an unknown service in the header closes the connection", async () => {
    expect((await exchange(server.ports.regionServer, hello("NoSuchService"))).closed).toBe(true);
  });

  test("a param of the wrong message type answers an exception, not a crash", async () => {
    const c = await RpcTestClient.open(server.ports.master, "MasterService");
    try {
      const wrong = toBinary(C.ScanRequestSchema, create(C.ScanRequestSchema, { scannerId: 5n, numberOfRows: 3 }));
      const error = await c.callRaw("CreateTable", wrong).catch((e) => e);
      expect(error).toBeInstanceOf(RemoteError);
      const ok = await c.call("IsMasterRunning", M.IsMasterRunningRequestSchema, {}, M.IsMasterRunningResponseSchema);
      expect(ok.response.isMasterRunning).toBe(true);
    } finally {
      c.close();
    }
  });

  test("a frame over the size limit answers RequestTooBigException with its call id and closes", async () => {
    const c = await RpcTestClient.open(server.ports.regionServer, "ClientService");
    const error = await c.callRaw("Get", new Uint8Array(128 * 1024)).catch((e) => e);
    expect((error as RemoteError).className).toBe("org.apache.hadoop.hbase.exceptions.RequestTooBigException");
    c.close();
  });

  test("a negative length, an HTTP request and garbage preambles close the connection", async () => {
    const neg = new Uint8Array(4);
    new DataView(neg.buffer).setInt32(0, -5);
    for (const chunks of [[...hello(), neg], [toBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n")], [toBytes("HBas\x01\x50")], [toBytes("HBas\x00\x07")]]) {
      expect((await exchange(server.ports.regionServer, chunks, 2_000)).closed).toBe(true);
    }
    await probe();
  });
});

describe("seeded mutations", () => {
  test("mutated preambles, headers and call frames never take the server down", async () => {
    const seed = testSeed();
    const rng = new SeededRandom(seed);
    const total = 10_000 * testScale();
    const valid = seeds();
    const rssBefore = process.memoryUsage().rss;
    let sent = 0;
    let batches = 0;
    let reacted = 0;
    try {
      while (sent < total) {
        // One connection carries a batch of mutated frames after a (sometimes mutated) hello.
        const [preamble, header] = hello();
        const before = rng.int(10) === 0;
        const chunks = before ? [mutate(rng, new Uint8Array([0, 0, 0, 6, ...preamble])).subarray(4), mutate(rng, header)] : [preamble, header];
        const batch = Math.min(1 + rng.int(4), total - sent);
        for (let i = 0; i < batch; i++) chunks.push(rng.int(4) === 0 ? valid[rng.int(valid.length)] : mutate(rng, valid[rng.int(valid.length)]));
        sent += batch + (before ? 2 : 0);
        const outcome = await exchange(rng.int(2) === 0 ? server.ports.regionServer : server.ports.master, chunks, 30);
        // A batch whose mutated length promises more bytes may legitimately leave the server waiting.
        batches++;
        if (outcome.closed || outcome.bytes > 0) reacted++;
        if (batches % 500 === 0) await probe();
      }
      await probe();
      expect(reacted / batches).toBeGreaterThan(0.5);
      const grownMb = (process.memoryUsage().rss - rssBefore) / (1024 * 1024);
      expect(grownMb).toBeLessThan(512);
    } catch (error) {
      console.error(`rpc-frames mutation test failed with SEED=${seed}`);
      throw error;
    }
  }, 300_000);
});
