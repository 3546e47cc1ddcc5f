// Shale's public entry: open() for the embedded store, the API vocabulary and the error classes.
export * from "./api/errors.ts";
export * from "./api/operations.ts";
export * from "./api/result.ts";
export * from "./api/descriptors.ts";
export * from "./api/table-name.ts";
export type * from "./api/types.ts";
export { CellType } from "./cell/cell-type.ts";
export type { Cell } from "./cell/cell.ts";
export { type BytesLike, toBytes, toUtf8 } from "./util/bytes.ts";
export { LATEST_TIMESTAMP, bytesToLong, longToBytes } from "./util/int64.ts";
export { open, openEngine, type Engine, type OpenOptions } from "./embedded/open.ts";
export type { Limits } from "./util/limits.ts";
export { LIMITS } from "./util/limits.ts";
