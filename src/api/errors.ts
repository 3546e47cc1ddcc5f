// Typed operating errors shared by every backend (STYLE.md §6). Each class names the Java exception
// it travels under, so the server edge can serialize it and the client can rebuild it. This file is
// the one table of that mapping; nothing else hard-codes a Java class name.

/** Options every Shale error accepts. */
export interface ShaleErrorOptions {
  cause?: unknown;
}

/** Base of every operating error Shale throws. */
export class ShaleError extends Error {
  /** Java class name this error travels under on the wire. */
  static readonly javaClass: string = "java.io.IOException";
  /** Whether retrying the same call can succeed. */
  static readonly doNotRetry: boolean = false;
  override name = "ShaleError";

  constructor(message: string, options: ShaleErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }

  get javaClass(): string {
    return (this.constructor as typeof ShaleError).javaClass;
  }

  get doNotRetry(): boolean {
    return (this.constructor as typeof ShaleError).doNotRetry;
  }
}

/** org.apache.hadoop.hbase.DoNotRetryIOException: the call cannot succeed as sent. */
export class DoNotRetryIOError extends ShaleError {
  static override readonly javaClass: string = "org.apache.hadoop.hbase.DoNotRetryIOException";
  static override readonly doNotRetry: boolean = true;
  override name = "DoNotRetryIOError";
}

/** java.lang.IllegalArgumentException: an argument breaks HBase's client-side rules. */
export class IllegalArgumentError extends ShaleError {
  static override readonly javaClass: string = "java.lang.IllegalArgumentException";
  static override readonly doNotRetry: boolean = true;
  override name = "IllegalArgumentError";
}

export class TableNotFoundError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.TableNotFoundException";
  override name = "TableNotFoundError";
}

export class TableExistsError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.TableExistsException";
  override name = "TableExistsError";
}

export class TableNotEnabledError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.TableNotEnabledException";
  override name = "TableNotEnabledError";
}

export class TableNotDisabledError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.TableNotDisabledException";
  override name = "TableNotDisabledError";
}

export class NamespaceNotFoundError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.NamespaceNotFoundException";
  override name = "NamespaceNotFoundError";
}

export class NamespaceExistError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.NamespaceExistException";
  override name = "NamespaceExistError";
}

/** A namespace or table rule was broken (e.g. deleting a non-empty namespace). */
export class ConstraintError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.constraint.ConstraintException";
  override name = "ConstraintError";
}

export class NoSuchColumnFamilyError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException";
  override name = "NoSuchColumnFamilyError";
}

export class FailedSanityCheckError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.exceptions.FailedSanityCheckException";
  override name = "FailedSanityCheckError";
}

export class WrongRowIOError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.client.WrongRowIOException";
  override name = "WrongRowIOError";
}

export class IncompatibleFilterError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.filter.IncompatibleFilterException";
  override name = "IncompatibleFilterError";
}

export class InvalidMutationDurabilityError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.regionserver.InvalidMutationDurabilityException";
  override name = "InvalidMutationDurabilityError";
}

export class RowTooBigError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.regionserver.RowTooBigException";
  override name = "RowTooBigError";
}

/** The row is outside the region asked to serve it. */
export class WrongRegionError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.regionserver.WrongRegionException";
  override name = "WrongRegionError";
}

export class NotServingRegionError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.NotServingRegionException";
  override name = "NotServingRegionError";
}

/** Retryable back-pressure, e.g. a MemStore over its blocking size. */
export class RegionTooBusyError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.RegionTooBusyException";
  override name = "RegionTooBusyError";
}

export class UnknownScannerError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.UnknownScannerException";
  override name = "UnknownScannerError";
}

/** A wait (row lock, deadline) ran out. */
export class TimeoutIOError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.exceptions.TimeoutIOException";
  override name = "TimeoutIOError";
}

/** A WAL file failed its checksum somewhere other than its tail; names the file and offset. */
export class CorruptWALError extends ShaleError {
  static override readonly javaClass = "java.io.IOException";
  override name = "CorruptWALError";
}

/** The WAL refused a write because an earlier sync failed (nothing more is acknowledged on it). */
export class DamagedWALError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.regionserver.wal.DamagedWALException";
  override name = "DamagedWALError";
}

/** The WAL was closed; appends, syncs and rolls after close() are refused. */
export class WALClosedError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.regionserver.wal.WALClosedException";
  override name = "WALClosedError";
}

