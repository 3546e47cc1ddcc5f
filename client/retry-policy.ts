// What to do after a failed attempt (hbase-rpc.md §8.1, DESIGN.md step 5), by exception class as
// the Java client and gohbase decide it: relocate the region (NotServingRegion, RegionMoved,
// RegionOpening, WrongRegion), back off and resend (RegionTooBusy, CallQueueTooBig,
// ServerNotRunningYet, ...), drop the whole server (connection lost or refused, call timeout),
// or fail at once (DoNotRetryIOException and its subclasses). Retries are bounded by count and by
// the operation deadline; pauses follow HBase's backoff table with random jitter.

import { ShaleError } from "../src/api/errors.ts";
import { AssertionError } from "../src/util/assert.ts";
import type { ClientTuning } from "./client-options.ts";
import { CallTimeoutError, ConnectionLostError, RemoteError, RetriesExhaustedError, ServerUnreachableError } from "./rpc/remote-error.ts";

export type RetryDecision =
  | { kind: "fail" }
  | { kind: "relocate"; movedTo?: { host: string; port: number }; notServing: boolean }
  | { kind: "backoff"; overloaded: boolean }
  | { kind: "dead-server" };

const HBASE = "org.apache.hadoop.hbase.";
const RELOCATE = new Set([
  `${HBASE}NotServingRegionException`, `${HBASE}exceptions.RegionMovedException`, `${HBASE}exceptions.RegionOpeningException`,
  `${HBASE}regionserver.WrongRegionException`, `${HBASE}client.NoServerForRegionException`, `${HBASE}client.RegionOfflineException`,
]);
const BACKOFF = new Set([
  `${HBASE}RegionTooBusyException`, `${HBASE}CallQueueTooBigException`, `${HBASE}ipc.ServerNotRunningYetException`,
  `${HBASE}PleaseHoldException`, `${HBASE}RetryImmediatelyException`, `${HBASE}quotas.RpcThrottlingException`,
  `${HBASE}CallDroppedException`, `${HBASE}MultiActionResultTooLarge`,
]);
const DEAD_SERVER = new Set([
  `${HBASE}regionserver.RegionServerAbortedException`, `${HBASE}regionserver.RegionServerStoppedException`,
  `${HBASE}exceptions.MasterStoppedException`,
]);
const OVERLOADED = new Set([`${HBASE}CallQueueTooBigException`, `${HBASE}CallDroppedException`]);

/** HBase's HConstants.RETRY_BACKOFF: multiples of the base pause per attempt. */
const RETRY_BACKOFF = [1, 2, 3, 5, 10, 20, 40, 100, 100, 100, 100, 200, 200];

/** Sorts a failure into one of the four reactions. */
export function classifyError(error: unknown): RetryDecision {
  if (error instanceof AssertionError) return { kind: "fail" };
  if (error instanceof ServerUnreachableError || error instanceof ConnectionLostError || error instanceof CallTimeoutError) {
    return { kind: "dead-server" };
  }
  if (!(error instanceof ShaleError)) return { kind: "backoff", overloaded: false }; // registry or ZooKeeper trouble
  const cls = error.javaClass;
  if (RELOCATE.has(cls)) {
    const movedTo = error instanceof RemoteError ? error.movedTo : undefined;
    return { kind: "relocate", movedTo, notServing: cls === `${HBASE}NotServingRegionException` };
  }
  if (BACKOFF.has(cls)) return { kind: "backoff", overloaded: OVERLOADED.has(cls) || (error instanceof RemoteError && error.serverOverloaded) };
  if (DEAD_SERVER.has(cls)) return { kind: "dead-server" };
  if (error.doNotRetry) return { kind: "fail" };
  return { kind: "relocate", notServing: false }; // Java drops the cached location for any other retryable error
}

/** The pause before attempt `attempt` (1-based retry number), jittered. */
export function pauseBeforeRetryMs(attempt: number, options: ClientTuning, overloaded: boolean, random: () => number = Math.random): number {
  const base = overloaded ? options.pauseServerOverloadedMs : options.pauseMs;
  const step = RETRY_BACKOFF[Math.min(Math.max(attempt - 1, 0), RETRY_BACKOFF.length - 1)];
  const pause = base * step;
  return pause + pause * options.pauseJitter * random();
}

export interface RetryContext {
  options: ClientTuning;
  /** Reacts to a failure before the next attempt (drop the cached region, mark a server dead...). May throw to fail. */
  react?: (error: unknown, decision: RetryDecision) => Promise<void> | void;
  /** What the operation is, for messages. */
  what: string;
}

/** Runs `attempt` until it succeeds, fails for good, or retries/time run out. */
export async function withRetries<T>(ctx: RetryContext, attempt: (tries: number) => Promise<T>): Promise<T> {
  const deadline = Date.now() + ctx.options.operationTimeoutMs;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt(tries);
    } catch (error) {
      const decision = classifyError(error);
      if (decision.kind === "fail") throw error;
      await ctx.react?.(error, decision);
      const pause = decision.kind === "relocate" && tries === 0 ? 0 : pauseBeforeRetryMs(tries + 1, ctx.options, decision.kind === "backoff" && decision.overloaded);
      if (tries >= ctx.options.retriesMax || Date.now() + pause > deadline) {
        throw new RetriesExhaustedError(`${ctx.what} failed after ${tries + 1} attempts: ${(error as Error).message}`, { cause: error });
      }
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
