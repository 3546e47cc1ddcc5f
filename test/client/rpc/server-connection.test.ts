// ServerConnection against a scripted fake server on loopback: injected exceptions come back as
// the typed classes, a slow answer past the call timeout fails only that call, a dropped
// connection fails every call in flight, and a lone call is not held back by the flush interval.

import { afterEach, describe, expect, test } from "bun:test";
import { createServer, type Server, type Socket } from "node:net";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { GetRequestSchema, GetResponseSchema } from "../../../proto/gen/hbase/client_pb.ts";
import { ConnectionHeaderSchema, RequestHeaderSchema, ResponseHeaderSchema } from "../../../proto/gen/hbase/rpc_pb.ts";
import { decodeFrameBody, encodeFrame, FrameReader } from "../../../proto/wire/frame.ts";
import { NotServingRegionError, RegionTooBusyError } from "../../../src/api/errors.ts";
import { ServerConnection } from "../../../client/rpc/server-connection.ts";
import { CallTimeoutError, ConnectionLostError, RemoteError } from "../../../client/rpc/remote-error.ts";

type Reply = { exception: string } | { delayMs: number } | "ok" | "drop";

interface Fake {
  server: Server;
  port: number;
  headers: string[];
}

let fake: Fake | undefined;

/** A server that answers each call per `script(method, row)`. */
async function startFake(script: (row: string) => Reply): Promise<Fake> {
  const headers: string[] = [];
  const server = createServer((socket: Socket) => {
    const reader = new FrameReader(1 << 20);
    let greeted = false;
    socket.on("data", (chunk: Uint8Array) => {
      reader.push(chunk);
      if (!greeted) {
        if (reader.take(6) === undefined) return;
        greeted = true;
        const body = reader.next();
        if (body instanceof Uint8Array) headers.push(fromBinary(ConnectionHeaderSchema, body).serviceName);
      }
      for (let body = reader.next(); body instanceof Uint8Array; body = reader.next()) {
        const parts = decodeFrameBody(body);
        const header = fromBinary(RequestHeaderSchema, parts.header);
        const row = new TextDecoder().decode(fromBinary(GetRequestSchema, parts.message!).get!.row);
        const reply = script(row);
        if (reply === "drop") return void socket.destroy();
        const respond = () => {
          const h = create(ResponseHeaderSchema, { callId: header.callId });
          if (typeof reply === "object" && "exception" in reply) {
            h.exception = { $typeName: "hbase.pb.ExceptionResponse", exceptionClassName: reply.exception, stackTrace: `${reply.exception}: injected`, hostname: "", port: 0, doNotRetry: false, serverOverloaded: false };
            socket.write(encodeFrame(toBinary(ResponseHeaderSchema, h), undefined));
          } else {
            socket.write(encodeFrame(toBinary(ResponseHeaderSchema, h), toBinary(GetResponseSchema, create(GetResponseSchema, {}))));
          }
        };
        if (typeof reply === "object" && "delayMs" in reply) setTimeout(respond, reply.delayMs);
        else respond();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as { port: number }).port, headers };
}

async function open(port: number, flushIntervalMs = 0): Promise<ServerConnection> {
  return ServerConnection.open({ host: "127.0.0.1", port, service: "ClientService", user: "t", connectTimeoutMs: 1000, queueSizeMax: 100, flushIntervalMs, responseSizeBytesMax: 1 << 20 });
}

function get(conn: ServerConnection, row: string, timeoutMs = 2000) {
  const message = create(GetRequestSchema, { region: { type: 1, value: new Uint8Array(1) }, get: { row: new TextEncoder().encode(row) } });
  return conn.call("Get", { schema: GetRequestSchema, message }, GetResponseSchema, { timeoutMs });
}

afterEach(() => {
  fake?.server.close();
  fake = undefined;
});

describe("ServerConnection", () => {
  test("announces its service and answers calls in any order by call id", async () => {
    fake = await startFake((row) => (row === "slow" ? { delayMs: 50 } : "ok"));
    const conn = await open(fake.port);
    const order: string[] = [];
    await Promise.all([get(conn, "slow").then(() => order.push("slow")), get(conn, "fast").then(() => order.push("fast"))]);
    expect(order).toEqual(["fast", "slow"]);
    expect(fake.headers).toEqual(["ClientService"]);
    conn.close();
  });

  test("injected RegionTooBusy and NotServingRegion come back as their typed classes", async () => {
    fake = await startFake((row) => ({ exception: row }));
    const conn = await open(fake.port);
    await expect(get(conn, "org.apache.hadoop.hbase.RegionTooBusyException")).rejects.toBeInstanceOf(RegionTooBusyError);
    await expect(get(conn, "org.apache.hadoop.hbase.NotServingRegionException")).rejects.toBeInstanceOf(NotServingRegionError);
    const unknown = await get(conn, "org.example.Strange").catch((e) => e);
    expect(unknown).toBeInstanceOf(RemoteError);
    expect(unknown.javaClass).toBe("org.example.Strange");
    expect(unknown.message).toBe("injected");
    conn.close();
  });

  test("a response slower than the call timeout fails that call only; the connection stays usable", async () => {
    fake = await startFake((row) => (row === "slow" ? { delayMs: 200 } : "ok"));
    const conn = await open(fake.port);
    await expect(get(conn, "slow", 30)).rejects.toBeInstanceOf(CallTimeoutError);
    await new Promise((r) => setTimeout(r, 250)); // the late answer arrives and is skipped
    await get(conn, "fine");
    expect(conn.isClosed).toBe(false);
    conn.close();
  });

  test("a dropped connection fails every call in flight with ConnectionLostError and reports it", async () => {
    fake = await startFake((row) => (row === "drop" ? "drop" : { delayMs: 500 }));
    const conn = await open(fake.port);
    let reported: { hadCalls: boolean } | undefined;
    conn.onClose((_e, hadCalls) => (reported = { hadCalls }));
    const waiting = get(conn, "waits").catch((e) => e);
    const dropped = get(conn, "drop").catch((e) => e);
    expect(await waiting).toBeInstanceOf(ConnectionLostError);
    expect(await dropped).toBeInstanceOf(ConnectionLostError);
    expect(reported).toEqual({ hadCalls: true });
  });

  test("a lone call on an idle connection does not wait for the flush interval", async () => {
    fake = await startFake(() => "ok");
    const conn = await open(fake.port, 5_000);
    const started = Date.now();
    await get(conn, "alone");
    expect(Date.now() - started).toBeLessThan(1_000);
    conn.close();
  });
});
