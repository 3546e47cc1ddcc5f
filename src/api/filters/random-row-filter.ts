// RandomRowFilter: keeps each row with probability `chance` (a Java float): below 0 never, above 1
// always, otherwise when a fresh uniform draw in [0, 1) is below it (data-semantics.md §5.7).

import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class RandomRowFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}RandomRowFilter`;
  readonly chance: number;
  readonly #random: () => number;
  #filterOutRow = false;

  /** `random` defaults to Math.random; tests pass a seeded one. */
  constructor(chance: number, random: () => number = Math.random) {
    super();
    this.chance = Math.fround(chance);
    this.#random = random;
  }

  override filterRowKey(_firstRowCell: Cell): boolean {
    if (this.chance < 0) this.#filterOutRow = true;
    else if (this.chance > 1) this.#filterOutRow = false;
    else this.#filterOutRow = !(Math.fround(this.#random()) < this.chance);
    return this.#filterOutRow;
  }

  override filterCell(_cell: Cell): ReturnCode {
    return this.#filterOutRow ? ReturnCode.NEXT_ROW : ReturnCode.INCLUDE;
  }

  override filterRow(): boolean {
    return this.#filterOutRow;
  }

  override hasFilterRow(): boolean {
    return true;
  }

  override reset(): void {
    this.#filterOutRow = false;
  }

  protected fresh(): Filter {
    return new RandomRowFilter(this.chance, this.#random);
  }
}
