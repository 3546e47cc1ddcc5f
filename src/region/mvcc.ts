// Multi-version concurrency control for one region (data-semantics.md §4.9, §3.5). Every
// mini-batch takes the next write number, which is also its cells' sequence id; the read point
// advances only over a contiguous prefix of completed write numbers, so a reader never sees half a
// write, and a writer is acknowledged only once the read point has passed it.

import { assert } from "../util/assert.ts";

export class Mvcc {
  #writePoint: bigint;
  #readPoint: bigint;
  readonly #completed = new Set<bigint>();
  readonly #waiters: { seqId: bigint; resolve: () => void }[] = [];

  /** Starts with everything up to `sequenceId` visible. */
  constructor(sequenceId: bigint) {
    this.#writePoint = sequenceId;
    this.#readPoint = sequenceId;
  }

  get readPoint(): bigint {
    return this.#readPoint;
  }

  /** Highest write number handed out. */
  get writePoint(): bigint {
    return this.#writePoint;
  }

  /** Moves both points forward to at least `sequenceId` (after WAL replay). No write may be open. */
  advanceTo(sequenceId: bigint): void {
    assert(this.#readPoint === this.#writePoint, "advancing MVCC with writes in flight");
    if (sequenceId > this.#writePoint) {
      this.#writePoint = sequenceId;
      this.#readPoint = sequenceId;
    }
  }

  /** Takes the next write number. */
  begin(): bigint {
    this.#writePoint += 1n;
    return this.#writePoint;
  }

  /** Marks a write number done (applied or abandoned) and advances the read point. */
  complete(seqId: bigint): void {
    assert(seqId > this.#readPoint && seqId <= this.#writePoint, "completing an unknown write number");
    assert(!this.#completed.has(seqId), "completing a write number twice");
    this.#completed.add(seqId);
    while (this.#completed.has(this.#readPoint + 1n)) {
      this.#completed.delete(this.#readPoint + 1n);
      this.#readPoint += 1n;
    }
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      if (this.#waiters[i].seqId <= this.#readPoint) this.#waiters.splice(i, 1)[0].resolve();
    }
  }

  /** Resolves once the read point has reached `seqId`. */
  waitForRead(seqId: bigint): Promise<void> {
    if (seqId <= this.#readPoint) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ seqId, resolve }));
  }
}
