// How the store-file code reports trouble (STYLE.md §6): section decoders throw the internal
// StoreFileFormatError; the reader turns it, and a KeyValueFormatError, into CorruptStoreFileError
// naming the file and the part that failed. File-system failures become StorageIOError.

import { CorruptStoreFileError, StorageIOError } from "../api/errors.ts";
import { KeyValueFormatError } from "../cell/key-value.ts";

/** Bytes that break docs/format/storefile.md. Never escapes src/storefile/. */
export class StoreFileFormatError extends Error {
  override name = "StoreFileFormatError";
}

/** Throws StoreFileFormatError with `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StoreFileFormatError(message);
}

/** The operating error for a bad file: names the file and what failed, and keeps the cause. */
export function corruptStoreFile(path: string, detail: string, cause?: unknown): CorruptStoreFileError {
  return new CorruptStoreFileError(`Cannot read store file "${path}": ${detail}`, { cause });
}

/** A format error becomes CorruptStoreFileError about `part` of `path`; anything else is returned as is. */
export function asCorruption(path: string, part: string, error: unknown): unknown {
  if (error instanceof StoreFileFormatError || error instanceof KeyValueFormatError) {
    return corruptStoreFile(path, `${part}: ${error.message}`, error);
  }
  return error;
}

/** Runs a decoder; format errors become CorruptStoreFileError naming the file and the part. */
export function decodeOrCorrupt<T>(path: string, part: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw asCorruption(path, part, error);
  }
}

/** Runs a file-system call; its failure becomes StorageIOError naming the file and the action. */
export async function storeFileIo<T>(path: string, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new StorageIOError(`Cannot ${action} store file "${path}": ${(error as Error).message}`, { cause: error });
  }
}
