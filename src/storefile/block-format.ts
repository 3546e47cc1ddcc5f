// Block framing shared by every store-file section (docs/format/storefile.md §2.1):
//   magic:8  payloadLength:uint32  entryCount:uint32  payload  crc32c:uint32 (of header + payload)
// sealBlock writes the header and crc; readBlock verifies magic, length and crc before any use.
// Specification: docs/format/storefile.md. A change here changes that file in the same commit.

import { assert, invariantsEnabled } from "../util/assert.ts";
import { crc32c } from "../util/crc32c.ts";
import { check } from "./storefile-errors.ts";

export const BLOCK_HEADER_SIZE = 8 + 4 + 4; // magic, payloadLength, entryCount
export const BLOCK_CRC_SIZE = 4;
export const BLOCK_OVERHEAD = BLOCK_HEADER_SIZE + BLOCK_CRC_SIZE;

/** Eight ASCII bytes naming each block kind. */
export const BlockMagic = {
  DATA: "SFDATBLK",
  INDEX: "SFIDXBLK",
  BLOOM: "SFBLMBLK",
  FILE_INFO: "SFINFBLK",
} as const;
export type BlockMagic = (typeof BlockMagic)[keyof typeof BlockMagic];

assert(Object.values(BlockMagic).every((m) => m.length === 8), "block magics are 8 bytes");
assert(new Set(Object.values(BlockMagic)).size === 4, "block magics are distinct");

/** A verified block: its payload (aliasing the block bytes) and entry count. */
export interface BlockContents {
  payload: Uint8Array;
  entryCount: number;
}

/**
 * Fills in the header and crc of `block`, whose payload is already at BLOCK_HEADER_SIZE and whose
 * length is exactly BLOCK_OVERHEAD + payload. Returns the crc. Verifies the result through
 * readBlock (the reader's path) when invariants are on.
 */
export function sealBlock(block: Uint8Array, magic: BlockMagic, entryCount: number): number {
  assert(block.length >= BLOCK_OVERHEAD, "block shorter than its framing");
  assert(entryCount >= 0 && entryCount <= 0xffffffff, "entry count out of uint32 range");
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  for (let i = 0; i < 8; i++) block[i] = magic.charCodeAt(i);
  view.setUint32(8, block.length - BLOCK_OVERHEAD);
  view.setUint32(12, entryCount);
  const crcAt = block.length - BLOCK_CRC_SIZE;
  const crc = crc32c(block, 0, 0, crcAt);
  view.setUint32(crcAt, crc);
  if (invariantsEnabled()) {
    assert(readBlock(block, magic).entryCount === entryCount, "sealed block does not read back");
  }
  return crc;
}

/** Builds a sealed block holding a copy of `payload`. */
export function makeBlock(magic: BlockMagic, entryCount: number, payload: Uint8Array): Uint8Array {
  const block = new Uint8Array(BLOCK_OVERHEAD + payload.length);
  block.set(payload, BLOCK_HEADER_SIZE);
  sealBlock(block, magic, entryCount);
  return block;
}

/** Verifies magic, payload length and crc of a whole block; the payload aliases `block`. */
export function readBlock(block: Uint8Array, magic: BlockMagic): BlockContents {
  check(block.length >= BLOCK_OVERHEAD, `${magic} block of ${block.length} bytes is shorter than its framing`);
  for (let i = 0; i < 8; i++) {
    check(block[i] === magic.charCodeAt(i), `bad magic where a ${magic} block should start`);
  }
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const payloadLength = view.getUint32(8);
  check(payloadLength === block.length - BLOCK_OVERHEAD, `${magic} block payload length ${payloadLength} does not fit its ${block.length} bytes`);
  const crcAt = block.length - BLOCK_CRC_SIZE;
  const stored = view.getUint32(crcAt);
  const actual = crc32c(block, 0, 0, crcAt);
  check(stored === actual, `checksum mismatch in ${magic} block`);
  return { payload: block.subarray(BLOCK_HEADER_SIZE, crcAt), entryCount: view.getUint32(12) };
}

/** The crc stored at the end of a block (unverified). */
export function storedBlockCrc(block: Uint8Array): number {
  assert(block.length >= BLOCK_OVERHEAD, "block shorter than its framing");
  return new DataView(block.buffer, block.byteOffset, block.byteLength).getUint32(block.length - BLOCK_CRC_SIZE);
}
