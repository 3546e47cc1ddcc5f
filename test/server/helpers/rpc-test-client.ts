// A tiny HBase RPC client for tests, built only from proto/wire codecs and the generated
// messages: preamble, ConnectionHeader, framed calls matched by call id, cellblocks both ways.

import { connect, type Socket } from "node:net";
import { create, type DescMessage, fromBinary, type MessageInitShape, type MessageShape, toBinary } from "@bufbuild/protobuf";
import {
  ConnectionHeaderSchema, type ExceptionResponse, RequestHeaderSchema, ResponseHeaderSchema,
} from "../../../proto/gen/hbase/rpc_pb.ts";
import { CellBlockReader, encodeCellBlock, KEY_VALUE_CODEC } from "../../../proto/wire/cellblock.ts";
import { decodeFrameBody, encodeFrame, encodeLengthPrefixed, FrameReader } from "../../../proto/wire/frame.ts";
import { encodePreamble } from "../../../proto/wire/preamble.ts";
import type { Cell } from "../../../src/cell/cell.ts";

/** A failed call: the server's exception class and text. */
export class RemoteError extends Error {
  constructor(readonly className: string, readonly stackTrace: string, readonly exception: ExceptionResponse) {
    super(`${className}: ${stackTrace}`);
  }
}

interface Pending {
  resolve: (v: { message: Uint8Array; cells: Uint8Array }) => void;
  reject: (e: Error) => void;
}

export class RpcTestClient {
  readonly #socket: Socket;
  readonly #reader = new FrameReader(512 * 1024 * 1024);
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed: Error | undefined;
  /** Connection-level answers (call id -1). */
  readonly connectionErrors: ExceptionResponse[] = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on("data", (chunk: Uint8Array) => this.#onData(chunk));
    socket.on("close", () => this.#fail(new Error("connection closed")));
    socket.on("error", (e) => this.#fail(e));
  }

  /** Connects and sends the preamble and ConnectionHeader for `service`. */
  static async open(port: number, service: string, options: { codec?: boolean; host?: string } = {}): Promise<RpcTestClient> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect(port, options.host ?? "127.0.0.1", () => resolve(s));
      s.once("error", reject);
    });
    const client = new RpcTestClient(socket);
    const header = create(ConnectionHeaderSchema, {
      userInfo: { effectiveUser: "test" },
      serviceName: service,
      ...(options.codec === false ? {} : { cellBlockCodecClass: KEY_VALUE_CODEC }),
    });
    socket.write(encodePreamble());
    socket.write(encodeLengthPrefixed(toBinary(ConnectionHeaderSchema, header)));
    return client;
  }

  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /** Calls `method`; resolves with the decoded response and the response's cells. */
  async call<I extends DescMessage, O extends DescMessage>(
    method: string,
    input: I,
    request: MessageInitShape<I>,
    output: O,
    cells: readonly Cell[] = [],
  ): Promise<{ response: MessageShape<O>; cells: CellBlockReader }> {
    const raw = await this.callRaw(method, toBinary(input, create(input, request)), cells.length > 0 ? encodeCellBlock(cells) : undefined);
    return { response: fromBinary(output, raw.message), cells: new CellBlockReader(raw.cells) };
  }

  /** Sends a call with an already-encoded param (bad-input tests). */
  callRaw(method: string, param: Uint8Array, cellBlock?: Uint8Array): Promise<{ message: Uint8Array; cells: Uint8Array }> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    const callId = this.#nextId++;
    const header = create(RequestHeaderSchema, { callId, methodName: method, requestParam: true });
    if (cellBlock !== undefined) header.cellBlockMeta = { $typeName: "hbase.pb.CellBlockMeta", length: cellBlock.length };
    const promise = new Promise<{ message: Uint8Array; cells: Uint8Array }>((resolve, reject) => this.#pending.set(callId, { resolve, reject }));
    this.#socket.write(encodeFrame(toBinary(RequestHeaderSchema, header), param, cellBlock));
    return promise;
  }

  /** Writes raw bytes (bad-input tests). */
  writeRaw(bytes: Uint8Array): void {
    this.#socket.write(bytes);
  }

  close(): void {
    this.#socket.destroy();
  }

  #onData(chunk: Uint8Array): void {
    this.#reader.push(chunk);
    for (let body = this.#reader.next(); body !== undefined; body = this.#reader.next()) {
      if (!(body instanceof Uint8Array)) return this.#fail(new Error("oversized response"));
      const parts = decodeFrameBody(body);
      const header = fromBinary(ResponseHeaderSchema, parts.header);
      if (header.callId === 0xffffffff) {
        if (header.exception !== undefined) this.connectionErrors.push(header.exception);
        continue;
      }
      const p = this.#pending.get(header.callId);
      if (p === undefined) continue;
      this.#pending.delete(header.callId);
      if (header.exception !== undefined) {
        p.reject(new RemoteError(header.exception.exceptionClassName, header.exception.stackTrace, header.exception));
      } else {
        p.resolve({ message: parts.message ?? new Uint8Array(0), cells: parts.tail });
      }
    }
  }

  #fail(error: Error): void {
    this.#closed ??= error;
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }
}
