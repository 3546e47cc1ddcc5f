import { describe, expect, test } from "bun:test";
import { normalizeFamily } from "../../../src/api/descriptors.ts";
import type { ColumnFamilyDescriptorInput } from "../../../src/api/descriptors.ts";
import { CompactionQueryMatcher } from "../../../src/scan/compaction-query-matcher.ts";
import type { Cell } from "../../../src/cell/cell.ts";
import { c, summary } from "../../helpers/cells.ts";

function run(cells: Cell[], family: Partial<ColumnFamilyDescriptorInput>, options: { major?: boolean; smallestReadPoint?: bigint; now?: bigint } = {}): string[] {
  const out: Cell[] = [];
  new CompactionQueryMatcher({
    major: options.major ?? false,
    smallestReadPoint: options.smallestReadPoint ?? 100n,
    now: options.now ?? 1_000_000n,
    family: normalizeFamily({ name: "f", ...family }),
    timeToPurgeDeletesMs: 0n,
  }).matchRow(cells, out);
  return summary(out);
}

describe("CompactionQueryMatcher (flush rules)", () => {
  test("drops Puts beyond VERSIONS", () => {
    expect(run([c("r", "f", "a", 3), c("r", "f", "a", 2), c("r", "f", "a", 1)], { maxVersions: 2 })).toEqual(["a@3", "a@2"]);
  });

  test("drops masked Puts and keeps the markers", () => {
    const cells = [c("r", "f", "a", 9, "DeleteColumn"), c("r", "f", "a", 5), c("r", "f", "b", 9)];
    expect(run(cells, {})).toEqual(["a@9:DeleteColumn", "b@9"]);
  });

  test("keeps masked Puts with KEEP_DELETED_CELLS TRUE", () => {
    const cells = [c("r", "f", "a", 9, "DeleteColumn"), c("r", "f", "a", 5)];
    expect(run(cells, { keepDeletedCells: true })).toEqual(["a@9:DeleteColumn", "a@5"]);
  });

  test("keeps markers that follow the column's last kept version", () => {
    const cells = [c("r", "f", "a", 9), c("r", "f", "a", 8), c("r", "f", "a", 5, "DeleteColumn"), c("r", "f", "a", 3)];
    expect(run(cells, { maxVersions: 1 })).toEqual(["a@9", "a@5:DeleteColumn"]);
  });

  test("drops expired Puts beyond MIN_VERSIONS", () => {
    const now = 1_000_000n;
    const cells = [c("r", "f", "a", now - 20_000n), c("r", "f", "a", now - 30_000n)];
    expect(run(cells, { ttlSeconds: 10, maxVersions: 5 }, { now })).toEqual([]);
    expect(run(cells, { ttlSeconds: 10, maxVersions: 5, minVersions: 1 }, { now })).toEqual([`a@${now - 20_000n}`]);
  });

  test("cells newer than the smallest read point are kept and mask nothing", () => {
    const cells = [c("r", "f", "a", 9, "DeleteColumn", "", 200n), c("r", "f", "a", 5, "Put", "", 50n)];
    expect(run(cells, {}, { smallestReadPoint: 100n })).toEqual(["a@9:DeleteColumn", "a@5"]);
  });

  test("a major compaction drops markers and what they mask", () => {
    const cells = [c("r", "f", "", 9, "DeleteFamily"), c("r", "f", "a", 5), c("r", "f", "b", 10)];
    expect(run(cells, {}, { major: true })).toEqual(["b@10"]);
  });
});
