// ClientService.Scan (hbase-rpc.md §7.1.3): open (with a first batch when number_of_rows > 0),
// continue, renew and close, with next_call_seq checks, leases, batch_size splitting rows into
// partial Results, max_result_size (mid-row, flagged partial, when the client handles partials and
// no filter needs whole rows; else at row boundaries), limit_of_rows per call, a time limit
// answered as a heartbeat (with a cursor when asked) when the client handles heartbeats, scan
// metrics, and more_results / more_results_in_region / ttl on every response.

import { create, isFieldSet } from "@bufbuild/protobuf";
import { keyValueSize } from "../../src/cell/cell.ts";
import type { Cell } from "../../src/cell/cell.ts";
import { DoNotRetryIOError, OutOfOrderScannerNextError } from "../../src/api/errors.ts";
import { NameInt64PairSchema } from "../../proto/gen/hbase/hbase_pb.ts";
import { ScanMetricsSchema } from "../../proto/gen/hbase/map_reduce_pb.ts";
import { CursorSchema, type ScanRequest, ScanRequestSchema, type ScanResponse, ScanResponseSchema } from "../../proto/gen/hbase/client_pb.ts";
import type { CallContext } from "../rpc/service-registry.ts";
import { toScan } from "./convert/query.ts";
import { ResultEncoder } from "./convert/result.ts";
import type { OpenScanner } from "./scanner-registry.ts";
import type { ServerContext } from "./server-context.ts";

export async function scan(server: ServerContext, req: ScanRequest, ctx: CallContext): Promise<{ response: ScanResponse; cells: readonly Cell[] }> {
  if (isFieldSet(req, ScanRequestSchema.field.scannerId)) return continueScan(server, req, ctx);
  if (req.scan === undefined) throw new DoNotRetryIOError("Missing required input: scannerId or scan");
  const served = server.regions.resolve(req.region);
  const engineScan = toScan(req.scan);
  const reader = await served.region.openReader(engineScan);
  const s = server.scanners.add({ served, scan: engineScan, reader, needCursor: req.scan.needCursorResult === true });
  const answer = await produce(server, s, req, ctx);
  answer.response.mvccReadPoint = served.region.readPoint;
  return answer;
}

async function continueScan(server: ServerContext, req: ScanRequest, ctx: CallContext): Promise<{ response: ScanResponse; cells: readonly Cell[] }> {
  const id = req.scannerId;
  const s = server.scanners.get(id);
  if (s === "closed") return { response: create(ScanResponseSchema, { scannerId: id, moreResultsInRegion: false }), cells: [] };
  const run: Promise<{ response: ScanResponse; cells: readonly Cell[] }> = s.busy.then(async () => {
    if (isFieldSet(req, ScanRequestSchema.field.nextCallSeq)) {
      if (req.nextCallSeq !== s.nextCallSeq) {
        server.scanners.close(s);
        throw new OutOfOrderScannerNextError(`Expected nextCallSeq: ${s.nextCallSeq} But the nextCallSeq got from client: ${req.nextCallSeq}; request=scanner_id: ${id}`);
      }
    }
    s.nextCallSeq++;
    server.scanners.renew(s);
    if (req.renew === true) {
      return { response: create(ScanResponseSchema, { scannerId: id, moreResults: true, moreResultsInRegion: true, ttl: server.scanners.leaseMs }), cells: [] as Cell[] };
    }
    return produce(server, s, req, ctx);
  });
  s.busy = run.catch(() => undefined);
  return run;
}

