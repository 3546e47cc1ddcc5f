// One client connection of the RPC server (hbase-rpc.md §3-§4): the 6-byte preamble (SIMPLE,
// the switch-to-simple answer for Kerberos/Digest, "Regist", "Securi"), the ConnectionHeader
// (no reply), then request frames dispatched concurrently and answered in completion order by
// call id. Malformed input answers an exception or closes this connection, never the server.

import type { Socket } from "node:net";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import {
  type ConnectionHeader, ConnectionHeaderSchema, RequestHeaderSchema, ResponseHeaderSchema, type RequestHeader,
} from "../../proto/gen/hbase/rpc_pb.ts";
import { GetConnectionRegistryResponseSchema } from "../../proto/gen/hbase/registry_pb.ts";
import { encodeCellBlock, isSupportedCodec } from "../../proto/wire/cellblock.ts";
import { decodeFrameBody, encodeFrame, FrameReader } from "../../proto/wire/frame.ts";
import { AuthMethod, PREAMBLE_SIZE, parsePreamble } from "../../proto/wire/preamble.ts";
import { readVarint } from "../../proto/wire/varint.ts";
import {
  BadAuthError, CallQueueTooBigError, DoNotRetryIOError, FatalConnectionError, RequestTooBigError,
  SecurityNotEnabledError, WrongVersionError,
} from "../../src/api/errors.ts";
import type { Cell } from "../../src/cell/cell.ts";
import type { RpcLimits } from "../../src/util/limits.ts";
import { log } from "../../src/util/log.ts";
import { connectionExceptionResponse, exceptionResponse } from "./exceptions.ts";
import type { CallContext, ServiceRegistry } from "./service-registry.ts";

/** call_id for connection-level answers: -1 as uint32. */
const CONNECTION_CALL_ID = 0xffffffff;

/** What a connection shares with its server. */
export interface RpcServerShared {
  readonly registry: ServiceRegistry;
  readonly limits: RpcLimits;
  readonly clusterId: string;
  /** Calls accepted and not yet answered, server-wide (the call queue). */
  callsInFlight: number;
  readonly counters: { calls: number; errors: number; connections: number };
}

type State = "preamble" | "sasl-skip" | "header" | "calls" | "closed";

