// Nonces of Increment and Append (hbase-rpc.md §7.1.2): a retried call with the same
// (nonce group, nonce) within the grace period gets the first call's result instead of applying
// twice. Bounded by count (oldest dropped first) and by age.

import type { Cell } from "../../src/cell/cell.ts";
import type { RpcLimits } from "../../src/util/limits.ts";

export class NonceCache {
  readonly #entries = new Map<string, { at: number; cells: Cell[] }>();
  readonly #limits: RpcLimits;

  constructor(limits: RpcLimits) {
    this.#limits = limits;
  }

  /** The remembered result, or undefined. A zero nonce is never remembered (HBase's NO_NONCE). */
  lookup(group: bigint, nonce: bigint | undefined): Cell[] | undefined {
    if (nonce === undefined || nonce === 0n) return undefined;
    const e = this.#entries.get(`${group}:${nonce}`);
    if (e === undefined || performance.now() - e.at > this.#limits.nonceGracePeriodMs) return undefined;
    return e.cells;
  }

  remember(group: bigint, nonce: bigint | undefined, cells: Cell[]): void {
    if (nonce === undefined || nonce === 0n) return;
    this.#entries.set(`${group}:${nonce}`, { at: performance.now(), cells });
    while (this.#entries.size > this.#limits.noncesRemembered) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
