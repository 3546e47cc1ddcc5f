// Connections by (server, service): connectionsPerHost sockets each, opened on first use and
// shared by every caller, calls spread round robin. A connection that dies with calls in flight,
// or a server that refuses connections, is reported through onServerDead so the locator can mark
// every region on that server for re-lookup (gohbase's "dead region client").

import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { assert } from "../../src/util/assert.ts";
import { ConnectionClosedError, type ShaleError } from "../../src/api/errors.ts";
import type { ResolvedOptions } from "../client-options.ts";
import { type CallReply, ServerConnection } from "./server-connection.ts";

export interface ServerAddress {
  host: string;
  port: number;
}

export function addressKey(address: ServerAddress): string {
  return `${address.host}:${address.port}`;
}

interface Slots {
  connections: (ServerConnection | Promise<ServerConnection> | undefined)[];
  next: number;
}

export class ConnectionPool {
  readonly #options: ResolvedOptions;
  readonly #slots = new Map<string, Slots>();
  readonly #onServerDead: (address: string, error: ShaleError) => void;
  #closed = false;

  constructor(options: ResolvedOptions, onServerDead: (address: string, error: ShaleError) => void) {
    this.#options = options;
    this.#onServerDead = onServerDead;
  }

  /** One RPC to `address` on `service`; the timeout defaults to rpcTimeoutMs. */
  async call<I extends DescMessage, O extends DescMessage>(
    target: { address: ServerAddress; service: string },
    method: string,
    request: { schema: I; message: MessageShape<I> },
    responseSchema: O,
    extra: { cellBlock?: Uint8Array; timeoutMs?: number } = {},
  ): Promise<CallReply<MessageShape<O>>> {
    const conn = await this.#connection(target.address, target.service);
    return conn.call(method, request, responseSchema, { timeoutMs: extra.timeoutMs ?? this.#options.rpcTimeoutMs, cellBlock: extra.cellBlock });
  }

  async #connection(address: ServerAddress, service: string): Promise<ServerConnection> {
    if (this.#closed) throw new ConnectionClosedError("The connection is closed");
    const key = `${addressKey(address)}/${service}`;
    let slots = this.#slots.get(key);
    if (slots === undefined) {
      slots = { connections: new Array(this.#options.connectionsPerHost).fill(undefined), next: 0 };
      this.#slots.set(key, slots);
    }
    const index = slots.next;
    slots.next = (index + 1) % slots.connections.length;
    const current = slots.connections[index];
    if (current instanceof ServerConnection && !current.isClosed) return current;
    if (current instanceof Promise) return current;
    const opening = this.#open(address, service, slots, index);
    slots.connections[index] = opening;
    return opening;
  }

  async #open(address: ServerAddress, service: string, slots: Slots, index: number): Promise<ServerConnection> {
    try {
      const conn = await ServerConnection.open({
        host: address.host, port: address.port, service, user: this.#options.user,
        connectTimeoutMs: this.#options.connectTimeoutMs, queueSizeMax: this.#options.queueSizeMax,
        flushIntervalMs: this.#options.flushIntervalMs, responseSizeBytesMax: this.#options.responseSizeBytesMax,
      });
      conn.onClose((error, hadCalls) => {
        if (slots.connections[index] === conn) slots.connections[index] = undefined;
        if (hadCalls && !this.#closed) this.#onServerDead(addressKey(address), error);
      });
      if (this.#closed) conn.close();
      slots.connections[index] = conn;
      return conn;
    } catch (error) {
      slots.connections[index] = undefined;
      if (!this.#closed) this.#onServerDead(addressKey(address), error as ShaleError);
      throw error;
    }
  }

  /** Closes every connection; calls in flight fail with ConnectionClosedError-like errors. */
  async close(): Promise<void> {
    this.#closed = true;
    const all: Promise<unknown>[] = [];
    for (const slots of this.#slots.values()) {
      for (const c of slots.connections) {
        if (c instanceof ServerConnection) c.close();
        else if (c instanceof Promise) all.push(c.then((conn) => conn.close(), () => undefined));
      }
    }
    await Promise.all(all);
    this.#slots.clear();
    assert(this.#slots.size === 0, "pool emptied");
  }
}
