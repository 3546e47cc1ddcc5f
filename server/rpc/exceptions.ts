// The one place errors become wire exceptions (hbase-rpc.md §8): the Java class name clients act
// on, "<class>: <message>" as the stack trace, do_not_retry from the class, server_overloaded for
// call-queue answers; and the NameBytesPair form used per action inside Multi. Unknown internal
// errors travel as java.io.IOException (retryable) or, for bugs, DoNotRetryIOException.

import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { ExceptionResponseSchema } from "../../proto/gen/hbase/rpc_pb.ts";
import { NameBytesPairSchema } from "../../proto/gen/hbase/hbase_pb.ts";
import type { ExceptionResponse } from "../../proto/gen/hbase/rpc_pb.ts";
import type { NameBytesPair } from "../../proto/gen/hbase/hbase_pb.ts";
import { CallQueueTooBigError, DoNotRetryIOError, ShaleError } from "../../src/api/errors.ts";
import { AssertionError } from "../../src/util/assert.ts";
import { log } from "../../src/util/log.ts";

const encoder = new TextEncoder();

/** Class name, message text and retry flags of an error as clients see it. */
export interface WireException {
  className: string;
  /** "<class>: <message>", what Java passes to the exception's String constructor. */
  stackTrace: string;
  doNotRetry: boolean;
  serverOverloaded: boolean;
}

/** Maps any thrown value to its wire form. */
export function toWireException(error: unknown): WireException {
  if (error instanceof ShaleError) {
    return {
      className: error.javaClass,
      stackTrace: `${error.javaClass}: ${error.message}`,
      doNotRetry: error.doNotRetry,
      serverOverloaded: error instanceof CallQueueTooBigError,
    };
  }
  if (error instanceof AssertionError) log.error("Assertion failed while serving a call", { error: error.stack ?? String(error) });
  const cls = DoNotRetryIOError.javaClass;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { className: cls, stackTrace: `${cls}: ${message}`, doNotRetry: true, serverOverloaded: false };
}

/** The ResponseHeader.exception of a failed call. */
export function exceptionResponse(error: unknown): ExceptionResponse {
  const w = toWireException(error);
  const init: MessageInitShape<typeof ExceptionResponseSchema> = {
    exceptionClassName: w.className,
    stackTrace: w.stackTrace,
    doNotRetry: w.doNotRetry,
  };
  if (w.serverOverloaded) init.serverOverloaded = true;
  return create(ExceptionResponseSchema, init);
}

/**
 * A connection-level answer (call id -1): the stack trace is the bare message, as HBase sends for
 * preamble and header errors.
 */
export function connectionExceptionResponse(className: string, message: string): ExceptionResponse {
  return create(ExceptionResponseSchema, { exceptionClassName: className, stackTrace: message, doNotRetry: true });
}

/** Per-action (or whole region action) failure inside a MultiResponse. */
export function exceptionPair(error: unknown): NameBytesPair {
  const w = toWireException(error);
  return create(NameBytesPairSchema, { name: w.className, value: encoder.encode(w.stackTrace) });
}
