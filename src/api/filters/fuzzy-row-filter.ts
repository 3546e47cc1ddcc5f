// FuzzyRowFilter: rows matching any (key, mask) pair, mask byte 0 = fixed position (must equal
// the key byte), 1 = any byte; only positions within the row's length are checked
// (data-semantics.md §5.7). Masks in HBase's pre-processed form (-1 fixed, 2 any) are accepted too.

import { IllegalArgumentError } from "../errors.ts";
import { concatBytes, toStringBinary } from "../../util/bytes.ts";
import type { Cell } from "../../cell/cell.ts";
import { firstOnRow, lastOnRow } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export interface FuzzyKey {
  readonly key: Uint8Array;
  /** One byte per key byte: 0 fixed, 1 any (or 0xFF fixed, 2 any). */
  readonly mask: Uint8Array;
}

export class FuzzyRowFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}FuzzyRowFilter`;
  override readonly hinting = true;
  /** The pairs with masks normalised to 0 = fixed, 1 = any. */
  readonly fuzzyKeys: readonly FuzzyKey[];
  #filterRow = false;

  constructor(fuzzyKeys: readonly FuzzyKey[]) {
    super();
    this.fuzzyKeys = fuzzyKeys.map(normalise);
  }

  override filterCell(cell: Cell): ReturnCode {
    if (this.fuzzyKeys.some((k) => satisfies(cell.row, k))) return ReturnCode.INCLUDE;
    this.#filterRow = true;
    return ReturnCode.SEEK_NEXT_USING_HINT;
  }

  /** The next row in scan direction (a valid, if unambitious, hint). */
  override getNextCellHint(cell: Cell): Cell | undefined {
    return this.reversed ? lastOnRow(cell.row) : firstOnRow(concatBytes([cell.row, new Uint8Array([0])]));
  }

  override filterRow(): boolean {
    return this.#filterRow;
  }

  override reset(): void {
    this.#filterRow = false;
  }

  protected fresh(): Filter {
    return new FuzzyRowFilter(this.fuzzyKeys);
  }
}

function normalise(pair: FuzzyKey): FuzzyKey {
  if (pair.key.length !== pair.mask.length) {
    throw new IllegalArgumentError(`Fuzzy pair lengths do not match: ${toStringBinary(pair.key)}, ${toStringBinary(pair.mask)}`);
  }
  const preprocessed = pair.mask.length > 0 && pair.mask.every((b) => b === 0xff || b === 2);
  const mask = pair.mask.map((b) => (preprocessed ? (b === 2 ? 1 : 0) : b === 0 ? 0 : 1));
  return { key: pair.key, mask };
}

function satisfies(row: Uint8Array, pair: FuzzyKey): boolean {
  const n = Math.min(row.length, pair.key.length);
  for (let i = 0; i < n; i++) if (pair.mask[i] === 0 && row[i] !== pair.key[i]) return false;
  return true;
}
