// Cellblocks (hbase-rpc.md §5): cells back to back in KeyValue form, no count; the reader knows
// how many to take. KeyValueCodec never carries tags; KeyValueCodecWithTags writes the tags
// section only for cells that have tags, and the reader tells by the cell's declared length.

import type { Cell } from "../../src/cell/cell.ts";
import { encodedKeyValueSize, decodeKeyValue, writeKeyValue } from "../../src/cell/key-value.ts";

export const KEY_VALUE_CODEC = "org.apache.hadoop.hbase.codec.KeyValueCodec";
export const KEY_VALUE_CODEC_WITH_TAGS = "org.apache.hadoop.hbase.codec.KeyValueCodecWithTags";

/** Codecs Shale speaks; any other announced class closes the connection (as HBase does). */
export function isSupportedCodec(name: string): boolean {
  return name === KEY_VALUE_CODEC || name === KEY_VALUE_CODEC_WITH_TAGS;
}

/** Thrown on a cellblock whose bytes do not hold the cells announced. */
export class CellBlockFormatError extends Error {
  override name = "CellBlockFormatError";
}

function withTagsFor(cell: Cell, codecWithTags: boolean): boolean {
  return codecWithTags && cell.tags.length > 0;
}

/** Encodes cells as one cellblock (each prefixed by its int32 length). */
export function encodeCellBlock(cells: readonly Cell[], codecWithTags = false): Uint8Array {
  let size = 0;
  for (const c of cells) size += 4 + encodedKeyValueSize(c, withTagsFor(c, codecWithTags));
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const c of cells) {
    const tagged = withTagsFor(c, codecWithTags);
    view.setInt32(at, encodedKeyValueSize(c, tagged));
    at = writeKeyValue(out, at + 4, c, tagged);
  }
  return out;
}

/** Reads cells one at a time from a cellblock. */
export class CellBlockReader {
  readonly #bytes: Uint8Array;
  readonly #withTags: boolean;
  #at = 0;

  constructor(bytes: Uint8Array, codecWithTags = false) {
    this.#bytes = bytes;
    this.#withTags = codecWithTags;
  }

  get remaining(): number {
    return this.#bytes.length - this.#at;
  }

  /** The next `count` cells; CellBlockFormatError if they are not all there. */
  take(count: number): Cell[] {
    const out: Cell[] = [];
    for (let i = 0; i < count; i++) out.push(this.next());
    return out;
  }

  next(): Cell {
    const bytes = this.#bytes;
    if (this.#at + 4 > bytes.length) throw new CellBlockFormatError("cellblock has fewer cells than announced");
    const cellLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(this.#at);
    const start = this.#at + 4;
    const end = start + cellLength;
    if (cellLength < 12 || end > bytes.length) throw new CellBlockFormatError("cell length runs past the cellblock");
    try {
      const plain = decodeKeyValue(bytes, start, { withTags: false, limit: end });
      if (plain.end === end) {
        this.#at = end;
        return plain.cell;
      }
      if (!this.#withTags) throw new CellBlockFormatError("cell length does not match its KeyValue");
      const tagged = decodeKeyValue(bytes, start, { withTags: true, limit: end });
      if (tagged.end !== end) throw new CellBlockFormatError("cell length does not match its KeyValue");
      this.#at = end;
      return tagged.cell;
    } catch (error) {
      if (error instanceof CellBlockFormatError) throw error;
      throw new CellBlockFormatError(`malformed cell: ${(error as Error).message}`);
    }
  }
}
