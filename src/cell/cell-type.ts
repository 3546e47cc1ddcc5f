// Cell type codes (data-semantics.md §1.2). The numeric values are HBase's KeyValue.Type codes and
// travel in KeyValue bytes, WAL records and store files.

export const CellType = {
  Minimum: 0,
  Put: 4,
  Delete: 8,
  DeleteFamilyVersion: 10,
  DeleteColumn: 12,
  DeleteFamily: 14,
  Maximum: 255,
} as const;

export type CellType = (typeof CellType)[keyof typeof CellType];

const KNOWN = new Set<number>(Object.values(CellType));

/** True for a code HBase defines; decoders reject anything else. */
export function isKnownCellType(code: number): code is CellType {
  return KNOWN.has(code);
}

/**
 * True for DeleteColumn and DeleteFamily, which mask every older version: HBase's
 * TimeRangeTracker counts them as reaching back to timestamp 0, so the time span of a source
 * holding one always meets a time-ranged read and its marker is applied.
 */
export function masksAllOlder(type: number): boolean {
  return type === CellType.DeleteColumn || type === CellType.DeleteFamily;
}

/** True for Delete, DeleteFamilyVersion, DeleteColumn and DeleteFamily. */
export function isDeleteType(type: number): boolean {
  return type >= CellType.Delete && type <= CellType.DeleteFamily;
}

/** HBase's name for a type code ("Put", "DeleteColumn", ...). */
export function cellTypeName(type: number): string {
  for (const [name, code] of Object.entries(CellType)) if (code === type) return name;
  return `Unknown(${type})`;
}
