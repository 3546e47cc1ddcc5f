// The expected-state model of the crash tests (TESTING.md T3, T5): a history of writes by several
// workers, each owning its own rows and writing one op at a time, with "issued" recorded before a
// write is sent and "acked" after its promise resolved. checkRecovered() decides whether a state
// read back after a crash is a PREFIX of that history with no holes (RocksDB's invariant):
//  - per worker, the state equals the model after some prefix p of its ops, with no unissued op;
//  - p covers every op acked under FSYNC_WAL before the crash (0 lost fsync-acked writes);
//  - across workers, if op k is present, every op acked before k was issued is present too.
// A multi-column put is one op, so row atomicity is part of "equals the model after a prefix".

/** Column key "row/family:qualifier" → value (string); an absent column has no key. */
export type State = Map<string, string>;

/** What one op does to the model: columns set to a value, or removed (undefined). */
export type Effect = Map<string, string | undefined>;

export interface HistoryOp {
  readonly worker: number;
  readonly label: string;
  readonly effect: Effect;
  /** True when the op's ack promises it survives power loss (FSYNC_WAL). */
  readonly fsync: boolean;
  readonly issuedAt: number;
  ackedAt: number | undefined;
  failed: boolean;
}

export interface Verdict {
  /** Chosen prefix length per worker (the least one consistent with every rule). */
  readonly prefix: number[];
  /** Ops of the history that the recovered state shows as applied. */
  readonly opsPresent: number;
}

export class WriteHistory {
  readonly workers: number;
  /** Ops per worker, in the worker's order. */
  readonly ops: HistoryOp[][];
  /** The state every worker's ops start from (after the previous recovery). */
  readonly base: State;
  #clock = 0;

  constructor(workers: number, base: State = new Map()) {
    this.workers = workers;
    this.ops = Array.from({ length: workers }, () => []);
    this.base = new Map(base);
  }

  /** The event counter: a crash image taken now knows every event before this number. */
  get now(): number {
    return this.#clock;
  }

  /** Records an op as issued (call BEFORE sending it). */
  issue(worker: number, op: { label: string; effect: Effect; fsync: boolean }): HistoryOp {
    const entry: HistoryOp = { worker, ...op, issuedAt: this.#clock++, ackedAt: undefined, failed: false };
    this.ops[worker].push(entry);
    return entry;
  }

  /** Records an op as acknowledged (call AFTER its promise resolved). */
  ack(op: HistoryOp): void {
    op.ackedAt = this.#clock++;
  }

  /** Records an op as failed; it may still be present after a crash (an either-way outcome). */
  fail(op: HistoryOp): void {
    op.failed = true;
    this.#clock++;
  }

  /** The model's current value of `column` for `worker`, after all of its issued ops. */
  valueOf(worker: number, column: string): string | undefined {
    const ops = this.ops[worker];
    for (let i = ops.length - 1; i >= 0; i--) {
      if (ops[i].effect.has(column)) return ops[i].effect.get(column);
    }
    return this.base.get(column);
  }

  /**
   * Checks a recovered state against the history as known at event `at` (the crash image was taken
   * then). `owner` maps a column key to its worker (undefined: a column no worker owns, an error).
   * Returns the verdict or throws an Error whose message explains the first broken rule.
   */
  checkRecovered(recovered: State, at: number, owner: (column: string) => number | undefined): Verdict {
    for (const column of recovered.keys()) {
      if (owner(column) === undefined) throw new Error(`Recovered column ${column} belongs to no worker: never written`);
    }
    const candidates: number[][] = [];
    const floors: number[] = [];
    for (let w = 0; w < this.workers; w++) {
      const issued = this.ops[w].filter((op) => op.issuedAt < at).length;
      const consistent = this.#consistentPrefixes(w, recovered, { issued, owner });
      const floor = this.#lastFsyncAcked(w, at) + 1;
      candidates.push(consistent.filter((p) => p >= floor));
      floors.push(floor);
      if (candidates[w].length === 0) throw new Error(this.#explain(w, { recovered, consistent, floor, issued, owner, at }));
    }
    const prefix = this.#leastClosedChoice(candidates);
    return { prefix, opsPresent: prefix.reduce((n, p) => n + p, 0) };
  }

  /** Prefix lengths p in [0, issued] after which worker w's model equals the recovered state. */
  #consistentPrefixes(w: number, recovered: State, ctx: { issued: number; owner: (c: string) => number | undefined }): number[] {
    const model = new Map<string, string>();
    for (const [column, value] of this.base) if (ctx.owner(column) === w) model.set(column, value);
    const mine = new Map<string, string>();
    for (const [column, value] of recovered) if (ctx.owner(column) === w) mine.set(column, value);
    let mismatches = 0;
    for (const column of new Set([...model.keys(), ...mine.keys()])) if (model.get(column) !== mine.get(column)) mismatches++;
    const out: number[] = [];
    if (mismatches === 0) out.push(0);
    for (let i = 0; i < ctx.issued; i++) {
      for (const [column, value] of this.ops[w][i].effect) {
        const before = model.get(column) === mine.get(column);
        if (value === undefined) model.delete(column);
        else model.set(column, value);
        const after = model.get(column) === mine.get(column);
        if (before && !after) mismatches++;
        if (!before && after) mismatches--;
      }
      if (mismatches === 0) out.push(i + 1);
    }
    return out;
  }

  /** Index of worker w's last op acked under FSYNC_WAL before event `at`, or -1. */
  #lastFsyncAcked(w: number, at: number): number {
    const ops = this.ops[w];
    for (let i = ops.length - 1; i >= 0; i--) {
      if (ops[i].fsync && ops[i].ackedAt !== undefined && ops[i].ackedAt! < at) return i;
    }
    return -1;
  }

