// One TCP connection to an HBase RPC server for one service (hbase-rpc.md §3-§4): the greeting
// (preamble "HBas",0,SIMPLE and a ConnectionHeader announcing KeyValueCodec), call ids, a pending
// map matching responses by id in any order, and a send queue. The queue is written when it holds
// queueSizeMax frames, after flushIntervalMs while other calls are in flight, and at once (next
// microtask) when the connection is idle, so a lone call never waits the interval.

import { connect as tcpConnect, type Socket } from "node:net";
import { create, type DescMessage, fromBinary, type MessageShape, toBinary } from "@bufbuild/protobuf";
import { ConnectionHeaderSchema, RequestHeaderSchema, ResponseHeaderSchema } from "../../proto/gen/hbase/rpc_pb.ts";
import { VersionInfoSchema } from "../../proto/gen/hbase/hbase_pb.ts";
import { decodeFrameBody, encodeFrame, encodeLengthPrefixed, FrameReader } from "../../proto/wire/frame.ts";
import { encodePreamble } from "../../proto/wire/preamble.ts";
import { KEY_VALUE_CODEC } from "../../proto/wire/cellblock.ts";
import { assert } from "../../src/util/assert.ts";
import { concatBytes } from "../../src/util/bytes.ts";
import type { ShaleError } from "../../src/api/errors.ts";
import { CallTimeoutError, ConnectionLostError, ServerUnreachableError, toRemoteError } from "./remote-error.ts";

/** Call ids run 0 .. 2^31-1 and wrap, as Java's do. */
const CALL_ID_MAX = 0x7fffffff;
/** call_id -1 as the uint32 it travels as: a connection-level answer. */
const CONNECTION_CALL_ID = 0xffffffff;
const EMPTY = new Uint8Array(0);

export interface ServerConnectionOptions {
  host: string;
  port: number;
  /** ConnectionHeader.service_name: ClientService, AdminService, MasterService, ClientMetaService. */
  service: string;
  user: string;
  connectTimeoutMs: number;
  queueSizeMax: number;
  flushIntervalMs: number;
  responseSizeBytesMax: number;
}

export interface CallOptions {
  timeoutMs: number;
  /** Request cellblock (KeyValueCodec cells), sent as the frame's tail. */
  cellBlock?: Uint8Array;
}

/** A decoded response and the raw response cellblock (empty when none). */
export interface CallReply<T> {
  response: T;
  cellBlock: Uint8Array;
}

