// FilterAllFilter: skips every cell, so a read returns nothing (server-side class of HBase's
// filter package; data-semantics.md §5.7).

import type { Cell } from "../../cell/cell.ts";
import { FILTER_PACKAGE, type Filter, FilterBase, ReturnCode } from "./filter.ts";

export class FilterAllFilter extends FilterBase {
  readonly javaClass = `${FILTER_PACKAGE}FilterAllFilter`;

  override filterCell(_cell: Cell): ReturnCode {
    return ReturnCode.SKIP;
  }

  protected fresh(): Filter {
    return new FilterAllFilter();
  }
}