  /**
   * The least prefix choice (one candidate per worker) closed under "present op k ⇒ every op acked
   * before k was issued is present". Least fixpoint: raise a worker's prefix only when forced.
   */
  #leastClosedChoice(candidates: number[][]): number[] {
    const choice = candidates.map((c) => c[0]);
    for (let changed = true; changed;) {
      changed = false;
      for (let w = 0; w < this.workers; w++) {
        if (choice[w] === 0) continue;
        const issuedAt = this.ops[w][choice[w] - 1].issuedAt;
        for (let v = 0; v < this.workers; v++) {
          const needed = this.ops[v].filter((op) => op.ackedAt !== undefined && op.ackedAt < issuedAt).length;
          if (choice[v] >= needed) continue;
          const raised = candidates[v].find((p) => p >= needed);
          if (raised === undefined) {
            const op = this.ops[w][choice[w] - 1];
            throw new Error(
              `Hole in the history: worker ${w} op #${choice[w] - 1} (${op.label}) is present, but worker ${v} ` +
                `has only ${choice[v]} of the ${needed} ops it acked before that op was issued ` +
                `(consistent prefixes of worker ${v}: ${candidates[v].join(",")})`,
            );
          }
          choice[v] = raised;
          changed = true;
        }
      }
    }
    return choice;
  }

  #explain(w: number, ctx: { recovered: State; consistent: number[]; floor: number; issued: number; owner: (c: string) => number | undefined; at: number }): string {
    if (ctx.consistent.length > 0) {
      const op = this.ops[w][ctx.floor - 1];
      return `Lost an FSYNC_WAL-acked write: worker ${w} op #${ctx.floor - 1} (${op.label}) acked, but the recovered ` +
        `state matches only prefixes ${ctx.consistent.join(",")} of ${ctx.issued} issued ops`;
    }
    const mine = new Map<string, string>();
    for (const [column, value] of ctx.recovered) if (ctx.owner(column) === w) mine.set(column, value);
    const model = new Map<string, string>();
    for (const [column, value] of this.base) if (ctx.owner(column) === w) model.set(column, value);
    const differing = () => [...new Set([...model.keys(), ...mine.keys()])].filter((c) => model.get(c) !== mine.get(c));
    let best = { p: 0, columns: differing() };
    for (let i = 0; i < ctx.issued; i++) {
      for (const [column, value] of this.ops[w][i].effect) value === undefined ? model.delete(column) : model.set(column, value);
      const columns = differing();
      if (columns.length <= best.columns.length) best = { p: i + 1, columns };
    }
    const trails = best.columns.slice(0, 4).map((column) => {
      const touching = this.ops[w].map((op, i) => ({ op, i })).filter(({ op }) => op.effect.has(column));
      const trail = touching.map(({ op, i }) =>
        `#${i} ${op.label}${op.issuedAt >= ctx.at ? " (not issued yet)" : ""}${op.ackedAt !== undefined && op.ackedAt < ctx.at ? " acked" : ""}${op.fsync ? " fsync" : ""}`);
      return `${column} recovered=${mine.get(column)} [${trail.join(" | ")}]`;
    });
    return `Recovered state of worker ${w} is no prefix of its ${ctx.issued} issued ops (a hole, a torn row, ` +
      `or a value never written); closest prefix ${best.p} differs in ${best.columns.length} columns: ${trails.join("; ")}`;
  }
}
