// Retrying an embedded operation the way HBase's client does: after NotServingRegionException
// (the region split or closed under it) look the region up again and resend; after
// RegionTooBusyException (MemStore over its blocking size) back off and resend. Bounded in count,
// with a pause that grows up to a cap.

import { NotServingRegionError, RegionTooBusyError } from "../api/errors.ts";
import type { Limits } from "../util/limits.ts";

/** Whether an embedded caller should resend after `error`. */
export function isRetryable(error: unknown): boolean {
  return error instanceof NotServingRegionError || error instanceof RegionTooBusyError;
}

/**
 * Runs `attempt` until it does not fail with a retryable error, at most relocateRetriesMax times.
 * `triesDone` counts attempts the caller already made (and paused after) itself.
 */
export async function withRelocation<T>(limits: Limits, attempt: () => Promise<T>, triesDone = 0): Promise<T> {
  for (let tries = triesDone; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error) || tries >= limits.relocateRetriesMax) throw error;
      await retryPause(limits, tries);
    }
  }
}

/** Waits before retry number `tries` (0-based): relocatePauseMs doubled per try, up to 64 times it. */
export function retryPause(limits: Limits, tries: number): Promise<void> {
  const ms = limits.relocatePauseMs * 2 ** Math.min(tries, 6);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