async function produce(server: ServerContext, s: OpenScanner, req: ScanRequest, ctx: CallContext): Promise<{ response: ScanResponse; cells: readonly Cell[] }> {
  const closing = req.closeScanner === true;
  const asked = isFieldSet(req, ScanRequestSchema.field.numberOfRows) ? req.numberOfRows : closing ? 0 : 1;
  const wanted = Math.min(asked, server.limits.scanRowsPerCallMax);
  const maxBytes = s.scan.maxResultSize > 0n ? Number(s.scan.maxResultSize) : server.engine.limits.scannerMaxResultSizeBytes;
  const limitOfRows = req.limitOfRows;
  const out: { cells: Cell[]; partial: boolean }[] = [];
  // Mid-row cuts only where HBase makes them: the client stitches partials, no filter needs the row.
  const midRow = req.clientHandlesPartials === true && s.scan.filter?.hasFilterRow() !== true;
  // HBase's time limit: half the lease (the client's remaining rpc timeout is not known here),
  // within [scanTimeLimitMinMs, scanTimeLimitMaxMs]; checked between rows once one was read.
  const lim = server.limits;
  const deadline = req.clientHandlesHeartbeats === true
    ? Date.now() + Math.max(Math.min(server.scanners.leaseMs / 2, lim.scanTimeLimitMaxMs), lim.scanTimeLimitMinMs)
    : Number.POSITIVE_INFINITY;
  let bytes = 0;
  // Rows whose last cells went out in this call (HBase's numOfCompleteRows): a row begun in an
  // earlier call counts here, where it completes, so a limit is never exceeded across partials.
  let completeRows = 0;
  let scannedThisCall = 0;
  let limitReached = false;
  let heartbeat = false;
  while (out.length < wanted && bytes < maxBytes) {
    const next = s.pending.shift();
    if (next !== undefined) {
      const taken = midRow ? cutToBudget(next, maxBytes - bytes, s.pending) : next;
      out.push(taken);
      bytes += sizeOf(taken.cells);
      if (!taken.partial) completeRows++;
      // A row cut by size ends the response: HBase's clients expect a partial Result only last.
      if (taken !== next) break;
      continue;
    }
    if (s.exhausted) break;
    if (limitOfRows > 0 && completeRows >= limitOfRows) {
      limitReached = true;
      break;
    }
    if (scannedThisCall > 0 && Date.now() >= deadline) {
      heartbeat = true;
      break;
    }
    const row = await s.reader.nextRow();
    if (row === undefined) {
      s.exhausted = true;
      break;
    }
    s.lastRow = row[0].row;
    scannedThisCall++;
    s.pending.push(...split(row, s.reader.lastRowMore, s.scan.batch));
  }
  if (limitOfRows > 0 && completeRows >= limitOfRows && s.pending.length === 0) limitReached = true;
  // A filter that ends the whole scan (PageFilter, WhileMatchFilter): done once nothing is left to send.
  if (s.reader.filterDone && s.pending.length === 0) {
    s.exhausted = true;
    if (out.length === 0) limitReached = true;
  }
  const regionDone = s.exhausted && s.pending.length === 0;
  const response = create(ScanResponseSchema, {
    scannerId: s.id,
    moreResults: !limitReached,
    moreResultsInRegion: !regionDone && !limitReached,
    ttl: server.scanners.leaseMs,
  });
  if (heartbeat && !regionDone && !limitReached && !closing) {
    response.heartbeatMessage = true;
    if (s.needCursor && s.lastRow !== undefined) response.cursor = create(CursorSchema, { row: s.lastRow });
  }
  if (closing || regionDone || limitReached) {
    server.scanners.close(s);
    response.moreResultsInRegion = false;
  }
  const enc = new ResultEncoder(ctx.cellBlocks);
  for (const r of out) {
    const result = enc.result(r.cells, { partial: r.partial });
    if (ctx.cellBlocks) {
      response.cellsPerResult.push(r.cells.length);
      response.partialFlagPerResult.push(r.partial);
    } else {
      response.results.push(result);
    }
  }
  if (req.trackScanMetrics === true) {
    response.scanMetrics = create(ScanMetricsSchema, {
      metrics: [
        create(NameInt64PairSchema, { name: "ROWS_SCANNED", value: BigInt(scannedThisCall) }),
        create(NameInt64PairSchema, { name: "ROWS_FILTERED", value: 0n }),
      ],
    });
  }
  s.rowsScanned += scannedThisCall;
  return { response, cells: enc.cells };
}

function sizeOf(cells: Cell[]): number {
  let n = 0;
  for (const c of cells) n += keyValueSize(c);
  return n;
}

/**
 * The cells of a pending chunk that fit `budget` bytes (at least one cell), flagged partial; the
 * rest goes back to the front of `pending` with the chunk's own flag.
 */
function cutToBudget(chunk: { cells: Cell[]; partial: boolean }, budget: number, pending: { cells: Cell[]; partial: boolean }[]): { cells: Cell[]; partial: boolean } {
  let size = 0;
  let n = 0;
  while (n < chunk.cells.length) {
    const next = keyValueSize(chunk.cells[n]);
    if (n > 0 && size + next > budget) break;
    size += next;
    n++;
  }
  if (n === chunk.cells.length) return chunk;
  pending.unshift({ cells: chunk.cells.slice(n), partial: chunk.partial });
  return { cells: chunk.cells.slice(0, n), partial: true };
}

/**
 * A row as Results of at most `batch` cells. As HBase's BATCH_LIMIT_REACHED, a full Result is
 * partial when the read was still inside the row after its last cell (`more`), even if nothing
 * of the row followed in the end; a shorter, last Result is not.
 */
function split(row: Cell[], more: readonly boolean[], batch: number): { cells: Cell[]; partial: boolean }[] {
  if (batch <= 0) return [{ cells: row, partial: false }];
  const out: { cells: Cell[]; partial: boolean }[] = [];
  for (let i = 0; i < row.length; i += batch) {
    const end = Math.min(i + batch, row.length);
    out.push({ cells: row.slice(i, end), partial: end - i === batch && more[end - 1] === true });
  }
  return out;
}
