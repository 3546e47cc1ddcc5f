// RPC frames (hbase-rpc.md §4): int32 total length, then a varint-delimited header, a
// varint-delimited message (absent in exception responses) and the raw cellblock tail. The same
// layout carries requests (RequestHeader) and responses (ResponseHeader). Shared by server and client.

import { readVarint, varintSize, writeVarint } from "./varint.ts";

/** The parts of one frame body (after the int32 length). */
export interface FrameParts {
  header: Uint8Array;
  /** The delimited message, or undefined when the body ends after the header. */
  message: Uint8Array | undefined;
  /** Everything after the message: the cellblock (possibly empty). */
  tail: Uint8Array;
}

/** Thrown when a frame body cannot be split into header, message and cellblock. */
export class FrameFormatError extends Error {
  override name = "FrameFormatError";
}

/** Builds a whole frame: int32 length + delimited header + delimited message + cellblock. */
export function encodeFrame(header: Uint8Array, message: Uint8Array | undefined, cellBlock?: Uint8Array): Uint8Array {
  const cells = cellBlock ?? new Uint8Array(0);
  let body = varintSize(header.length) + header.length + cells.length;
  if (message !== undefined) body += varintSize(message.length) + message.length;
  const out = new Uint8Array(4 + body);
  new DataView(out.buffer).setInt32(0, body);
  let at = writeVarint(out, 4, header.length);
  out.set(header, at);
  at += header.length;
  if (message !== undefined) {
    at = writeVarint(out, at, message.length);
    out.set(message, at);
    at += message.length;
  }
  out.set(cells, at);
  return out;
}

/** An int32-length-prefixed block with no delimiting inside (the ConnectionHeader). */
export function encodeLengthPrefixed(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setInt32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

/**
 * Splits a frame body. `cellBlockLength`, when known from the header, must equal the tail's size;
 * a response parser passes undefined and reads it from the header afterwards.
 */
export function decodeFrameBody(body: Uint8Array): FrameParts {
  const h = readVarint(body, 0, body.length);
  if (h === undefined || h.end + h.value > body.length) throw new FrameFormatError("frame header length runs past the frame");
  const header = body.subarray(h.end, h.end + h.value);
  let at = h.end + h.value;
  if (at === body.length) return { header, message: undefined, tail: body.subarray(at) };
  const m = readVarint(body, at, body.length);
  if (m === undefined || m.end + m.value > body.length) throw new FrameFormatError("frame message length runs past the frame");
  const message = body.subarray(m.end, m.end + m.value);
  at = m.end + m.value;
  return { header, message, tail: body.subarray(at) };
}

/**
 * Accumulates stream bytes and yields int32-length-prefixed bodies. A declared length below 0 or
 * above `maxBody` is reported through `onOversize` (the caller answers and closes).
 */
export class FrameReader {
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  readonly #maxBody: number;

  constructor(maxBody: number) {
    this.#maxBody = maxBody;
  }

  get buffered(): number {
    return this.#buffered;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
  }

  /** Takes exactly `n` raw bytes if buffered (the preamble). */
  take(n: number): Uint8Array | undefined {
    if (this.#buffered < n) return undefined;
    const all = this.#flatten();
    const out = all.slice(0, n);
    this.#chunks = [all.subarray(n)];
    this.#buffered -= n;
    return out;
  }

  /** The next body, `{ oversize }` when the declared length is out of bounds, or undefined. */
  next(): Uint8Array | { oversize: number } | undefined {
    if (this.#buffered < 4) return undefined;
    const all = this.#flatten();
    const length = new DataView(all.buffer, all.byteOffset, all.byteLength).getInt32(0);
    if (length < 0 || length > this.#maxBody) return { oversize: length };
    if (this.#buffered < 4 + length) return undefined;
    const body = all.slice(4, 4 + length);
    this.#chunks = [all.subarray(4 + length)];
    this.#buffered -= 4 + length;
    return body;
  }

  #flatten(): Uint8Array {
    if (this.#chunks.length === 1) return this.#chunks[0];
    const out = new Uint8Array(this.#buffered);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.#chunks = [out];
    return out;
  }
}
