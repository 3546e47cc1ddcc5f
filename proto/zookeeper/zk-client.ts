// A small ZooKeeper client over the shared jute codec, enough for registering in an external
// ensemble (zookeeper-and-meta.md §1.17): connect (round-robin over the connect string), pings,
// FIFO request matching, reconnect with the same session, and a fresh session after expiry
// (reported through onSessionExpired so the caller can recreate its ephemeral nodes).

import { connect as tcpConnect, type Socket } from "node:net";
import { KeeperError } from "../../src/api/errors.ts";
import { ZK_LIMITS } from "../../src/util/limits.ts";
import { log } from "../../src/util/log.ts";
import { JuteReader, JuteWriter } from "./jute.ts";
import {
  type Acl, OPEN_ACL_UNSAFE, readConnectResponse, readReplyHeader, readStat, requestWriter, type Stat, writeAcls,
  writeConnectRequest,
} from "./zk-records.ts";
import { ErrorCode, OpCode, Xid } from "./zk-protocol.ts";

const CONNECTION_LOSS = -4;
/** Pause between reconnect attempts; bounded by the session timeout. */
const RECONNECT_DELAY_MS = 250;

export interface ZkClientOptions {
  /** "host:port[,host:port...]". */
  connectString: string;
  sessionTimeoutMs?: number;
  /** Called after the session expired and a new one was established. */
  onSessionExpired?: () => void;
}

interface Pending {
  resolve: (r: JuteReader) => void;
  reject: (e: Error) => void;
  what: string;
}

function parseHosts(connectString: string): { host: string; port: number }[] {
  const hosts = connectString.split(",").map((h) => h.trim()).filter((h) => h.length > 0).map((h) => {
    const colon = h.lastIndexOf(":");
    return colon < 0 ? { host: h, port: 2181 } : { host: h.slice(0, colon), port: Number(h.slice(colon + 1)) };
  });
  if (hosts.length === 0 || hosts.some((h) => !Number.isInteger(h.port))) {
    throw new KeeperError(ErrorCode.badArguments, `Bad ZooKeeper connect string "${connectString}"`);
  }
  return hosts;
}

export class ZkClient {
  readonly #hosts: { host: string; port: number }[];
  readonly #options: ZkClientOptions;
  #socket: Socket | undefined;
  #pending: Pending[] = [];
  #xid = 1;
  #sessionId = 0n;
  #passwd: Uint8Array = new Uint8Array(16);
  #timeoutMs: number;
  #lastZxid = 0n;
  #next = 0;
  #closed = false;
  #ping: ReturnType<typeof setInterval> | undefined;
  #reconnecting: Promise<void> | undefined;

  private constructor(options: ZkClientOptions) {
    this.#options = options;
    this.#hosts = parseHosts(options.connectString);
    this.#timeoutMs = options.sessionTimeoutMs ?? 30_000;
  }

  /** Connects and establishes a session; rejects when no host answers within the session timeout. */
  static async connect(options: ZkClientOptions): Promise<ZkClient> {
    const client = new ZkClient(options);
    await client.#establish();
    return client;
  }

  get sessionId(): bigint {
    return this.#sessionId;
  }

