// A filter wrapper for reads of hbase:meta: the meta Store keeps rows encoded (meta-row-key.ts),
// while a client's filter must see the raw region names. Every cell is decoded before the inner
// filter sees it, and every cell or hint it hands back is encoded again; the encoding keeps order,
// so row-ordered decisions (stop rows, hints, fuzzy ranges) stay correct.

import type { Cell } from "../cell/cell.ts";
import { withFields } from "../cell/cell.ts";
import type { Filter, ReturnCode } from "../api/filters/filter.ts";
import { decodeMetaRow, encodeMetaRow } from "./meta-row-key.ts";

export class MetaRowFilter implements Filter {
  readonly #inner: Filter;

  constructor(inner: Filter) {
    this.#inner = inner;
  }

  get javaClass(): string {
    return this.#inner.javaClass;
  }

  get reversed(): boolean {
    return this.#inner.reversed;
  }

  get hinting(): boolean {
    return this.#inner.hinting;
  }

  setReversed(reversed: boolean): void {
    this.#inner.setReversed(reversed);
  }

  reset(): void {
    this.#inner.reset();
  }

  filterAllRemaining(): boolean {
    return this.#inner.filterAllRemaining();
  }

  filterRowKey(firstRowCell: Cell): boolean {
    return this.#inner.filterRowKey(decoded(firstRowCell));
  }

  filterCell(cell: Cell): ReturnCode {
    return this.#inner.filterCell(decoded(cell));
  }

  transformCell(cell: Cell): Cell {
    return encoded(this.#inner.transformCell(decoded(cell)));
  }

  filterRowCells(cells: Cell[]): void {
    const raw = cells.map(decoded);
    this.#inner.filterRowCells(raw);
    cells.length = 0;
    for (const cell of raw) cells.push(encoded(cell));
  }

  hasFilterRow(): boolean {
    return this.#inner.hasFilterRow();
  }

  filterRow(): boolean {
    return this.#inner.filterRow();
  }

  getNextCellHint(cell: Cell): Cell | undefined {
    const hint = this.#inner.getNextCellHint(decoded(cell));
    return hint === undefined ? undefined : encoded(hint);
  }

  isFamilyEssential(family: Uint8Array): boolean {
    return this.#inner.isFamilyEssential(family);
  }

  children(): readonly Filter[] {
    return [this.#inner];
  }

  copy(): Filter {
    return new MetaRowFilter(this.#inner.copy());
  }
}

function decoded(cell: Cell): Cell {
  return withFields(cell, { row: decodeMetaRow(cell.row) });
}

function encoded(cell: Cell): Cell {
  return withFields(cell, { row: encodeMetaRow(cell.row) });
}
