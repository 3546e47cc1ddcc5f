// What every remote operation shares: options, the connection pool, the region locator, the
// registry, the nonce group, and the one retry loop that ties a region-targeted call to the
// locator (relocate, back off, drop a dead server, fail fast on a disabled or missing table).

import { TableNotEnabledError, TableNotFoundError } from "../src/api/errors.ts";
import { type TableName, tableNameString } from "../src/api/table-name.ts";
import type { ResolvedOptions } from "./client-options.ts";
import type { RegionLocator, LocateMode } from "./locator/region-locator.ts";
import type { RegionLocation } from "./locator/region-location.ts";
import type { ConnectionRegistry } from "./registry/registry.ts";
import { addressKey, type ConnectionPool } from "./rpc/connection-pool.ts";
import { type RetryDecision, withRetries } from "./retry-policy.ts";
import type { ResponseCache } from "./operations/response-cache.ts";

export interface ClientContext {
  readonly options: ResolvedOptions;
  readonly pool: ConnectionPool;
  readonly locator: RegionLocator;
  readonly registry: ConnectionRegistry;
  readonly nonceGroup: bigint;
  readonly responseCache: ResponseCache | undefined;
  newNonce(): bigint;
}

/** Where a region-targeted call goes. */
export interface RegionTarget {
  table: TableName;
  row: Uint8Array;
  mode?: LocateMode;
  what: string;
}

/** Locates the region for `target`, runs `call` against it, and retries per the retry policy. */
export function callRegion<T>(ctx: ClientContext, target: RegionTarget, call: (location: RegionLocation) => Promise<T>): Promise<T> {
  let location: RegionLocation | undefined;
  return withRetries({
    options: ctx.options,
    what: target.what,
    react: (error, decision) => reactToFailure(ctx, target.table, location, decision),
  }, async () => {
    location = undefined;
    location = await ctx.locator.locate(target.table, target.row, target.mode ?? "at");
    return call(location);
  });
}

/** Updates the cache after a failure; throws to fail fast when the table is disabled or gone. */
export async function reactToFailure(ctx: ClientContext, table: TableName, location: RegionLocation | undefined, decision: RetryDecision): Promise<void> {
  if (decision.kind === "dead-server") {
    if (location?.server !== undefined) ctx.locator.forgetServer(addressKey(location.server));
    else ctx.registry.invalidate();
    return;
  }
  if (decision.kind !== "relocate") return;
  if (location !== undefined) {
    if (decision.movedTo !== undefined) ctx.locator.moved(location, decision.movedTo);
    else ctx.locator.invalidate(location);
  }
  if (decision.notServing) await failIfTableUnavailable(ctx, table);
}

/** After NotServingRegion the Java client reads table:state: disabled fails with TableNotEnabled, gone with TableNotFound. */
export async function failIfTableUnavailable(ctx: ClientContext, table: TableName): Promise<void> {
  let state;
  try {
    state = await ctx.locator.tableState(table);
  } catch {
    return; // meta unreachable: the retry loop finds out
  }
  const name = tableNameString(table);
  if (state === undefined) {
    ctx.locator.clearTable(table);
    throw new TableNotFoundError(name);
  }
  if (state === "DISABLED" || state === "DISABLING") throw new TableNotEnabledError(`${name} is disabled.`);
}