export class RpcConnection {
  readonly #socket: Socket;
  readonly #shared: RpcServerShared;
  readonly #reader: FrameReader;
  readonly #onClose: (c: RpcConnection) => void;
  readonly remote: string;
  #state: State = "preamble";
  #header: ConnectionHeader | undefined;
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(socket: Socket, shared: RpcServerShared, onClose: (c: RpcConnection) => void) {
    this.#socket = socket;
    this.#shared = shared;
    this.#onClose = onClose;
    this.#reader = new FrameReader(shared.limits.requestSizeBytesMax);
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Uint8Array) => this.#onData(chunk));
    socket.on("error", (e) => this.close(`socket error: ${e.message}`));
    socket.on("close", () => this.close("peer closed"));
    this.#handshakeTimer = setTimeout(() => {
      if (this.#state !== "calls") this.close("no preamble and header within RPC_LIMITS.handshakeTimeoutMs");
    }, shared.limits.handshakeTimeoutMs);
    this.#handshakeTimer.unref?.();
  }

  get serviceName(): string | undefined {
    return this.#header?.serviceName;
  }

  close(reason: string): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    clearTimeout(this.#handshakeTimer);
    log.debug("rpc connection closed", { remote: this.remote, reason });
    this.#socket.end();
    this.#socket.destroySoon?.();
    this.#onClose(this);
  }

  destroy(): void {
    this.close("server stopping");
    this.#socket.destroy();
  }

  #onData(chunk: Uint8Array): void {
    if (this.#state === "closed") return;
    this.#reader.push(chunk);
    try {
      this.#drain();
    } catch (error) {
      log.warn("rpc connection dropped on bad input", { remote: this.remote, error: String(error) });
      this.close(`bad input: ${String(error)}`);
    }
  }

  #drain(): void {
    for (;;) {
      if (this.#state === "closed") return;
      if (this.#state === "preamble") {
        const six = this.#reader.take(PREAMBLE_SIZE);
        if (six === undefined) return;
        this.#onPreamble(six);
        continue;
      }
      const body = this.#reader.next();
      if (body === undefined) return;
      if (!(body instanceof Uint8Array)) {
        this.#onOversize(body.oversize);
        return;
      }
      if (this.#state === "sasl-skip") this.#state = "header"; // the client's first SASL token
      else if (this.#state === "header") this.#onConnectionHeader(body);
      else this.#onCall(body);
    }
  }

  #onPreamble(six: Uint8Array): void {
    const p = parsePreamble(six);
    switch (p.kind) {
      case "registry": {
        const reply = create(GetConnectionRegistryResponseSchema, { clusterId: this.#shared.clusterId });
        this.#send(CONNECTION_CALL_ID, toBinary(GetConnectionRegistryResponseSchema, reply), []);
        this.close("answered the Regist preamble");
        return;
      }
      case "security":
        this.#sendError(CONNECTION_CALL_ID, connectionExceptionResponse(SecurityNotEnabledError.javaClass, "Security is not enabled on this server"));
        return;
      case "bad-magic":
        this.#fatal(FatalConnectionError.javaClass, `Expected HEADER=HBas but received HEADER=${p.text} from ${this.remote}`);
        return;
      case "bad-version":
        this.#fatal(WrongVersionError.javaClass, `version ${p.version} is not supported; only version 0 is`);
        return;
      case "rpc":
        if (p.auth === AuthMethod.SIMPLE) {
          this.#state = "header";
        } else if (p.auth === AuthMethod.KERBEROS || p.auth === AuthMethod.DIGEST) {
          // SASL "switch to simple auth": int32 SUCCESS (0) then int32 -88; the client's first token follows and is ignored.
          const reply = new Uint8Array(8);
          new DataView(reply.buffer).setInt32(4, -88);
          this.#socket.write(reply);
          this.#state = "sasl-skip";
        } else {
          this.#fatal(BadAuthError.javaClass, `Unknown auth method code ${p.auth}`);
        }
    }
  }

  #onConnectionHeader(body: Uint8Array): void {
    const header = fromBinary(ConnectionHeaderSchema, body);
    const service = header.serviceName;
    if (service === undefined || service === "" || !this.#shared.registry.hasService(service)) {
      this.close(`unknown service "${service ?? ""}" in the connection header`);
      return;
    }
    const codec = header.cellBlockCodecClass;
    if (codec !== undefined && codec !== "" && !isSupportedCodec(codec)) {
      this.close(`unsupported cellblock codec ${codec}`);
      return;
    }
    if (header.cellBlockCompressorClass !== undefined && header.cellBlockCompressorClass !== "") {
      this.close(`unsupported cellblock compressor ${header.cellBlockCompressorClass}`);
      return;
    }
    this.#header = header;
    this.#state = "calls";
    clearTimeout(this.#handshakeTimer);
  }

  #onCall(body: Uint8Array): void {
    const parts = decodeFrameBody(body);
    let header: RequestHeader;
    try {
      header = fromBinary(RequestHeaderSchema, parts.header);
    } catch (error) {
      this.close(`unparsable request header: ${(error as Error).message}`);
      return;
    }
    const callId = header.callId;
    const shared = this.#shared;
    shared.counters.calls++;
    const cellLength = header.cellBlockMeta?.length ?? 0;
    if (cellLength !== parts.tail.length) {
      this.#sendError(callId, exceptionResponse(new DoNotRetryIOError(`cellblock length ${parts.tail.length} does not match cell_block_meta.length ${cellLength}`)));
      return;
    }
    if (header.requestParam !== true || parts.message === undefined) {
      this.#sendError(callId, exceptionResponse(new DoNotRetryIOError(`${header.methodName ?? "?"} should have param set in it`)));
      return;
    }
    const service = this.#header!.serviceName!;
    const handler = shared.registry.lookup(service, header.methodName);
    if (handler === undefined) {
      this.#sendError(callId, exceptionResponse(new DoNotRetryIOError(`java.lang.UnsupportedOperationException: ${header.methodName ?? ""}`)));
      return;
    }
    if (shared.callsInFlight >= shared.limits.callQueueLengthMax) {
      this.#sendError(callId, exceptionResponse(new CallQueueTooBigError(`Call queue is full on ${service}, too many items queued (RPC_LIMITS.callQueueLengthMax=${shared.limits.callQueueLengthMax})`)));
      return;
    }
    shared.callsInFlight++;
    const version = this.#header!.versionInfo;
    const ctx: CallContext = {
      cellBlocks: (this.#header!.cellBlockCodecClass ?? "") !== "",
      clientVersion: version === undefined ? undefined : { major: version.versionMajor, minor: version.versionMinor },
      requestCells: parts.tail,
      user: this.#header!.userInfo?.effectiveUser ?? "",
    };
    const message = parts.message;
    void (async () => {
      try {
        const answer = await handler(message, ctx);
        this.#send(callId, answer.message, answer.cells);
      } catch (error) {
        shared.counters.errors++;
        this.#sendError(callId, exceptionResponse(error));
      } finally {
        shared.callsInFlight--;
      }
    })();
  }

  #onOversize(length: number): void {
    // Peek the request header that follows the length, to answer with the right call id.
    const peek = this.#reader.take(Math.min(this.#reader.buffered, 4 + 64 * 1024)) ?? new Uint8Array(0);
    let callId = CONNECTION_CALL_ID;
    const h = readVarint(peek, 4, peek.length);
    if (h !== undefined && h.end + h.value <= peek.length) {
      try {
        callId = fromBinary(RequestHeaderSchema, peek.subarray(h.end, h.end + h.value)).callId;
      } catch {
        // keep -1
      }
    }
    const error = new RequestTooBigError(
      `RPC data length of ${length} received from ${this.remote} is greater than max allowed ${this.#shared.limits.requestSizeBytesMax}. Set "hbase.ipc.max.request.size" on server to override this limit (not recommended)`,
    );
    this.#sendError(callId, exceptionResponse(error));
    this.close("request over RPC_LIMITS.requestSizeBytesMax");
  }

  #fatal(className: string, message: string): void {
    this.#sendError(CONNECTION_CALL_ID, connectionExceptionResponse(className, message));
    this.close(message);
  }

  /** Answers a call; cells go out as a cellblock without tags (tags stay server-internal). */
  #send(callId: number, message: Uint8Array, cells: readonly Cell[]): void {
    const block = cells.length > 0 ? encodeCellBlock(cells, false) : undefined;
    const header = create(ResponseHeaderSchema, { callId });
    if (block !== undefined && block.length > 0) header.cellBlockMeta = { $typeName: "hbase.pb.CellBlockMeta", length: block.length };
    this.#write(encodeFrame(toBinary(ResponseHeaderSchema, header), message, block));
  }

  #sendError(callId: number, exception: ReturnType<typeof exceptionResponse>): void {
    const header = create(ResponseHeaderSchema, { callId, exception });
    this.#write(encodeFrame(toBinary(ResponseHeaderSchema, header), undefined));
  }

  #write(frame: Uint8Array): void {
    if (this.#state === "closed" && this.#socket.destroyed) return;
    if (this.#socket.writableLength > this.#shared.limits.outboundBytesMax) {
      log.warn("rpc client does not read its answers; closing", { remote: this.remote });
      this.#socket.destroy();
      return;
    }
    this.#socket.write(frame);
  }
}