/** A store-file block, index, bloom, file info or trailer failed its checksum or structure check. */
export class CorruptStoreFileError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.io.hfile.CorruptHFileException";
  override name = "CorruptStoreFileError";
}

/**
 * A filter or comparator could not read the bytes it met (LongComparator on a value that is not 8
 * bytes, BinaryComponentComparator past a value's end). HBase's RPC layer wraps such a runtime
 * exception in a plain, retryable java.io.IOException, so this travels the same way.
 */
export class FilterEvaluationError extends ShaleError {
  static override readonly javaClass = "java.io.IOException";
  override name = "FilterEvaluationError";
}

/** A file-system operation failed (ENOSPC, EIO, ...); `cause` holds the original error. */
export class StorageIOError extends ShaleError {
  static override readonly javaClass = "java.io.IOException";
  override name = "StorageIOError";
}

/** The connection or store was closed. */
export class ConnectionClosedError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.exceptions.ConnectionClosedException";
  override name = "ConnectionClosedError";
}

/** org.apache.zookeeper.KeeperException: a ZooKeeper reply carried a non-zero error code. */
export class KeeperError extends ShaleError {
  static override readonly javaClass: string = "org.apache.zookeeper.KeeperException";
  override name = "KeeperError";
  /** The ZooKeeper error code (ReplyHeader.err), e.g. -101 NoNode. */
  readonly code: number;

  constructor(code: number, message: string, options: ShaleErrorOptions = {}) {
    super(message, options);
    this.code = code;
  }
}

// ---- RPC server errors (issue 5: server/rpc/exceptions.ts serializes them) ----

/** The server's call queue is full; retryable after a longer pause (server_overloaded). */
export class CallQueueTooBigError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.CallQueueTooBigException";
  override name = "CallQueueTooBigError";
}

/** A request frame over the size limit; the connection is closed after the answer. */
export class RequestTooBigError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.exceptions.RequestTooBigException";
  override name = "RequestTooBigError";
}

/** A scanner call whose next_call_seq does not match the scanner's counter. */
export class OutOfOrderScannerNextError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.exceptions.OutOfOrderScannerNextException";
  override name = "OutOfOrderScannerNextError";
}

/** A request feature the server does not speak (e.g. closest_row_before outside hbase:meta). */
export class UnknownProtocolError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.exceptions.UnknownProtocolException";
  override name = "UnknownProtocolError";
}

/** Adding an existing family, or modifying or deleting an absent one. */
export class InvalidFamilyOperationError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.InvalidFamilyOperationException";
  override name = "InvalidFamilyOperationError";
}

/** The server is still starting. */
export class ServerNotRunningYetError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.ipc.ServerNotRunningYetException";
  override name = "ServerNotRunningYetError";
}

/** The server is stopping. */
export class RegionServerStoppedError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.regionserver.RegionServerStoppedException";
  override name = "RegionServerStoppedError";
}

/** The server closed a scanner after an internal error; the client reopens it. */
export class ScannerResetError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.exceptions.ScannerResetException";
  override name = "ScannerResetError";
}

/** A connection-level failure (bad preamble or header); the connection closes after it. */
export class FatalConnectionError extends DoNotRetryIOError {
  static override readonly javaClass: string = "org.apache.hadoop.hbase.ipc.FatalConnectionException";
  override name = "FatalConnectionError";
}

export class WrongVersionError extends FatalConnectionError {
  static override readonly javaClass = "org.apache.hadoop.hbase.ipc.WrongVersionException";
  override name = "WrongVersionError";
}

export class BadAuthError extends FatalConnectionError {
  static override readonly javaClass = "org.apache.hadoop.hbase.ipc.BadAuthException";
  override name = "BadAuthError";
}

/** Answer to the "Securi" preamble on a server without security. */
export class SecurityNotEnabledError extends ShaleError {
  static override readonly javaClass = "org.apache.hadoop.hbase.ipc.SecurityNotEnabledException";
  override name = "SecurityNotEnabledError";
}

/** A region name the master does not know (e.g. a split request for a region already split). */
export class UnknownRegionError extends DoNotRetryIOError {
  static override readonly javaClass = "org.apache.hadoop.hbase.UnknownRegionException";
  override name = "UnknownRegionError";
}