  async #establish(): Promise<void> {
    const deadline = Date.now() + this.#timeoutMs;
    let lastError: unknown;
    while (!this.#closed && Date.now() < deadline) {
      const target = this.#hosts[this.#next++ % this.#hosts.length];
      try {
        await this.#handshake(target.host, target.port);
        return;
      } catch (e) {
        lastError = e;
        await new Promise((r) => setTimeout(r, RECONNECT_DELAY_MS));
      }
    }
    throw new KeeperError(CONNECTION_LOSS, `Cannot connect to ZooKeeper "${this.#options.connectString}"`, { cause: lastError });
  }

  #handshake(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = tcpConnect({ host, port });
      let buffer: Uint8Array = new Uint8Array(0);
      let established = false;
      const fail = (e: Error) => {
        socket.destroy();
        if (!established) reject(e);
      };
      socket.on("error", fail);
      socket.on("connect", () => {
        const w = new JuteWriter();
        writeConnectRequest(w, { protocolVersion: 0, lastZxidSeen: this.#lastZxid, timeOutMs: this.#timeoutMs, sessionId: this.#sessionId, passwd: this.#passwd, readOnly: false });
        socket.write(w.toFrame());
      });
      socket.on("data", (chunk: Uint8Array) => {
        buffer = buffer.length === 0 ? chunk : join(buffer, chunk);
        for (;;) {
          if (buffer.length < 4) return;
          const length = new DataView(buffer.buffer, buffer.byteOffset).getInt32(0);
          if (length < 0 || length > ZK_LIMITS.frameSizeBytesMax) return fail(new Error(`Bad frame length ${length}`));
          if (buffer.length < 4 + length) return;
          const body = buffer.subarray(4, 4 + length);
          buffer = buffer.subarray(4 + length);
          if (established) this.#onFrame(body);
          else {
            try {
              established = this.#onConnectResponse(socket, body, resolve, reject);
            } catch (e) {
              return fail(e as Error);
            }
            if (!established) return;
          }
        }
      });
      socket.on("close", () => {
        if (!established) reject(new Error("Connection closed during handshake"));
        else this.#onDisconnect(socket);
      });
    });
  }

  #onConnectResponse(socket: Socket, body: Uint8Array, resolve: () => void, reject: (e: Error) => void): boolean {
    const response = readConnectResponse(new JuteReader(body));
    if (response.timeOutMs <= 0 || response.sessionId === 0n) {
      const hadSession = this.#sessionId !== 0n;
      this.#sessionId = 0n;
      this.#passwd = new Uint8Array(16);
      socket.destroy();
      reject(new KeeperError(ErrorCode.sessionExpired, "ZooKeeper session expired"));
      if (hadSession) queueMicrotask(() => this.#afterExpiry());
      return false;
    }
    this.#sessionId = response.sessionId;
    this.#passwd = response.passwd;
    this.#timeoutMs = response.timeOutMs;
    this.#socket = socket;
    clearInterval(this.#ping);
    this.#ping = setInterval(() => this.#sendPing(), Math.max(this.#timeoutMs / 3, 100));
    this.#ping.unref?.();
    resolve();
    return true;
  }

  #afterExpiry(): void {
    if (this.#closed) return;
    this.#reconnect().then(() => this.#options.onSessionExpired?.()).catch((e) => log.warn("zookeeper reconnect failed", { error: String(e) }));
  }

  #sendPing(): void {
    this.#socket?.write(requestWriter(Xid.ping, OpCode.ping).toFrame());
  }

  #onFrame(body: Uint8Array): void {
    const r = new JuteReader(body);
    if (body.length < 16) return;
    const header = readReplyHeader(r);
    if (header.zxid > this.#lastZxid) this.#lastZxid = header.zxid;
    if (header.xid === Xid.ping || header.xid === Xid.notification) return;
    const pending = this.#pending.shift();
    if (pending === undefined) return;
    if (header.err !== 0) pending.reject(new KeeperError(header.err, `ZooKeeper ${pending.what} failed with code ${header.err}`));
    else pending.resolve(r);
  }

  #onDisconnect(socket: Socket): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    clearInterval(this.#ping);
    const lost = this.#pending;
    this.#pending = [];
    for (const p of lost) p.reject(new KeeperError(CONNECTION_LOSS, `ZooKeeper ${p.what} lost its connection`));
    if (!this.#closed) this.#reconnect().catch((e) => log.warn("zookeeper reconnect failed", { error: String(e) }));
  }

  #reconnect(): Promise<void> {
    this.#reconnecting ??= this.#establish().catch(async (e) => {
      if (!(e instanceof KeeperError) || this.#closed) throw e;
      await this.#establish(); // the session expired: a fresh one
      this.#options.onSessionExpired?.();
    }).finally(() => (this.#reconnecting = undefined));
    return this.#reconnecting;
  }

  async #call(type: number, what: string, body?: (w: JuteWriter) => void): Promise<JuteReader> {
    if (this.#socket === undefined) await this.#reconnect();
    const socket = this.#socket;
    if (socket === undefined || this.#closed) throw new KeeperError(CONNECTION_LOSS, `ZooKeeper ${what}: not connected`);
    const xid = this.#xid;
    this.#xid = this.#xid >= 0x7ffffffe ? 1 : this.#xid + 1;
    const w = requestWriter(xid, type);
    body?.(w);
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject, what });
      socket.write(w.toFrame());
    });
  }

  async getData(path: string): Promise<{ data: Uint8Array; stat: Stat }> {
    const r = await this.#call(OpCode.getData, `getData ${path}`, (w) => w.writeUstring(path).writeBool(false));
    return { data: r.readBuffer() ?? new Uint8Array(0), stat: readStat(r) };
  }

  /** The node's Stat, or undefined when it does not exist. */
  async exists(path: string): Promise<Stat | undefined> {
    try {
      return readStat(await this.#call(OpCode.exists, `exists ${path}`, (w) => w.writeUstring(path).writeBool(false)));
    } catch (e) {
      if (e instanceof KeeperError && e.code === ErrorCode.noNode) return undefined;
      throw e;
    }
  }

  async getChildren(path: string): Promise<string[]> {
    const r = await this.#call(OpCode.getChildren, `getChildren ${path}`, (w) => w.writeUstring(path).writeBool(false));
    return r.readStringVector();
  }

  async create(path: string, data: Uint8Array, mode: number, acl: readonly Acl[] = OPEN_ACL_UNSAFE): Promise<string> {
    const r = await this.#call(OpCode.create, `create ${path}`, (w) => writeAcls(w.writeUstring(path).writeBuffer(data), acl).writeInt(mode));
    return r.readPath();
  }

  async setData(path: string, data: Uint8Array, version = -1): Promise<Stat> {
    return readStat(await this.#call(OpCode.setData, `setData ${path}`, (w) => w.writeUstring(path).writeBuffer(data).writeInt(version)));
  }

  async delete(path: string, version = -1): Promise<void> {
    await this.#call(OpCode.delete, `delete ${path}`, (w) => w.writeUstring(path).writeInt(version));
  }

  /** Ends the session (its ephemeral nodes go away) and the connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      if (this.#socket !== undefined) await this.#call(OpCode.closeSession, "closeSession");
    } catch {
      // the session ends with the connection anyway
    }
    this.#closed = true;
    clearInterval(this.#ping);
    this.#socket?.destroy();
  }
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
