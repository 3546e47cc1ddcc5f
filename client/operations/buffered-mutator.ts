// BufferedMutator (hbase.client.write.buffer): mutations collect in memory and go out as Multi
// batches once their estimated size passes the byte budget, or on flush()/close(). Failures of a
// flush are thrown from that flush (or from the mutate() that triggered it) with every failed
// action's error in `errors`; nothing is dropped silently.

import type { Delete, Put } from "../../src/api/operations.ts";
import { ShaleError } from "../../src/api/errors.ts";
import type { TableName } from "../../src/api/table-name.ts";
import { assert } from "../../src/util/assert.ts";
import type { ClientContext } from "../client-context.ts";
import { runBatch } from "./batch.ts";

/** A flush in which some mutations failed; `errors` lists them with the mutation each belongs to. */
export class BufferedMutationsFailedError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.client.RetriesExhaustedWithDetailsException";
  override name = "BufferedMutationsFailedError";
  readonly errors: { mutation: Put | Delete; error: Error }[];

  constructor(errors: { mutation: Put | Delete; error: Error }[]) {
    super(`${errors.length} mutations failed; first: ${errors[0]?.error.message}`);
    this.errors = errors;
  }
}

function sizeOf(m: Put | Delete): number {
  let n = m.row.length + 32;
  for (const c of m.cells) n += c.family.length + c.qualifier.length + c.value.length + 24;
  return n;
}

export class BufferedMutator {
  readonly #ctx: ClientContext;
  readonly #table: TableName;
  readonly #budgetBytes: number;
  #buffer: (Put | Delete)[] = [];
  #bufferedBytes = 0;
  #flushing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(ctx: ClientContext, table: TableName, budgetBytes: number) {
    assert(budgetBytes > 0, "write buffer budget is positive");
    this.#ctx = ctx;
    this.#table = table;
    this.#budgetBytes = budgetBytes;
  }

  get bufferedBytes(): number {
    return this.#bufferedBytes;
  }

  /** Buffers mutations; flushes (and waits for it) when the budget is passed. */
  async mutate(mutations: Put | Delete | (Put | Delete)[]): Promise<void> {
    if (this.#closed) throw new ShaleError("BufferedMutator is closed");
    for (const m of Array.isArray(mutations) ? mutations : [mutations]) {
      this.#buffer.push(m);
      this.#bufferedBytes += sizeOf(m);
    }
    if (this.#bufferedBytes >= this.#budgetBytes) await this.flush();
  }

  /** Sends everything buffered; resolves when the server acknowledged it. */
  flush(): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    this.#bufferedBytes = 0;
    const run = this.#flushing.then(() => this.#send(batch));
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
  }

  async #send(batch: (Put | Delete)[]): Promise<void> {
    if (batch.length === 0) return;
    const outcomes = await runBatch(this.#ctx, this.#table, batch);
    const errors = batch.flatMap((mutation, i) => (outcomes[i] instanceof Error ? [{ mutation, error: outcomes[i] as Error }] : []));
    if (errors.length > 0) throw new BufferedMutationsFailedError(errors);
  }
}
