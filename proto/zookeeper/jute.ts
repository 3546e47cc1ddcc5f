// Jute, ZooKeeper's record serialization: big-endian ints and longs, length-prefixed buffers,
// strings and vectors (zookeeper-and-meta.md §1.2). One codec for the endpoint and the client.
// Every read is bounds-checked against the bytes at hand; a short or lying record throws
// KeeperError(MarshallingError) and never allocates more than the input holds.

import { KeeperError } from "../../src/api/errors.ts";
import { assert } from "../../src/util/assert.ts";

/** ZooKeeper's MarshallingError code, the reply to a record that cannot be decoded. */
export const MARSHALLING_ERROR = -5;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

function marshalling(what: string, at: number): KeeperError {
  return new KeeperError(MARSHALLING_ERROR, `Cannot decode jute ${what} at offset ${at}: record too short or malformed`);
}

/** Reads jute fields from `bytes` (aliased, not copied, except buffers, which are copied). */
export class JuteReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #at = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get offset(): number {
    return this.#at;
  }

  get remaining(): number {
    return this.#bytes.length - this.#at;
  }

  #need(n: number, what: string): void {
    if (n < 0 || this.#at + n > this.#bytes.length) throw marshalling(what, this.#at);
  }

  readInt(): number {
    this.#need(4, "int");
    const v = this.#view.getInt32(this.#at);
    this.#at += 4;
    return v;
  }

  readLong(): bigint {
    this.#need(8, "long");
    const v = this.#view.getBigInt64(this.#at);
    this.#at += 8;
    return v;
  }

  readBool(): boolean {
    this.#need(1, "boolean");
    return this.#bytes[this.#at++] !== 0;
  }

  /** A buffer (copied); null for length -1. */
  readBuffer(): Uint8Array | null {
    const n = this.readInt();
    if (n === -1) return null;
    this.#need(n, "buffer");
    const out = this.#bytes.slice(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }

  /** A UTF-8 string; null for length -1. */
  readUstring(): string | null {
    const n = this.readInt();
    if (n === -1) return null;
    this.#need(n, "ustring");
    const s = decoder.decode(this.#bytes.subarray(this.#at, this.#at + n));
    this.#at += n;
    return s;
  }

  /** A string that must be present. */
  readPath(): string {
    const s = this.readUstring();
    if (s === null) throw marshalling("non-null ustring", this.#at);
    return s;
  }

  /** A vector count whose elements take at least `elementBytesMin` each; null (-1) reads as 0. */
  readVectorCount(elementBytesMin: number): number {
    const count = this.readInt();
    if (count === -1) return 0;
    this.#need(count * elementBytesMin, "vector");
    return count;
  }

  /** A vector of strings; null (-1) reads as empty. Each element needs at least 4 bytes. */
  readStringVector(): string[] {
    const count = this.readVectorCount(4);
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.readPath());
    return out;
  }

  /** Fails unless every byte was consumed. */
  expectEnd(what: string): void {
    if (this.remaining !== 0) throw marshalling(`${what} (${this.remaining} trailing bytes)`, this.#at);
  }
}

/** Appends jute fields to a growing buffer. */
export class JuteWriter {
  #bytes = new Uint8Array(64);
  #view = new DataView(this.#bytes.buffer);
  #at = 0;

  #reserve(n: number): void {
    if (this.#at + n <= this.#bytes.length) return;
    let size = this.#bytes.length * 2;
    while (size < this.#at + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.#bytes.subarray(0, this.#at));
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }

  get length(): number {
    return this.#at;
  }

  writeInt(v: number): this {
    assert(Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff, "jute int out of range");
    this.#reserve(4);
    this.#view.setInt32(this.#at, v);
    this.#at += 4;
    return this;
  }

  writeLong(v: bigint): this {
    this.#reserve(8);
    this.#view.setBigInt64(this.#at, BigInt.asIntN(64, v));
    this.#at += 8;
    return this;
  }

  writeBool(v: boolean): this {
    this.#reserve(1);
    this.#bytes[this.#at++] = v ? 1 : 0;
    return this;
  }

  writeRaw(bytes: Uint8Array): this {
    this.#reserve(bytes.length);
    this.#bytes.set(bytes, this.#at);
    this.#at += bytes.length;
    return this;
  }

  /** A buffer; null writes length -1 (servers should prefer empty, §1.2). */
  writeBuffer(bytes: Uint8Array | null): this {
    if (bytes === null) return this.writeInt(-1);
    return this.writeInt(bytes.length).writeRaw(bytes);
  }

  /** A string; never -1 (go-zookeeper reads lengths unsigned). */
  writeUstring(s: string): this {
    return this.writeBuffer(encoder.encode(s));
  }

  writeStringVector(items: readonly string[]): this {
    this.writeInt(items.length);
    for (const s of items) this.writeUstring(s);
    return this;
  }

  /** The record without a length prefix (a copy). */
  toBytes(): Uint8Array {
    return this.#bytes.slice(0, this.#at);
  }

  /** The record as a frame: int32 length, then the record (a copy). */
  toFrame(): Uint8Array {
    const out = new Uint8Array(4 + this.#at);
    new DataView(out.buffer).setInt32(0, this.#at);
    out.set(this.#bytes.subarray(0, this.#at), 4);
    return out;
  }
}
