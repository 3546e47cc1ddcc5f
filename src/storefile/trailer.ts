// The fixed-size trailer that ends every store file (docs/format/storefile.md §2.7): magic,
// version, where the index, bloom and file info sections are, their crcs, and its own crc.
// Specification: docs/format/storefile.md. A change here changes that file in the same commit.

import { assert } from "../util/assert.ts";
import { crc32c } from "../util/crc32c.ts";
import { BlockMagic } from "./block-format.ts";
import { check } from "./storefile-errors.ts";

export const TRAILER_MAGIC = "SFTRAILR";
export const TRAILER_SIZE = 68;
export const STOREFILE_VERSION = 2;
/** Versions this reader opens: 1 lacks the file info's earliest Put timestamp. */
export const READABLE_STOREFILE_VERSIONS: readonly number[] = [1, 2];
assert(TRAILER_MAGIC.length === 8, "trailer magic is 8 bytes");
assert(!(Object.values(BlockMagic) as string[]).includes(TRAILER_MAGIC), "trailer magic differs from block magics");

/** Where a section lies and the crc its block ends with. */
export interface SectionRef {
  readonly offset: number;
  readonly length: number;
  readonly crc: number;
}

export interface Trailer {
  readonly version: number;
  readonly dataBlockCount: number;
  readonly index: SectionRef;
  /** Length 0 (and crc 0) when the file has no bloom. */
  readonly bloom: SectionRef;
  readonly fileInfo: SectionRef;
}

/** Encodes a trailer (TRAILER_SIZE bytes). */
export function writeTrailer(trailer: Trailer): Uint8Array {
  const out = new Uint8Array(TRAILER_SIZE);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = TRAILER_MAGIC.charCodeAt(i);
  view.setUint32(8, trailer.version);
  view.setUint32(12, trailer.dataBlockCount);
  writeSection(view, 16, trailer.index);
  writeSection(view, 32, trailer.bloom);
  writeSection(view, 48, trailer.fileInfo);
  view.setUint32(64, crc32c(out, 0, 0, 64));
  return out;
}

function writeSection(view: DataView, at: number, ref: SectionRef): void {
  view.setBigUint64(at, BigInt(ref.offset));
  view.setUint32(at + 8, ref.length);
  view.setUint32(at + 12, ref.crc);
}

/** Decodes and verifies a trailer: length, magic, crc, version. Layout is checked by the reader. */
export function readTrailer(bytes: Uint8Array): Trailer {
  check(bytes.length === TRAILER_SIZE, "trailer truncated");
  for (let i = 0; i < 8; i++) check(bytes[i] === TRAILER_MAGIC.charCodeAt(i), "bad trailer magic");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  check(view.getUint32(64) === crc32c(bytes, 0, 0, 64), "trailer checksum mismatch");
  const version = view.getUint32(8);
  check(READABLE_STOREFILE_VERSIONS.includes(version), `unsupported store file version ${version}`);
  return {
    version,
    dataBlockCount: view.getUint32(12),
    index: readSection(view, 16),
    bloom: readSection(view, 32),
    fileInfo: readSection(view, 48),
  };
}

function readSection(view: DataView, at: number): SectionRef {
  const offset = view.getBigUint64(at);
  check(offset <= BigInt(Number.MAX_SAFE_INTEGER), "trailer section offset out of range");
  return { offset: Number(offset), length: view.getUint32(at + 8), crc: view.getUint32(at + 12) };
}
