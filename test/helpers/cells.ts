// Compact cell builders for unit tests.
import { CellType } from "../../src/cell/cell-type.ts";
import { type Cell, makeCell } from "../../src/cell/cell.ts";
import { toBytes } from "../../src/util/bytes.ts";

export type TypeName = keyof typeof CellType;

/** A cell from strings; `type` defaults to Put, `seq` to 1. */
export function c(row: string, family: string, qualifier: string, ts: number | bigint, type: TypeName = "Put", value = "", seq: bigint = 1n): Cell {
  return makeCell({
    row: toBytes(row),
    family: toBytes(family),
    qualifier: toBytes(qualifier),
    timestamp: BigInt(ts),
    type: CellType[type],
    value: toBytes(value),
    sequenceId: seq,
  });
}

/** "q@ts:Type" summaries for readable assertions. */
export function summary(cells: readonly Cell[]): string[] {
  const dec = new TextDecoder();
  return cells.map((x) => {
    const type = Object.entries(CellType).find(([, v]) => v === x.type)![0];
    return `${dec.decode(x.qualifier)}@${x.timestamp}${type === "Put" ? "" : ":" + type}`;
  });
}
