// The periodic chore that starts time-based major compactions (hbase.hregion.majorcompaction,
// with per-store jitter), catches minor compactions (and daughters' reference rewrites) a busy
// flush path did not start, and runs the catalog janitor. Runs on an unref'd timer so it never
// keeps the process alive.

import { log } from "../util/log.ts";
import type { Region } from "./region.ts";

export class CompactionChore {
  readonly #timer: ReturnType<typeof setInterval>;
  #running = false;

  /**
   * Every `intervalMs`, checks the regions `regions()` returns, then runs `janitor` (which removes
   * split parents no daughter reads any more).
   */
  constructor(options: { regions: () => Region[]; janitor: () => Promise<unknown>; intervalMs: number }) {
    this.#timer = setInterval(() => void this.#tick(options.regions(), options.janitor), options.intervalMs);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #tick(regions: Region[], janitor: () => Promise<unknown>): Promise<void> {
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
      await janitor().catch((error) => log.error("Catalog janitor failed", { error: String(error) }));
    } finally {
      this.#running = false;
    }
  }
}
