// Golden test of the WAL format (docs/format/wal.md, "Worked example"): the committed segment under
// test/fixtures/format/wal/ decodes to its committed dump, re-encoding the same edits gives the same
// bytes, and the real WAL writer produces them too.

import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { MemFs } from "../../../src/platform/mem-fs.ts";
import { equalBytes, toHex } from "../../../src/util/bytes.ts";
import { encodeSegmentHeader, parseSegmentFileName, segmentFileName } from "../../../src/wal/log-format.ts";
import { WAL } from "../../../src/wal/wal.ts";
import { FIXTURE_DUMP_NAME, FIXTURE_NAME, dumpSegment, encodeFixture, fixtureEdits } from "../../fixtures/format/wal/make-fixture.ts";

const FIXTURE_DIR = new URL("../../fixtures/format/wal/", import.meta.url).pathname;
const fixture = new Uint8Array(readFileSync(`${FIXTURE_DIR}${FIXTURE_NAME}`));

describe("WAL format", () => {
  test("the golden segment decodes to its expected dump", () => {
    const expected = JSON.parse(readFileSync(`${FIXTURE_DIR}${FIXTURE_DUMP_NAME}`, "utf8"));
    expect(dumpSegment(fixture, FIXTURE_NAME)).toEqual(expected);
  });

  test("re-encoding the golden edits gives identical bytes", () => {
    const encoded = encodeFixture();
    if (!equalBytes(encoded, fixture)) expect(toHex(encoded)).toBe(toHex(fixture));
    expect(encoded.length).toBe(fixture.length);
  });

  test("the WAL writer produces the golden bytes for the same edits", async () => {
    const fs = new MemFs();
    const wal = await WAL.open({ fs, dir: "/wal" });
    await wal.replay(() => {});
    for (const edit of fixtureEdits()) await wal.append(edit, "fsync");
    await wal.close();
    const written = await fs.readFile(`/wal/${FIXTURE_NAME}`);
    expect(toHex(written)).toBe(toHex(fixture));
  });

  test("segment file names carry 16 hex digits and sort in number order", () => {
    expect(segmentFileName(1n)).toBe("wal-0000000000000001.log");
    expect(segmentFileName(0xffffffffffffffffn)).toBe("wal-ffffffffffffffff.log");
    expect(parseSegmentFileName("dir/wal-00000000000000ff.log")).toBe(255n);
    for (const bad of ["wal-1.log", "wal-000000000000000G.log", "wal-0000000000000000.log", "x-0000000000000001.log"]) {
      expect(parseSegmentFileName(bad)).toBeUndefined();
    }
    const names = [3n, 16n, 255n, 4096n].map(segmentFileName);
    expect([...names].sort()).toEqual(names);
  });

  test("the segment header is magic, version, flags, number and its checksum", () => {
    const header = encodeSegmentHeader(1n);
    expect(toHex(header.subarray(0, 16))).toBe("5357414c000100000000000000000001");
    expect(toHex(fixture.subarray(0, 20))).toBe(toHex(header));
  });
});
