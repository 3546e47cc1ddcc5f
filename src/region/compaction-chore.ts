// The periodic chore that starts time-based major compactions (hbase.hregion.majorcompaction,
// with per-store jitter) and catches minor compactions a busy flush path did not start. Runs on
// an unref'd timer so it never keeps the process alive.

import { log } from "../util/log.ts";
import type { Region } from "./region.ts";

export class CompactionChore {
  readonly #timer: ReturnType<typeof setInterval>;
  #running = false;

  /** Every `intervalMs`, checks the regions `regions()` returns. */
  constructor(regions: () => Region[], intervalMs: number) {
    this.#timer = setInterval(() => void this.#tick(regions()), intervalMs);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #tick(regions: Region[]): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (const region of regions) {
        if (region.closed) continue;
        const need = region.needsCompaction();
        if (!need.major && !need.minor) continue;
        await region.compact({ major: need.major }).catch((error) =>
          log.error("Compaction chore failed", { region: region.info.encodedName, error: String(error) })
        );
      }
    } finally {
      this.#running = false;
    }
  }
}
