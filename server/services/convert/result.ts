// Cells → protobuf Result (hbase-rpc.md §5.5): on a connection with a codec the cells go to the
// response cellblock and the Result carries associated_cell_count; otherwise they are inline Cell
// messages with every field set (hbase-rpc-client reads each one). Tags never leave the server.

import { create } from "@bufbuild/protobuf";
import type { Cell } from "../../../src/cell/cell.ts";
import { type Result, ResultSchema } from "../../../proto/gen/hbase/client_pb.ts";
import { CellSchema, type CellType as PbCellType } from "../../../proto/gen/hbase/cell_pb.ts";

/** Accumulates the response cellblock while Results are built in response order. */
export class ResultEncoder {
  readonly cellBlocks: boolean;
  readonly cells: Cell[] = [];

  constructor(cellBlocks: boolean) {
    this.cellBlocks = cellBlocks;
  }

  /** A Result for `cells`; `extra` sets exists/partial. */
  result(cells: readonly Cell[], extra: { exists?: boolean; partial?: boolean } = {}): Result {
    const r = create(ResultSchema, {});
    if (extra.exists !== undefined) r.exists = extra.exists;
    if (extra.partial) r.partial = true;
    if (cells.length === 0) return r;
    if (this.cellBlocks) {
      r.associatedCellCount = cells.length;
      this.cells.push(...cells);
    } else {
      r.cell = cells.map(inlineCell);
    }
    return r;
  }
}

function inlineCell(c: Cell) {
  return create(CellSchema, {
    row: c.row,
    family: c.family,
    qualifier: c.qualifier,
    timestamp: BigInt.asUintN(64, c.timestamp),
    cellType: c.type as unknown as PbCellType,
    value: c.value,
  });
}
