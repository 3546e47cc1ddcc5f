// The arithmetic of the atomic operations (data-semantics.md §4.3–§4.5): Increment adds an 8-byte
// big-endian signed delta with Java long wrap-around, Append concatenates, both stamping the new
// cell max(old.ts + 1, now) so it never sorts behind the value it replaced; CheckAndMutate's
// condition reads "expected OP stored". Pure functions over cells.

import { compareBytes, concatBytes } from "../util/bytes.ts";
import { LATEST_TIMESTAMP, bytesToLong, longToBytes, maxLong } from "../util/int64.ts";
import { type Cell, keyValueSize, withFields } from "../cell/cell.ts";
import { DoNotRetryIOError } from "../api/errors.ts";
import { type CheckCondition, CompareOperator } from "../api/operations.ts";

/** Timestamp of the cell replacing `current`. */
function reckonTimestamp(delta: Cell, current: Cell | undefined, now: bigint): bigint {
  if (current !== undefined) return maxLong(current.timestamp + 1n, now);
  return delta.timestamp === LATEST_TIMESTAMP ? now : delta.timestamp;
}

function checkLong(value: Uint8Array): bigint {
  if (value.length !== 8) throw new DoNotRetryIOError(`Field is not a long, it's ${value.length} bytes wide`);
  return bytesToLong(value);
}

/** The new cell of an Increment column. `tags` replaces the cell's tags when given. */
export function reckonIncrement(delta: Cell, current: Cell | undefined, ctx: { now: bigint; tags?: Uint8Array }): Cell {
  const amount = checkLong(delta.value);
  const base = current === undefined ? 0n : checkLong(current.value);
  return withFields(delta, {
    value: longToBytes(base + amount),
    timestamp: reckonTimestamp(delta, current, ctx.now),
    tags: ctx.tags ?? current?.tags ?? delta.tags,
  });
}

/** The new cell of an Append column; rejects a result over `cellSizeBytesMax`. */
export function reckonAppend(
  delta: Cell,
  current: Cell | undefined,
  ctx: { now: bigint; tags?: Uint8Array; cellSizeBytesMax: number },
): Cell {
  const value = current === undefined ? delta.value : concatBytes([current.value, delta.value]);
  const cell = withFields(delta, {
    value,
    timestamp: reckonTimestamp(delta, current, ctx.now),
    tags: ctx.tags ?? current?.tags ?? delta.tags,
  });
  const size = keyValueSize(cell);
  if (size > ctx.cellSizeBytesMax) throw new DoNotRetryIOError(`Cell with size ${size} exceeds limit of ${ctx.cellSizeBytesMax} bytes`);
  return cell;
}

/** Whether a value condition passes against the newest visible cell of its column (§4.5 step 3). */
export function conditionPasses(condition: CheckCondition, stored: Cell | undefined): boolean {
  const { op, value } = condition;
  if (value.length === 0) {
    if (stored === undefined) return op !== CompareOperator.NOT_EQUAL;
    return (stored.value.length === 0) === (op !== CompareOperator.NOT_EQUAL);
  }
  if (stored === undefined) return false;
  const c = compareBytes(value, stored.value);
  switch (op) {
    case CompareOperator.LESS: return c < 0;
    case CompareOperator.LESS_OR_EQUAL: return c <= 0;
    case CompareOperator.EQUAL: return c === 0;
    case CompareOperator.NOT_EQUAL: return c !== 0;
    case CompareOperator.GREATER_OR_EQUAL: return c >= 0;
    case CompareOperator.GREATER: return c > 0;
    case CompareOperator.NO_OP: return false;
  }
}
