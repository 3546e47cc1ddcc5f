// Which segments still hold edits that are not yet in store files. Per segment it keeps each
// region's highest sequence id; per region the highest flushed one. A segment may be deleted once
// every region in it is flushed past its edits there, or forgotten (table dropped).

import { assert } from "../util/assert.ts";

export class SequenceIdAccounting {
  /** Segment number → region → highest sequence id of that region's edits in the segment. */
  #segments = new Map<bigint, Map<string, bigint>>();
  /** Region → highest sequence id known to be durable in store files. */
  #flushed = new Map<string, bigint>();

  /** Starts tracking segment `number` with the regions already in it (from replay) or none. */
  addSegment(number: bigint, regions: ReadonlyMap<string, bigint> = new Map()): void {
    assert(!this.#segments.has(number), "segment tracked once");
    this.#segments.set(number, new Map(regions));
  }

  /** Records that segment `number` holds an edit of `regionName` at `sequenceId`. */
  record(number: bigint, regionName: string, sequenceId: bigint): void {
    const regions = this.#segments.get(number);
    assert(regions !== undefined, "edits go to a tracked segment");
    const known = regions.get(regionName);
    if (known === undefined || sequenceId > known) regions.set(regionName, sequenceId);
  }

  /** Raises `regionName`'s flushed sequence id to `sequenceId` (never lowers it). */
  markFlushed(regionName: string, sequenceId: bigint): void {
    const known = this.#flushed.get(regionName);
    if (known === undefined || sequenceId > known) this.#flushed.set(regionName, sequenceId);
  }

  /** Drops `regionName` everywhere: its edits keep no segment alive any more. */
  forgetRegion(regionName: string): void {
    for (const regions of this.#segments.values()) regions.delete(regionName);
    this.#flushed.delete(regionName);
  }

  /** Removes and returns, in number order, the segments other than `current` whose edits are all flushed. */
  takeFlushedSegments(current: bigint | undefined): bigint[] {
    const done: bigint[] = [];
    for (const [number, regions] of this.#segments) {
      if (number !== current && this.#allFlushed(regions)) done.push(number);
    }
    done.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const number of done) this.#segments.delete(number);
    return done;
  }

  /** Segment numbers tracked, in number order. */
  segmentNumbers(): bigint[] {
    return [...this.#segments.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  #allFlushed(regions: ReadonlyMap<string, bigint>): boolean {
    for (const [regionName, highest] of regions) {
      const flushed = this.#flushed.get(regionName);
      if (flushed === undefined || highest > flushed) return false;
    }
    return true;
  }
}
