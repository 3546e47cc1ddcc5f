// Options of the remote client and their defaults: every retry count, wait, queue and cache
// bound the client uses is named here once, with the HBase (or gohbase) setting it mirrors.
// connect() merges the caller's overrides into CLIENT_DEFAULTS; nothing else invents a bound.

import { IllegalArgumentError } from "../src/api/errors.ts";

export const CLIENT_DEFAULTS = {
  /** Tries per operation after the first; hbase.client.retries.number (Java: 15). */
  retriesMax: 15,
  /** Base pause before a retry, scaled by the backoff table; hbase.client.pause (Java: 100 ms). */
  pauseMs: 100,
  /** Base pause after CallQueueTooBig; hbase.client.pause.server.overloaded. */
  pauseServerOverloadedMs: 500,
  /** Random extra fraction of each pause, so callers retrying together spread out (Java: 1%). */
  pauseJitter: 0.1,
  /** Whole-operation deadline across retries; hbase.client.operation.timeout (Java: 20 min). */
  operationTimeoutMs: 120_000,
  /** One RPC's deadline; hbase.rpc.timeout (Java: 60 s). The call fails with CallTimeout after it. */
  rpcTimeoutMs: 60_000,
  /** TCP connect deadline; hbase.ipc.client.socket.timeout.connect (Java: 10 s). */
  connectTimeoutMs: 10_000,
  /** Frames queued on one connection before the queue is written at once; gohbase RpcQueueSize. */
  queueSizeMax: 100,
  /** Longest wait of a queued frame while other calls are in flight; gohbase FlushInterval (20 ms). 0 = write at once. */
  flushIntervalMs: 0,
  /** TCP connections per region server and service; calls spread over them round robin. */
  connectionsPerHost: 1,
  /** Largest response frame accepted; bigger frames close the connection. */
  responseSizeBytesMax: 256 * 1024 * 1024,
  /** Meta rows read per region lookup, cached ahead; hbase.client.locate.prefetch.limit. */
  locatePrefetchRows: 10,
  /** Rows per scanner round trip when the Scan does not say; hbase.client.scanner.caching. */
  scannerCaching: 100,
  /** Bytes per scanner round trip when the Scan does not say; hbase.client.scanner.max.result.size. */
  scannerMaxResultSizeBytes: 2 * 1024 * 1024,
  /** A scanner idle this long is renewed so its lease does not run out; half the server lease. */
  scannerRenewIntervalMs: 30_000,
  /** Actions per MultiRequest; a bigger batch goes out as several. */
  multiActionsMax: 1_000,
  /** Pending bytes a BufferedMutator holds before it flushes; hbase.client.write.buffer (2 MiB). */
  writeBufferBytes: 2 * 1024 * 1024,
  /** Get results kept by the optional response cache; 0 turns the cache off (Hank ResponseCacheNumItems). */
  responseCacheEntriesMax: 0,
  /** Age after which a cached Get result is not served; Hank ResponseCacheExpiryTime. */
  responseCacheTtlMs: 1_000,
  /** Gets in one multi-get call (one Multi per region server beyond one Get). */
  multiGetSizeMax: 10_000,
} as const;

export type ClientTuning = { -readonly [K in keyof typeof CLIENT_DEFAULTS]: number };

/** How to reach the cluster: a ZooKeeper quorum, or RPC bootstrap servers (ClientMetaService). */
export interface ConnectOptions extends Partial<ClientTuning> {
  /** "host:port[,host:port]" of ZooKeeper (hbase.zookeeper.quorum). */
  zookeeperQuorum?: string;
  /** Base znode (zookeeper.znode.parent); default "/hbase". */
  zookeeperRoot?: string;
  /** "host:port[,...]" of masters or region servers serving ClientMetaService (hbase.client.bootstrap.servers). */
  bootstrapServers?: string;
  /** The user announced in every ConnectionHeader; default "shale". */
  user?: string;
}

export interface ResolvedOptions extends ClientTuning {
  zookeeperQuorum: string | undefined;
  zookeeperRoot: string;
  bootstrapServers: string | undefined;
  user: string;
}

/** Defaults merged with the caller's options; throws IllegalArgumentError on a bad value. */
export function resolveOptions(options: ConnectOptions): ResolvedOptions {
  const out = { ...CLIENT_DEFAULTS } as ClientTuning;
  for (const key of Object.keys(CLIENT_DEFAULTS) as (keyof ClientTuning)[]) {
    const v = options[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new IllegalArgumentError(`Option ${key} must be a non-negative number, got ${String(v)}`);
    }
    out[key] = v;
  }
  if (out.connectionsPerHost < 1) throw new IllegalArgumentError("Option connectionsPerHost must be at least 1");
  if (out.queueSizeMax < 1) throw new IllegalArgumentError("Option queueSizeMax must be at least 1");
  if (options.zookeeperQuorum === undefined && options.bootstrapServers === undefined) {
    throw new IllegalArgumentError("connect() needs zookeeperQuorum or bootstrapServers");
  }
  return {
    ...out,
    zookeeperQuorum: options.zookeeperQuorum,
    zookeeperRoot: options.zookeeperRoot ?? "/hbase",
    bootstrapServers: options.bootstrapServers,
    user: options.user ?? "shale",
  };
}
