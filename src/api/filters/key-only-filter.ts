// KeyOnlyFilter: returns cells without their values; with lenAsVal the value is the original
// value length as a 4-byte big-endian int (data-semantics.md §5.7). Tags are dropped as well.

import { EMPTY_BYTES } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase } from "./filter.ts";

export class KeyOnlyFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}KeyOnlyFilter`;
  readonly lenAsVal: boolean;

  constructor(lenAsVal = false) {
    super();
    this.lenAsVal = lenAsVal;
  }

  /** A new cell; the input is not modified. */
  override transformCell(cell: Cell): Cell {
    return { ...cell, value: this.lenAsVal ? int32Bytes(cell.value.length) : EMPTY_BYTES, tags: EMPTY_BYTES };
  }

  protected fresh(): Filter {
    return new KeyOnlyFilter(this.lenAsVal);
  }
}

function int32Bytes(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, n);
  return out;
}
