// Protobuf Results (+ the response cellblock) → api Results (hbase-rpc.md §5.5-§5.6): a Result's
// cells are its inline cells followed by associated_cell_count cells taken from the cellblock, in
// response order. Scan responses carry cells_per_result / partial_flag_per_result with the
// cellblock, or inline Results. Cells alias the response bytes; nothing here copies them.

import type { Cell } from "../../src/cell/cell.ts";
import { Result } from "../../src/api/result.ts";
import { DoNotRetryIOError } from "../../src/api/errors.ts";
import { EMPTY_BYTES } from "../../src/util/bytes.ts";
import { CellBlockReader } from "../../proto/wire/cellblock.ts";
import type { Cell as PbCell } from "../../proto/gen/hbase/cell_pb.ts";
import { type Result as PbResult, ResultSchema, type ScanResponse } from "../../proto/gen/hbase/client_pb.ts";
import { isFieldSet } from "@bufbuild/protobuf";

/** A reader over a response cellblock, or undefined when the response has none. */
export function cellReaderOf(cellBlock: Uint8Array): CellBlockReader | undefined {
  return cellBlock.length === 0 ? undefined : new CellBlockReader(cellBlock);
}

function inlineCell(pb: PbCell): Cell {
  return {
    row: pb.row, family: pb.family, qualifier: pb.qualifier, timestamp: BigInt.asIntN(64, pb.timestamp),
    type: pb.cellType as unknown as Cell["type"], sequenceId: 0n, value: pb.value, tags: EMPTY_BYTES,
  };
}

function take(reader: CellBlockReader | undefined, count: number): Cell[] {
  if (count === 0) return [];
  if (reader === undefined) throw new DoNotRetryIOError(`Response announces ${count} cells but carries no cellblock`);
  return reader.take(count);
}

/** One Result in response order; `reader` advances past its cellblock cells. */
export function decodeResult(pb: PbResult | undefined, reader: CellBlockReader | undefined, partial = false): Result {
  if (pb === undefined) return Result.EMPTY;
  const cells = pb.cell.map(inlineCell);
  const fromBlock = take(reader, pb.associatedCellCount);
  const all = cells.length === 0 ? fromBlock : [...cells, ...fromBlock];
  const exists = isFieldSet(pb, ResultSchema.field.exists) ? pb.exists : undefined;
  return new Result(all, { exists, mayHaveMoreCellsInRow: partial || pb.partial, stale: pb.stale });
}

/** The Results of one ScanResponse, in order, with their partial flags. */
export function decodeScanResults(response: ScanResponse, cellBlock: Uint8Array): Result[] {
  const reader = cellReaderOf(cellBlock);
  if (response.cellsPerResult.length > 0) {
    if (response.partialFlagPerResult.length !== 0 && response.partialFlagPerResult.length !== response.cellsPerResult.length) {
      throw new DoNotRetryIOError("ScanResponse partial flags and cell counts differ in length");
    }
    return response.cellsPerResult.map((count, i) =>
      new Result(take(reader, count), { mayHaveMoreCellsInRow: response.partialFlagPerResult[i] ?? false }));
  }
  return response.results.map((r) => decodeResult(r, reader));
}
