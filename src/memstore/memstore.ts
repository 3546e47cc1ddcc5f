// The MemStore of one Store: an active CellSet taking writes and, while a flush runs, the
// snapshot being written out. Readers scan both. Sizes are estimates (cell heap size) used for
// flush triggers and back-pressure.

import { assert } from "../util/assert.ts";
import type { Cell } from "../cell/cell.ts";
import { heapSize } from "../cell/cell.ts";
import { masksAllOlder } from "../cell/cell-type.ts";
import type { KeyValueScanner } from "../scan/key-value-scanner.ts";
import { MemStoreScanner } from "./memstore-scanner.ts";
import { CellSet } from "./cell-set.ts";
import { LONG_MAX, LONG_MIN } from "../util/int64.ts";
import { shouldUseSource, type SourceSelection, type TimeSpan } from "../scan/source-selection.ts";

/** A frozen segment handed to flush. */
export interface MemStoreSnapshot {
  readonly list: CellSet;
  readonly sizeBytes: number;
  readonly cellCount: number;
  readonly span: TimeSpan;
}

/** Timestamps seen by a segment (HBase's TimeRangeTracker); empty while min > max. */
class SegmentSpan implements TimeSpan {
  minTimestamp = LONG_MAX;
  maxTimestamp = LONG_MIN;

  add(ts: bigint): void {
    if (ts < this.minTimestamp) this.minTimestamp = ts;
    if (ts > this.maxTimestamp) this.maxTimestamp = ts;
  }
}

export class MemStore {
  #active = new CellSet();
  #activeBytes = 0;
  #activeSpan = new SegmentSpan();
  #snapshot: MemStoreSnapshot | undefined;

  /** Bytes in the active segment plus the snapshot being flushed. */
  get sizeBytes(): number {
    return this.#activeBytes + (this.#snapshot?.sizeBytes ?? 0);
  }

  get activeSizeBytes(): number {
    return this.#activeBytes;
  }

  get isEmpty(): boolean {
    return this.#active.count === 0 && this.#snapshot === undefined;
  }

  add(cell: Cell): void {
    if (this.#active.insert(cell)) this.#activeBytes += heapSize(cell);
    this.#activeSpan.add(cell.timestamp);
    if (masksAllOlder(cell.type)) this.#activeSpan.add(0n);
  }

  /** Freezes the active segment for flushing. At most one snapshot exists at a time. */
  snapshot(): MemStoreSnapshot {
    assert(this.#snapshot === undefined, "a MemStore snapshot is already being flushed");
    const snap = { list: this.#active, sizeBytes: this.#activeBytes, cellCount: this.#active.count, span: this.#activeSpan };
    this.#snapshot = snap;
    this.#active = new CellSet();
    this.#activeBytes = 0;
    this.#activeSpan = new SegmentSpan();
    return snap;
  }

  /** Drops the snapshot once its store file is recorded. */
  clearSnapshot(snapshot: MemStoreSnapshot): void {
    assert(this.#snapshot === snapshot, "clearing a snapshot that is not the current one");
    this.#snapshot = undefined;
  }

  /** Puts the snapshot's cells back after a failed flush, so nothing is lost. */
  restoreSnapshot(snapshot: MemStoreSnapshot): void {
    assert(this.#snapshot === snapshot, "restoring a snapshot that is not the current one");
    for (const cell of snapshot.list.toArray()) this.add(cell);
    this.#snapshot = undefined;
  }

  /** Scanners over the active segment and the snapshot (if any) that `selection` wants (all without one). */
  scanners(selection?: SourceSelection): KeyValueScanner[] {
    const out: KeyValueScanner[] = [];
    if (selection === undefined || shouldUseSource(this.#activeSpan, selection)) out.push(new MemStoreScanner(this.#active));
    const snap = this.#snapshot;
    if (snap !== undefined && (selection === undefined || shouldUseSource(snap.span, selection))) out.push(new MemStoreScanner(snap.list));
    return out;
  }
}
