// Open scanners of the region server (hbase-rpc.md §7.1.3): ids unique per server, a lease renewed
// by every call (expiry closes the scanner, later calls get UnknownScannerException), the
// next_call_seq counter, Results of a row split by batch that did not fit the last call, and a
// bounded memory of closed ids so a redundant close answers empty instead of failing.

import { RegionTooBusyError, UnknownScannerError } from "../../src/api/errors.ts";
import type { Cell } from "../../src/cell/cell.ts";
import type { Scan } from "../../src/api/operations.ts";
import type { RegionReader } from "../../src/region/region.ts";
import type { RpcLimits } from "../../src/util/limits.ts";
import type { ServedRegion } from "./region-resolver.ts";

/** One open scanner. */
export interface OpenScanner {
  readonly id: bigint;
  readonly served: ServedRegion;
  readonly scan: Scan;
  readonly reader: RegionReader;
  /** Expected next_call_seq of the next call. */
  nextCallSeq: bigint;
  /** Complete rows returned so far (for limit_of_rows). */
  rowsReturned: number;
  /** Chunks of a row split by batch_size still to send, with their partial flags. */
  pending: { cells: Cell[]; partial: boolean }[];
  /** Whether the reader is exhausted. */
  exhausted: boolean;
  /** The scan asked for a cursor (last row looked at) on heartbeats (`need_cursor_result`). */
  needCursor: boolean;
  /** Row key of the last row read, for cursors. */
  lastRow: Uint8Array | undefined;
  /** Rows read (for scan metrics). */
  rowsScanned: number;
  /** Serializes calls on one scanner. */
  busy: Promise<unknown>;
  lease: ReturnType<typeof setTimeout> | undefined;
}

export class ScannerRegistry {
  readonly #open = new Map<bigint, OpenScanner>();
  readonly #closed = new Set<bigint>();
  readonly #limits: RpcLimits;
  #nextId: bigint;

  constructor(limits: RpcLimits, startCode: bigint) {
    this.#limits = limits;
    // Ids from the start code's low bits upward: unique across restarts in practice.
    this.#nextId = (startCode & 0xffffffffn) << 20n;
  }

  get size(): number {
    return this.#open.size;
  }

  get leaseMs(): number {
    return this.#limits.scannerLeaseMs;
  }

  add(fields: { served: ServedRegion; scan: Scan; reader: RegionReader; needCursor: boolean }): OpenScanner {
    if (this.#open.size >= this.#limits.scannersMax) {
      fields.reader.close();
      throw new RegionTooBusyError(`Too many open scanners (RPC_LIMITS.scannersMax=${this.#limits.scannersMax})`);
    }
    const scanner: OpenScanner = {
      id: ++this.#nextId,
      ...fields,
      nextCallSeq: 0n,
      rowsReturned: 0,
      pending: [],
      exhausted: false,
      lastRow: undefined,
      rowsScanned: 0,
      busy: Promise.resolve(),
      lease: undefined,
    };
    this.#open.set(scanner.id, scanner);
    this.renew(scanner);
    return scanner;
  }

  /** The open scanner, `closed` for a recently closed id, or UnknownScannerException. */
  get(id: bigint): OpenScanner | "closed" {
    const s = this.#open.get(id);
    if (s !== undefined) return s;
    if (this.#closed.has(id)) return "closed";
    throw new UnknownScannerError(`Unknown scanner '${id}'. This can happen due to any of the following reasons: a) Scanner id given is wrong, b) Scanner lease expired because of long wait between consecutive client checkins, c) Server may be closing down, d) RegionServer restart during upgrade.`);
  }

  renew(s: OpenScanner): void {
    clearTimeout(s.lease);
    s.lease = setTimeout(() => this.expire(s), this.#limits.scannerLeaseMs);
    s.lease.unref?.();
  }

  /** Closes and forgets a scanner, remembering its id as closed. */
  close(s: OpenScanner): void {
    this.#forget(s);
    this.#remember(s.id);
  }

  /** Lease ran out: the id becomes unknown (UnknownScannerException). */
  expire(s: OpenScanner): void {
    this.#forget(s);
  }

  closeAll(): void {
    for (const s of [...this.#open.values()]) this.#forget(s);
  }

  #forget(s: OpenScanner): void {
    clearTimeout(s.lease);
    this.#open.delete(s.id);
    s.reader.close();
  }

  #remember(id: bigint): void {
    this.#closed.add(id);
    if (this.#closed.size > this.#limits.closedScannersRemembered) {
      const oldest = this.#closed.values().next().value;
      if (oldest !== undefined) this.#closed.delete(oldest);
    }
  }
}
