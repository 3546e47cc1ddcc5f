// checkAndMutate comparators (hbase-rpc.md §9.3). The engine's condition compares raw bytes, so
// BinaryComparator is served; other comparators answer DoNotRetryIOException naming the class.
// (Filters, including the filter form of a condition, are decoded by convert/filter.ts.)

import { DoNotRetryIOError } from "../../src/api/errors.ts";
import { readBytesField, readNamedPayload } from "./wire-peek.ts";

const FILTER_PACKAGE = "org.apache.hadoop.hbase.filter.";

/** The expected value of a serialized Comparator (BinaryComparator only). */
export function comparatorValue(bytes: Uint8Array): Uint8Array {
  const { name, payload } = readNamedPayload(bytes, "comparator");
  if (name !== `${FILTER_PACKAGE}BinaryComparator`) {
    throw new DoNotRetryIOError(`java.lang.UnsupportedOperationException: comparator ${name} is not supported by this server`);
  }
  try {
    const comparable = readBytesField(payload, 1);
    return (comparable === undefined ? undefined : readBytesField(comparable, 1)) ?? new Uint8Array(0);
  } catch (error) {
    throw new DoNotRetryIOError(`Cannot parse ${name}: ${(error as Error).message}`);
  }
}
