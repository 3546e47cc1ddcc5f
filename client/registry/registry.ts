// How the client finds the cluster (hbase-rpc.md §2): where hbase:meta is served, where the active
// master is, and the cluster id. Two implementations: ZooKeeper znodes (zk-registry.ts) and
// ClientMetaService on bootstrap servers (rpc-registry.ts). Answers are cached until invalidate().

import type { ServerAddress } from "../rpc/connection-pool.ts";

export interface ConnectionRegistry {
  /** The server holding hbase:meta,,1. */
  metaLocation(): Promise<ServerAddress>;
  /** The active master (MasterService). */
  activeMaster(): Promise<ServerAddress>;
  clusterId(): Promise<string>;
  /** Forgets cached answers; the next call reads them again (after a meta or master error). */
  invalidate(): void;
  close(): Promise<void>;
}

/** Parses "host:port[,host:port]" with a default port. */
export function parseAddresses(list: string, defaultPort: number): ServerAddress[] {
  return list.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map((s) => {
    const colon = s.lastIndexOf(":");
    if (colon < 0) return { host: s, port: defaultPort };
    return { host: s.slice(0, colon), port: Number(s.slice(colon + 1)) };
  });
}
