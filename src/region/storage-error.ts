// Turns a file-system failure (a Node-style error carrying an errno `code`: ENOSPC, EIO, ...) into
// StorageIOError, so callers of the engine only ever see typed ShaleErrors (STYLE.md §6, T6).
// Typed errors, AssertionErrors (bugs) and anything without an errno code pass through unchanged.

import { ShaleError, StorageIOError } from "../api/errors.ts";
import { AssertionError } from "../util/assert.ts";

/** The error to rethrow for `error` raised while trying to `action` ("flush region x", ...). */
export function asStorageError(action: string, error: unknown): unknown {
  if (error instanceof ShaleError || error instanceof AssertionError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return error;
  return new StorageIOError(`Cannot ${action}: ${(error as Error).message}`, { cause: error });
}

/** Runs `run`, rethrowing fs failures as StorageIOError (see asStorageError). */
export async function withStorageErrors<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asStorageError(action, error);
  }
}
