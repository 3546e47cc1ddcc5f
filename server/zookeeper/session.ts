// ZooKeeper sessions: ids, passwords, negotiated timeouts and expiry (zookeeper-and-meta.md §1.3,
// §1.10). Passwords are an HMAC of the session id under the persisted secret, so after a restart
// a client presenting a session it was given can be resumed, as ZooKeeper's snapshots allow.

import { createHmac, timingSafeEqual } from "node:crypto";
import { assert } from "../../src/util/assert.ts";
import type { ZkLimits } from "../../src/util/limits.ts";
import { SESSION_PASSWD_LENGTH } from "../../proto/zookeeper/zk-protocol.ts";

export interface Session {
  readonly id: bigint;
  readonly passwd: Uint8Array;
  timeoutMs: number;
  /** Monotonic ms after which the session expires unless touched. */
  deadlineMs: number;
  /** The connection currently bound to the session, if any. */
  connection: { close(reason: string, level?: "debug" | "info" | "warn"): void } | undefined;
}

export interface SessionTableOptions {
  epoch: number;
  secret: Uint8Array;
  limits: ZkLimits;
  now: () => number;
}

export class SessionTable {
  readonly #sessions = new Map<bigint, Session>();
  /** Revived sessions that ended in this run; bounded by sessionsMax, oldest dropped first. */
  readonly #ended = new Set<bigint>();
  readonly #options: SessionTableOptions;
  #counter = 0;

  constructor(options: SessionTableOptions) {
    assert(options.secret.length >= 16, "session secret too short");
    this.#options = options;
  }

  get size(): number {
    return this.#sessions.size;
  }

  get(id: bigint): Session | undefined {
    return this.#sessions.get(id);
  }

  /** Clamps a requested timeout into [min, max] as ZooKeeper does. */
  negotiate(requestedMs: number): number {
    const { sessionTimeoutMsMin: lo, sessionTimeoutMsMax: hi } = this.#options.limits;
    return Math.min(Math.max(requestedMs, lo), hi);
  }

  passwordFor(id: bigint): Uint8Array {
    const idBytes = new Uint8Array(8);
    new DataView(idBytes.buffer).setBigInt64(0, id);
    const mac = createHmac("sha256", this.#options.secret).update(idBytes).digest();
    return Uint8Array.from(mac.subarray(0, SESSION_PASSWD_LENGTH));
  }

  /** A new session, or undefined when the table is full. */
  create(requestedMs: number): Session | undefined {
    if (this.#sessions.size >= this.#options.limits.sessionsMax) return undefined;
    this.#counter++;
    const id = (BigInt(this.#options.epoch) << 32n) | BigInt(this.#counter);
    return this.#insert(id, requestedMs);
  }

  #insert(id: bigint, requestedMs: number): Session {
    const timeoutMs = this.negotiate(requestedMs);
    const session: Session = {
      id, passwd: this.passwordFor(id), timeoutMs, deadlineMs: this.#options.now() + timeoutMs, connection: undefined,
    };
    this.#sessions.set(id, session);
    return session;
  }

  /**
   * The session to resume for (id, passwd): a live one, or one revived after a restart when the
   * password proves this server issued it. Undefined means expired or invalid.
   */
  resume(id: bigint, passwd: Uint8Array, requestedMs: number): Session | undefined {
    const expected = this.passwordFor(id);
    if (passwd.length !== expected.length || !timingSafeEqual(passwd, expected)) return undefined;
    const live = this.#sessions.get(id);
    if (live !== undefined) {
      this.touch(live);
      return live;
    }
    if (id >> 32n === BigInt(this.#options.epoch) || this.#ended.has(id)) return undefined;
    if (this.#sessions.size >= this.#options.limits.sessionsMax) return undefined;
    return this.#insert(id, requestedMs);
  }

  touch(session: Session): void {
    session.deadlineMs = this.#options.now() + session.timeoutMs;
  }

  remove(id: bigint): Session | undefined {
    const s = this.#sessions.get(id);
    this.#sessions.delete(id);
    if (s !== undefined && id >> 32n !== BigInt(this.#options.epoch)) {
      this.#ended.add(id);
      if (this.#ended.size > this.#options.limits.sessionsMax) this.#ended.delete(this.#ended.values().next().value!);
    }
    return s;
  }

  /** Sessions whose deadline has passed (not removed; the caller expires them). */
  expired(): Session[] {
    const now = this.#options.now();
    const out: Session[] = [];
    for (const s of this.#sessions.values()) if (s.deadlineMs <= now) out.push(s);
    return out;
  }
}
