// startServer(): the whole standalone server in one process — engine, ZooKeeper endpoint,
// master and region server RPC listeners (one dispatch table), location znodes naming the bound
// ports — and its orderly shutdown. Used by server/main.ts and by tests in any language.

import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { openEngine } from "../src/embedded/open.ts";
import { type Limits, RPC_LIMITS, type RpcLimits } from "../src/util/limits.ts";
import { log } from "../src/util/log.ts";
import { startZkEndpoint } from "./zookeeper/zk-endpoint.ts";
import { hbaseSiteXml, type ServerPorts } from "./config.ts";
import { MasterEvents } from "./master/master-events.ts";
import { registerMasterService } from "./master/master-service.ts";
import { ProcedureStore } from "./master/procedure-store.ts";
import { MetaRegion } from "./meta/meta-region.ts";
import type { ServingServer } from "../src/catalog/meta-rows.ts";
import { newRpcShared, startRpcListener } from "./rpc/rpc-server.ts";
import { ServiceRegistry } from "./rpc/service-registry.ts";
import { registerAdminService } from "./services/admin-service.ts";
import { registerClientMetaService } from "./services/client-meta-service.ts";
import { registerClientService } from "./services/client-service.ts";
import { NonceCache } from "./services/nonce-cache.ts";
import { RegionResolver } from "./services/region-resolver.ts";
import { ScannerRegistry } from "./services/scanner-registry.ts";
import type { ServerContext } from "./services/server-context.ts";

export interface StartServerOptions {
  /** Data directory (default ./data). */
  dataDir?: string;
  /** Ports; 0 picks a free one. Defaults 2181, 16000, 16020. */
  ports?: Partial<ServerPorts>;
  /** Address to bind and publish (default 127.0.0.1). */
  host?: string;
  /** RPC limit overrides (tests shorten the scanner lease, shrink the call queue...). */
  rpcLimits?: Partial<RpcLimits>;
  /** Engine limit overrides (tests shrink regionSplitSizeBytes, memstoreFlushSizeBytes...). */
  engineLimits?: Partial<Limits>;
}

export interface RunningServer {
  readonly host: string;
  readonly ports: ServerPorts;
  /** "host:port" of the ZooKeeper endpoint (hbase.zookeeper.quorum, gohbase's zkquorum). */
  readonly quorum: string;
  readonly clusterId: string;
  /** A ready-to-use hbase-site.xml. */
  readonly hbaseSiteXml: string;
  readonly context: ServerContext;
  close(): Promise<void>;
}

/** Starts everything; resolves once every port is bound and the znodes are published. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? "./data";
  const host = options.host ?? "127.0.0.1";
  const limits: RpcLimits = { ...RPC_LIMITS, ...options.rpcLimits };
  const startCode = BigInt(Date.now());
  await mkdir(dataDir, { recursive: true });
  const clusterId = await readOrCreateClusterId(dataDir);
  const engine = await openEngine(join(dataDir, "store"), { limits: options.engineLimits });
  const registry = new ServiceRegistry();
  const shared = newRpcShared(registry, limits, clusterId);
  const cleanups: (() => Promise<void>)[] = [() => engine.connection.close()];
  try {
    const zk = await startZkEndpoint({ host, port: options.ports?.zookeeper ?? 2181, dataDir: join(dataDir, "zookeeper") });
    cleanups.unshift(() => zk.close());
    const masterListener = await startRpcListener(shared, host, options.ports?.master ?? 16000);
    cleanups.unshift(() => masterListener.close());
    const rsListener = await startRpcListener(shared, host, options.ports?.regionServer ?? 16020);
    cleanups.unshift(() => rsListener.close());
    const publishHost = host === "0.0.0.0" || host === "::" ? hostname() : host;
    const regionServer: ServingServer = { host: publishHost, port: rsListener.port, startCode };
    const master: ServingServer = { host: publishHost, port: masterListener.port, startCode };
    await engine.catalog.setServing(regionServer);
    const meta = new MetaRegion(engine.catalog.meta);
    const events = new MasterEvents();
    const context: ServerContext = {
      engine, meta, regions: new RegionResolver(engine.catalog, meta), regionServer, master, clusterId, limits,
      scanners: new ScannerRegistry(limits, startCode), nonces: new NonceCache(limits),
      procedures: new ProcedureStore(limits, events, engine.clock), events,
      switches: { balancer: true, normalizer: false, catalogJanitor: true, cleanerChore: true, split: true, merge: true, snapshotCleanup: true, rpcThrottle: false },
      infoPort: 0,
    };
    cleanups.unshift(async () => context.scanners.closeAll());
    registerClientService(registry, context);
    registerAdminService(registry, context);
    registerMasterService(registry, context);
    registerClientMetaService(registry, context);
    await zk.locations.publish({ clusterId, master, metaRegionServer: regionServer, regionServers: [regionServer] });
    const ports = { zookeeper: zk.port, master: masterListener.port, regionServer: rsListener.port };
    log.info("shale server started", { host, ...ports, dataDir, clusterId });
    let closing: Promise<void> | undefined;
    return {
      host, ports, quorum: zk.quorum, clusterId, hbaseSiteXml: hbaseSiteXml(host, ports), context,
      close: () => (closing ??= runCleanups(cleanups)),
    };
  } catch (error) {
    await runCleanups(cleanups);
    throw error;
  }
}

async function runCleanups(cleanups: (() => Promise<void>)[]): Promise<void> {
  for (const c of cleanups) {
    try {
      await c();
    } catch (error) {
      log.error("error during shutdown", { error: String(error) });
    }
  }
}

/** The cluster id kept in <dataDir>/hbase.id (HBase keeps it in the hbase.id file). */
async function readOrCreateClusterId(dataDir: string): Promise<string> {
  const path = join(dataDir, "hbase.id");
  try {
    const text = (await readFile(path, "utf8")).trim();
    if (/^[0-9a-f-]{36}$/.test(text)) return text;
  } catch {
    // absent: create below
  }
  const id = randomUUID();
  await writeFile(path, `${id}\n`);
  return id;
}