interface PendingCall {
  resolve: (reply: { message: Uint8Array; cellBlock: Uint8Array }) => void;
  reject: (error: ShaleError) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class ServerConnection {
  readonly host: string;
  readonly port: number;
  readonly service: string;
  readonly #options: ServerConnectionOptions;
  readonly #socket: Socket;
  readonly #reader: FrameReader;
  readonly #pending = new Map<number, PendingCall>();
  #outbox: Uint8Array[] = [];
  #flushScheduled = false;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #nextCallId = 0;
  #closedBy: ShaleError | undefined;
  #onClose: ((error: ShaleError, hadCalls: boolean) => void) | undefined;

  private constructor(options: ServerConnectionOptions, socket: Socket) {
    this.#options = options;
    this.host = options.host;
    this.port = options.port;
    this.service = options.service;
    this.#socket = socket;
    this.#reader = new FrameReader(options.responseSizeBytesMax);
    socket.on("data", (chunk: Uint8Array) => this.#onData(chunk));
    socket.on("error", (e) => this.close(new ConnectionLostError(`Connection to ${this.#where()} failed: ${e.message}`, { cause: e })));
    socket.on("close", () => this.close(new ConnectionLostError(`Connection to ${this.#where()} closed by the server`)));
  }

  /** Connects and greets; rejects with ServerUnreachableError when the server does not answer in time. */
  static async open(options: ServerConnectionOptions): Promise<ServerConnection> {
    const socket = await connectSocket(options);
    const conn = new ServerConnection(options, socket);
    socket.write(concatBytes([encodePreamble(), encodeLengthPrefixed(connectionHeader(options))]));
    return conn;
  }

  get isClosed(): boolean {
    return this.#closedBy !== undefined;
  }

  get callsInFlight(): number {
    return this.#pending.size;
  }

  /** Registers the one close listener (the pool); called once, with whether calls were lost. */
  onClose(listener: (error: ShaleError, hadCalls: boolean) => void): void {
    this.#onClose = listener;
  }

  /** Sends one call; resolves with its response, rejects with the typed remote or connection error. */
  async call<I extends DescMessage, O extends DescMessage>(
    method: string, request: { schema: I; message: MessageShape<I> }, responseSchema: O, options: CallOptions,
  ): Promise<CallReply<MessageShape<O>>> {
    const reply = await this.#send(method, toBinary(request.schema, request.message), options);
    return { response: fromBinary(responseSchema, reply.message), cellBlock: reply.cellBlock };
  }

  #send(method: string, param: Uint8Array, options: CallOptions): Promise<{ message: Uint8Array; cellBlock: Uint8Array }> {
    if (this.#closedBy !== undefined) return Promise.reject(this.#closedBy);
    const callId = this.#nextCallId;
    this.#nextCallId = callId >= CALL_ID_MAX ? 0 : callId + 1;
    const header = create(RequestHeaderSchema, { callId, methodName: method, requestParam: true, timeout: options.timeoutMs });
    const cells = options.cellBlock;
    if (cells !== undefined && cells.length > 0) header.cellBlockMeta = { $typeName: "hbase.pb.CellBlockMeta", length: cells.length };
    const frame = encodeFrame(toBinary(RequestHeaderSchema, header), param, cells);
    return new Promise((resolve, reject) => {
      const pending: PendingCall = { resolve, reject, timer: undefined };
      if (options.timeoutMs > 0) {
        pending.timer = setTimeout(() => this.#expire(callId, method, options.timeoutMs), options.timeoutMs);
      }
      this.#pending.set(callId, pending);
      this.#enqueue(frame);
    });
  }

  #expire(callId: number, method: string, timeoutMs: number): void {
    const pending = this.#pending.get(callId);
    if (pending === undefined) return;
    this.#pending.delete(callId);
    // A late answer for this id is skipped, as Java does; the connection stays usable.
    pending.reject(new CallTimeoutError(`Call id=${callId} ${method} to ${this.#where()} timed out after ${timeoutMs} ms`));
  }

  #enqueue(frame: Uint8Array): void {
    this.#outbox.push(frame);
    if (this.#outbox.length >= this.#options.queueSizeMax) return this.flush();
    const busy = this.#pending.size > this.#outbox.length;
    if (busy && this.#options.flushIntervalMs > 0) {
      this.#flushTimer ??= setTimeout(() => this.flush(), this.#options.flushIntervalMs);
      return;
    }
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Writes every queued frame in one socket write. */
  flush(): void {
    this.#flushScheduled = false;
    if (this.#flushTimer !== undefined) clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const frames = this.#outbox;
    if (frames.length === 0 || this.#closedBy !== undefined) return;
    this.#outbox = [];
    this.#socket.write(frames.length === 1 ? frames[0] : concatBytes(frames));
  }

  #onData(chunk: Uint8Array): void {
    this.#reader.push(chunk);
    for (;;) {
      if (this.#closedBy !== undefined) return;
      const body = this.#reader.next();
      if (body === undefined) return;
      if (!(body instanceof Uint8Array)) {
        return this.close(new ConnectionLostError(`Response frame of ${body.oversize} bytes from ${this.#where()} is out of bounds`));
      }
      try {
        this.#onResponse(body);
      } catch (error) {
        return this.close(new ConnectionLostError(`Malformed response from ${this.#where()}: ${(error as Error).message}`, { cause: error }));
      }
    }
  }

  #onResponse(body: Uint8Array): void {
    const parts = decodeFrameBody(body);
    const header = fromBinary(ResponseHeaderSchema, parts.header);
    const exception = header.exception;
    if (header.callId === CONNECTION_CALL_ID) {
      const className = exception?.exceptionClassName ?? "org.apache.hadoop.hbase.ipc.FatalConnectionException";
      this.close(toRemoteError({ className, stackTrace: exception?.stackTrace ?? "", doNotRetry: true }));
      return;
    }
    const pending = this.#pending.get(header.callId);
    if (pending === undefined) return; // timed out earlier: skipped, as Java does
    this.#pending.delete(header.callId);
    if (pending.timer !== undefined) clearTimeout(pending.timer);
    if (exception !== undefined) {
      pending.reject(toRemoteError({
        className: exception.exceptionClassName, stackTrace: exception.stackTrace, doNotRetry: exception.doNotRetry,
        serverOverloaded: exception.serverOverloaded, hostname: exception.hostname, port: exception.port,
      }));
      return;
    }
    const cellLength = header.cellBlockMeta?.length ?? 0;
    if (parts.tail.length !== cellLength) throw new Error(`cellblock of ${parts.tail.length} bytes, header says ${cellLength}`);
    pending.resolve({ message: parts.message ?? EMPTY, cellBlock: parts.tail });
  }

  /** Closes the connection; every call in flight fails with `error` (default: closed by the client). */
  close(error?: ShaleError): void {
    if (this.#closedBy !== undefined) return;
    const reason = error ?? new ConnectionLostError(`Connection to ${this.#where()} closed by the client`);
    this.#closedBy = reason;
    if (this.#flushTimer !== undefined) clearTimeout(this.#flushTimer);
    this.#socket.destroy();
    const lost = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of lost) {
      if (p.timer !== undefined) clearTimeout(p.timer);
      p.reject(reason);
    }
    assert(this.#pending.size === 0, "no call may outlive its connection");
    this.#onClose?.(reason, lost.length > 0);
  }

  #where(): string {
    return `${this.host}:${this.port} (${this.service})`;
  }
}

function connectionHeader(options: ServerConnectionOptions): Uint8Array {
  const header = create(ConnectionHeaderSchema, {
    userInfo: { effectiveUser: options.user },
    serviceName: options.service,
    cellBlockCodecClass: KEY_VALUE_CODEC,
    // A version >= 1.3 asks the server for Get results in cellblocks too (hbase-rpc.md §5.5).
    versionInfo: create(VersionInfoSchema, {
      version: "2.5.0-shale", url: "shale", revision: "0", user: options.user, date: "", srcChecksum: "",
      versionMajor: 2, versionMinor: 5,
    }),
  });
  return toBinary(ConnectionHeaderSchema, header);
}

function connectSocket(options: ServerConnectionOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: options.host, port: options.port });
    const fail = (e: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new ServerUnreachableError(`Cannot connect to ${options.host}:${options.port}: ${e.message}`, { cause: e }));
    };
    const timer = setTimeout(() => fail(new Error(`no answer in ${options.connectTimeoutMs} ms`)), options.connectTimeoutMs);
    socket.once("error", fail);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeListener("error", fail);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
