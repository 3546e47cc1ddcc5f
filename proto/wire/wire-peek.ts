// Reads the few fields the server needs from a serialized hbase.pb.Filter or hbase.pb.Comparator
// (name = field 1, payload = field 2) without their schemas, so that an unsupported filter or
// comparator can be named in the error even before its decoder exists.

import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { DoNotRetryIOError } from "../../src/api/errors.ts";

/** Field 1 (string) and field 2 (bytes) of a named-payload message. */
export function readNamedPayload(bytes: Uint8Array, what: string): { name: string; payload: Uint8Array } {
  let name: string | undefined;
  let payload: Uint8Array = new Uint8Array(0);
  try {
    const reader = new BinaryReader(bytes);
    while (reader.pos < reader.len) {
      const [field, wireType] = reader.tag();
      if (field === 1 && wireType === WireType.LengthDelimited) name = reader.string();
      else if (field === 2 && wireType === WireType.LengthDelimited) payload = reader.bytes();
      else reader.skip(wireType, field);
    }
  } catch (error) {
    throw new DoNotRetryIOError(`Cannot parse ${what}: ${(error as Error).message}`);
  }
  if (name === undefined) throw new DoNotRetryIOError(`${what} without a class name`);
  return { name, payload };
}

/** The bytes field `number` of a message, or undefined when absent. */
export function readBytesField(bytes: Uint8Array, number: number): Uint8Array | undefined {
  const reader = new BinaryReader(bytes);
  let out: Uint8Array | undefined;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === number && wireType === WireType.LengthDelimited) out = reader.bytes();
    else reader.skip(wireType, field);
  }
  return out;
}
