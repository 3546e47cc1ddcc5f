// One client connection of the embedded endpoint: frames in, the NEW → OPEN → CLOSED state
// machine of zookeeper-and-meta.md §1.16. A new connection either spells a four-letter word or
// sends a ConnectRequest (with or without the trailing read-only byte); every later frame is a
// request answered in order. A bad length, an undecodable handshake or a limit closes the
// connection with a log line; nothing here throws to the listener.

import type { Socket } from "node:net";
import { KeeperError } from "../../src/api/errors.ts";
import { log } from "../../src/util/log.ts";
import { answerFourLetterWord, fourLetterWordOf } from "./four-letter-words.ts";
import { JuteReader, JuteWriter } from "../../proto/zookeeper/jute.ts";
import { processRequest } from "./request-processor.ts";
import type { Session } from "./session.ts";
import type { Watcher } from "./watch-manager.ts";
import { encodeNotification, readConnectRequest, writeConnectResponse } from "../../proto/zookeeper/zk-records.ts";
import { SESSION_PASSWD_LENGTH } from "../../proto/zookeeper/zk-protocol.ts";
import type { ZkConnectionInfo, ZkServerState } from "./zk-server-state.ts";

type Phase = "new" | "open" | "closed";

export class ZkConnection implements Watcher, ZkConnectionInfo {
  readonly remote: string;
  received = 0;
  sent = 0;
  readonly #socket: Socket;
  readonly #state: ZkServerState;
  #phase: Phase = "new";
  #pending: Uint8Array = new Uint8Array(0);
  #session: Session | undefined;
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(socket: Socket, state: ZkServerState, onClosed: (c: ZkConnection) => void) {
    this.#socket = socket;
    this.#state = state;
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Uint8Array) => this.#onData(chunk));
    socket.on("error", (e: Error) => this.close(`socket error: ${e.message}`, "debug"));
    socket.on("close", () => {
      this.#detach();
      onClosed(this);
    });
    this.#handshakeTimer = setTimeout(() => this.close("no ConnectRequest within handshakeTimeoutMs", "info"), state.limits.handshakeTimeoutMs);
  }

  get sessionId(): bigint | undefined {
    return this.#session?.id;
  }

  /** Sends a watch notification (xid -1). */
  notify(type: number, path: string): void {
    this.#write(encodeNotification(type, path));
  }

  /** Closes the connection; `level` is where the reason is logged. */
  close(reason: string, level: "debug" | "info" | "warn" = "info"): void {
    if (this.#phase === "closed") return;
    this.#phase = "closed";
    log[level]("zookeeper connection closed", { remote: this.remote, reason });
    this.#detach();
    this.#socket.end();
    setTimeout(() => this.#socket.destroy(), 1_000).unref?.();
  }

  /** Drops the socket without waiting for the peer (shutdown). */
  destroy(): void {
    this.#socket.destroy();
  }

  #detach(): void {
    clearTimeout(this.#handshakeTimer);
    this.#phase = "closed";
    this.#state.tree.watches.removeWatcher(this);
    if (this.#session?.connection === this) this.#session.connection = undefined;
  }

  #write(frame: Uint8Array): void {
    if (this.#phase === "closed" || frame.length === 0) return;
    this.#socket.write(frame);
    this.sent++;
    this.#state.counters.packetsSent++;
    if (this.#socket.writableLength > this.#state.limits.outboundBytesMax) {
      this.close("client does not read: outbound bytes over ZK_LIMITS.outboundBytesMax", "warn");
      this.#socket.destroy();
    }
  }

  #onData(chunk: Uint8Array): void {
    if (this.#phase === "closed") return;
    if (this.#pending.length === 0) this.#pending = chunk;
    else {
      const joined = new Uint8Array(this.#pending.length + chunk.length);
      joined.set(this.#pending);
      joined.set(chunk, this.#pending.length);
      this.#pending = joined;
    }
    this.#drain();
  }

  #drain(): void {
    while (this.#phase !== "closed" && this.#pending.length >= 4) {
      const view = new DataView(this.#pending.buffer, this.#pending.byteOffset, 4);
      const length = view.getInt32(0);
      if (this.#phase === "new" && this.#answerWord(length)) return;
      if (length < 0 || length > this.#state.limits.frameSizeBytesMax) {
        this.close(`frame length ${length} outside [0, ${this.#state.limits.frameSizeBytesMax}] (jute.maxbuffer)`, "warn");
        return;
      }
      if (this.#pending.length < 4 + length) return;
      const body = this.#pending.subarray(4, 4 + length);
      this.#pending = this.#pending.subarray(4 + length);
      this.received++;
      this.#state.counters.packetsReceived++;
      if (this.#phase === "new") this.#connect(body);
      else this.#request(body);
    }
  }

  #answerWord(first: number): boolean {
    const word = fourLetterWordOf(first);
    if (word === undefined) return false;
    this.#socket.write(answerFourLetterWord(word, this.#state));
    this.close(`four-letter word ${word}`, "debug");
    return true;
  }

  #connect(body: Uint8Array): void {
    clearTimeout(this.#handshakeTimer);
    let request;
    try {
      request = readConnectRequest(new JuteReader(body));
    } catch (e) {
      if (!(e instanceof KeeperError)) throw e;
      this.close(`undecodable ConnectRequest: ${e.message}`, "warn");
      return;
    }
    const { sessions } = this.#state;
    const session = request.sessionId === 0n
      ? sessions.create(request.timeOutMs)
      : sessions.resume(request.sessionId, request.passwd, request.timeOutMs);
    if (session === undefined && request.sessionId === 0n) {
      this.close("sessions over ZK_LIMITS.sessionsMax", "warn");
      return;
    }
    const w = new JuteWriter();
    if (session === undefined) {
      writeConnectResponse(w, { protocolVersion: 0, timeOutMs: 0, sessionId: 0n, passwd: new Uint8Array(SESSION_PASSWD_LENGTH), readOnly: request.readOnly === undefined ? undefined : false });
      this.#phase = "open";
      this.#write(w.toFrame());
      this.close(`session 0x${request.sessionId.toString(16)} expired or invalid`, "info");
      return;
    }
    if (request.sessionId === 0n) this.#state.zxid.next(); // createSession is a transaction
    session.connection?.close("session moved to a new connection", "info");
    session.connection = this;
    this.#session = session;
    this.#phase = "open";
    writeConnectResponse(w, { protocolVersion: 0, timeOutMs: session.timeoutMs, sessionId: session.id, passwd: session.passwd, readOnly: request.readOnly === undefined ? undefined : false });
    this.#write(w.toFrame());
  }

  #request(body: Uint8Array): void {
    const session = this.#session!;
    if (this.#state.sessions.get(session.id) !== session) {
      this.close("request on an ended session", "info");
      return;
    }
    this.#state.sessions.touch(session);
    const started = performance.now();
    const outcome = processRequest({ state: this.#state, session, watcher: this }, body);
    this.#count(performance.now() - started);
    this.#write(outcome.reply);
    if (outcome.sessionClosed) {
      this.#state.sessions.remove(session.id);
      this.close("closeSession", "debug");
    } else if (outcome.closeReason !== undefined) {
      this.close(outcome.closeReason, "warn");
    }
  }

  #count(ms: number): void {
    const c = this.#state.counters;
    const whole = Math.round(ms);
    c.latencyMinMs = c.requests === 0 ? whole : Math.min(c.latencyMinMs, whole);
    c.latencyMaxMs = Math.max(c.latencyMaxMs, whole);
    c.latencyTotalMs += ms;
    c.requests++;
  }
}
