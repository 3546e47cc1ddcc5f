// Procedure ids and results (hbase-rpc.md §7.4). Every table and namespace operation runs as a
// procedure: it gets an increasing id, runs to completion inside the RPC (preconditions throw
// from the RPC itself), and getProcedureResult answers FINISHED, with the exception when the
// work failed after acceptance. Ids never handed out also answer FINISHED (gohbase polls id 0).

import type { RpcLimits } from "../../src/util/limits.ts";
import { toWireException } from "../rpc/exceptions.ts";
import type { MasterEvents } from "./master-events.ts";

export interface ProcedureRecord {
  readonly id: bigint;
  readonly operation: string;
  readonly submittedMs: bigint;
  lastUpdateMs: bigint;
  state: "RUNNING" | "FINISHED";
  error?: { className: string; message: string };
}

export class ProcedureStore {
  readonly #records = new Map<bigint, ProcedureRecord>();
  readonly #limits: RpcLimits;
  readonly #events: MasterEvents;
  readonly #clock: () => bigint;
  #nextId = 1n;

  constructor(limits: RpcLimits, events: MasterEvents, clock: () => bigint) {
    this.#limits = limits;
    this.#events = events;
    this.#clock = clock;
  }

  /**
   * Runs `work` as a procedure. `precheck` failures throw from the RPC (the client sees them at
   * once); failures of `work` after acceptance are kept as the procedure's exception.
   */
  async run(operation: string, target: { table?: string; namespace?: string }, precheck: () => void, work: () => Promise<void>): Promise<bigint> {
    precheck();
    const id = this.#nextId++;
    const now = this.#clock();
    const record: ProcedureRecord = { id, operation, submittedMs: now, lastUpdateMs: now, state: "RUNNING" };
    this.#records.set(id, record);
    this.#trim();
    try {
      await work();
    } catch (error) {
      const w = toWireException(error);
      // Precondition errors found while running (state changed since the precheck) throw like HBase's prepare latch.
      this.#records.delete(id);
      if (w.doNotRetry) throw error;
      record.error = { className: w.className, message: w.stackTrace };
    }
    record.state = "FINISHED";
    record.lastUpdateMs = this.#clock();
    this.#records.set(id, record);
    this.#events.emit({ kind: "procedure-finished", procId: id, operation, ...target, error: record.error?.className });
    return id;
  }

  /** The record, or a synthetic FINISHED one for ids it does not know. */
  get(id: bigint): ProcedureRecord {
    return this.#records.get(id) ?? { id, operation: "unknown", submittedMs: 0n, lastUpdateMs: 0n, state: "FINISHED" };
  }

  #trim(): void {
    while (this.#records.size > this.#limits.proceduresRemembered) {
      const oldest = this.#records.keys().next().value;
      if (oldest === undefined) break;
      this.#records.delete(oldest);
    }
  }
}
