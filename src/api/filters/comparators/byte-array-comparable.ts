// The comparator contract of HBase's compare filters (ByteArrayComparable, data-semantics.md
// §5.6): compareTo(cellBytes) answers compare(operand, cell), operand first, so a negative result
// means the operand sorts before the cell. Comparators hold no per-scan state and may be shared.

/** A comparator of cell bytes (row, family, qualifier or value) against an operand. */
export interface ByteArrayComparable {
  /** The Java class name it travels under (Comparator.name on the wire). */
  readonly javaClass: string;
  /** The operand bytes (ByteArrayComparable.value); empty for comparators without one. */
  readonly value: Uint8Array;
  /** compare(operand, cell): negative, zero or positive. `cell` is read, never kept. */
  compareTo(cell: Uint8Array): number;
}
