// Remote exceptions back to Shale's typed errors (STYLE.md §6): the reverse of the one table in
// src/api/errors.ts, so embedded and remote callers catch the same classes. A Java class with no
// Shale class becomes RemoteError carrying its name and the server's retry flags. Also the
// client-side failures of a connection (connect refused, connection lost, call timeout).

import * as errors from "../../src/api/errors.ts";
import { ShaleError, type ShaleErrorOptions } from "../../src/api/errors.ts";

type ErrorClass = (new (message: string, options?: ShaleErrorOptions) => ShaleError) & { javaClass: string };

/** java class name → Shale class; java.io.IOException stays generic (several classes share it). */
const BY_JAVA_CLASS: ReadonlyMap<string, ErrorClass> = buildTable();

function buildTable(): Map<string, ErrorClass> {
  const table = new Map<string, ErrorClass>();
  for (const value of Object.values(errors)) {
    if (typeof value !== "function" || !(value.prototype instanceof ShaleError)) continue;
    const cls = value as unknown as ErrorClass;
    if (cls.javaClass === ShaleError.javaClass || table.has(cls.javaClass)) continue;
    if (cls === (errors.KeeperError as unknown)) continue;
    table.set(cls.javaClass, cls);
  }
  return table;
}

/** An exception class the client has no typed class for; `javaClass` is the server's name. */
export class RemoteError extends ShaleError {
  override name = "RemoteError";
  readonly #javaClass: string;
  readonly #doNotRetry: boolean;
  /** Where a RegionMovedException says the region went. */
  readonly movedTo: { host: string; port: number } | undefined;
  /** The server asked for the longer overload pause (CallQueueTooBig, CallDropped). */
  readonly serverOverloaded: boolean;

  constructor(javaClass: string, message: string, flags: { doNotRetry: boolean; serverOverloaded?: boolean; movedTo?: { host: string; port: number } }) {
    super(message);
    this.#javaClass = javaClass;
    this.#doNotRetry = flags.doNotRetry;
    this.serverOverloaded = flags.serverOverloaded ?? false;
    this.movedTo = flags.movedTo;
  }

  override get javaClass(): string {
    return this.#javaClass;
  }

  override get doNotRetry(): boolean {
    return this.#doNotRetry;
  }
}

/** The TCP connection to a server could not be made; the server may be down or restarting. */
export class ServerUnreachableError extends ShaleError {
  static override readonly javaClass = "java.net.ConnectException";
  override name = "ServerUnreachableError";
}

/** The connection died with calls in flight; whether they ran on the server is unknown. */
export class ConnectionLostError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.exceptions.ConnectionClosingException";
  override name = "ConnectionLostError";
}

/** One RPC ran past its deadline (hbase.rpc.timeout); the connection is closed behind it. */
export class CallTimeoutError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.ipc.CallTimeoutException";
  override name = "CallTimeoutError";
}

/** The operation's retries or time ran out; `cause` is the last failure. */
export class RetriesExhaustedError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.client.RetriesExhaustedException";
  override name = "RetriesExhaustedError";
}

/** Fields of an ExceptionResponse or a Multi NameBytesPair the mapping reads. */
export interface WireFailure {
  className: string;
  /** "<class>: <message>\n\tat ..." or, for connection-level answers, the bare message. */
  stackTrace: string;
  doNotRetry?: boolean;
  serverOverloaded?: boolean;
  hostname?: string;
  port?: number;
}

/** The typed error for a remote failure. */
export function toRemoteError(wire: WireFailure): ShaleError {
  const message = messageOf(wire.className, wire.stackTrace);
  const cls = BY_JAVA_CLASS.get(wire.className);
  if (cls !== undefined) return new cls(message);
  const movedTo = wire.className.endsWith(".RegionMovedException") ? movedTarget(wire) : undefined;
  return new RemoteError(wire.className, message, {
    doNotRetry: wire.doNotRetry ?? false,
    serverOverloaded: wire.serverOverloaded ?? false,
    movedTo,
  });
}

/** The message Java would pass to the exception's String constructor, minus the class prefix and frames. */
function messageOf(className: string, stackTrace: string): string {
  let text = stackTrace;
  const frames = text.indexOf("\n\tat ");
  if (frames >= 0) text = text.slice(0, frames);
  const prefix = `${className}: `;
  if (text.startsWith(prefix)) text = text.slice(prefix.length);
  else if (text === className) text = "";
  return text.trimEnd();
}

/** RegionMovedException names its target in the header fields, or in its message text. */
function movedTarget(wire: WireFailure): { host: string; port: number } | undefined {
  if (wire.hostname !== undefined && wire.hostname !== "" && wire.port !== undefined && wire.port > 0) {
    return { host: wire.hostname, port: wire.port };
  }
  const host = /hostname=([^\s,]+)/.exec(wire.stackTrace)?.[1];
  const port = /port=(\d+)/.exec(wire.stackTrace)?.[1];
  if (host === undefined || port === undefined) return undefined;
  return { host, port: Number(port) };
}
