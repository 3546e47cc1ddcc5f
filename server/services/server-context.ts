// What the RPC services share: the engine, the virtual meta region, this server's identity, the
// cluster id, scanners, nonces, procedures and the master's event dispatcher.

import type { Engine } from "../../src/embedded/open.ts";
import type { RpcLimits } from "../../src/util/limits.ts";
import type { ServingServer } from "../../src/catalog/meta-rows.ts";
import type { MetaRegion } from "../meta/meta-region.ts";
import type { MasterEvents } from "../master/master-events.ts";
import type { ProcedureStore } from "../master/procedure-store.ts";
import type { NonceCache } from "./nonce-cache.ts";
import type { RegionResolver } from "./region-resolver.ts";
import type { ScannerRegistry } from "./scanner-registry.ts";

export interface ServerContext {
  readonly engine: Engine;
  readonly meta: MetaRegion;
  readonly regions: RegionResolver;
  /** The region server (ClientService, AdminService): what meta's info:server names. */
  readonly regionServer: ServingServer;
  /** The master (MasterService): what the master znode names. */
  readonly master: ServingServer;
  readonly clusterId: string;
  readonly limits: RpcLimits;
  readonly scanners: ScannerRegistry;
  readonly nonces: NonceCache;
  readonly procedures: ProcedureStore;
  readonly events: MasterEvents;
  readonly switches: { balancer: boolean; normalizer: boolean; catalogJanitor: boolean; cleanerChore: boolean; split: boolean; merge: boolean; snapshotCleanup: boolean; rpcThrottle: boolean };
  /** Info (HTTP) port published for the master, 0 when none. */
  readonly infoPort: number;
}
