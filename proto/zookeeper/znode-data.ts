// The envelope HBase puts around znode data (zookeeper-and-meta.md §2.2): 0xFF, int32 id length,
// the id ("<pid>@<host>" + 8 random salt bytes), "PBUF", then the protobuf message. gohbase and
// hbase-rpc-client refuse data without it, and gohbase panics on empty data, so every location
// znode carries the full envelope.

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import process from "node:process";
import { IllegalArgumentError } from "../../src/api/errors.ts";
import { assert } from "../../src/util/assert.ts";

export const ENVELOPE_MAGIC = 0xff;
/** "PBUF", HBase's ProtobufMagic. */
export const PB_MAGIC = new Uint8Array([0x50, 0x42, 0x55, 0x46]);
/** gohbase rejects id lengths outside [1, 65000]. */
export const ENVELOPE_ID_LENGTH_MAX = 65_000;
const SALT_LENGTH = 8;

/** An id like HBase's: "<pid>@<host>" followed by 8 random salt bytes. */
export function newEnvelopeId(): Uint8Array {
  const name = new TextEncoder().encode(`${process.pid}@${hostname()}`.slice(0, 200));
  const out = new Uint8Array(name.length + SALT_LENGTH);
  out.set(name);
  out.set(randomBytes(SALT_LENGTH), name.length);
  return out;
}

/** Wraps a protobuf message: 0xFF | idLength | id | PBUF | message (a new array). */
export function encodeZnodeData(id: Uint8Array, message: Uint8Array): Uint8Array {
  assert(id.length >= 1 && id.length <= ENVELOPE_ID_LENGTH_MAX, "envelope id length out of range");
  const out = new Uint8Array(1 + 4 + id.length + PB_MAGIC.length + message.length);
  out[0] = ENVELOPE_MAGIC;
  new DataView(out.buffer).setInt32(1, id.length);
  out.set(id, 5);
  out.set(PB_MAGIC, 5 + id.length);
  out.set(message, 5 + id.length + PB_MAGIC.length);
  return out;
}

/** Unwraps znode data the way gohbase checks it; returns the message bytes (aliased). */
export function decodeZnodeData(data: Uint8Array): { id: Uint8Array; message: Uint8Array } {
  if (data.length < 5 || data[0] !== ENVELOPE_MAGIC) throw new IllegalArgumentError("Znode data does not start with the 0xFF envelope");
  const idLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getInt32(1);
  if (idLength < 1 || idLength > ENVELOPE_ID_LENGTH_MAX) throw new IllegalArgumentError(`Znode envelope id length ${idLength} out of range`);
  const magicAt = 5 + idLength;
  if (data.length < magicAt + PB_MAGIC.length) throw new IllegalArgumentError("Znode data truncated before PBUF");
  for (let i = 0; i < PB_MAGIC.length; i++) {
    if (data[magicAt + i] !== PB_MAGIC[i]) throw new IllegalArgumentError("Znode data lacks the PBUF magic");
  }
  return { id: data.subarray(5, magicAt), message: data.subarray(magicAt + PB_MAGIC.length) };
}
