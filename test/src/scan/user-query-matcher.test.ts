import { describe, expect, test } from "bun:test";
import { TimeRange } from "../../../src/api/operations.ts";
import { type UserQueryOptions, UserQueryMatcher } from "../../../src/scan/user-query-matcher.ts";
import { toBytes } from "../../../src/util/bytes.ts";
import { encodeTtlTag } from "../../../src/cell/tags.ts";
import type { Cell } from "../../../src/cell/cell.ts";
import { c, summary } from "../../helpers/cells.ts";

const base: UserQueryOptions = {
  readPoint: 100n,
  timeRange: TimeRange.ALL_TIME,
  raw: false,
  keepDeletedCells: false,
  now: 1_000_000n,
  familyTtlMs: undefined,
  minVersions: 0,
  maxVersions: 1,
  qualifiers: undefined,
  storeLimit: -1,
  storeOffset: 0,
};

function run(cells: Cell[], options: Partial<UserQueryOptions> = {}): string[] {
  const out: Cell[] = [];
  new UserQueryMatcher({ ...base, ...options }).matchRow(cells, out);
  return summary(out);
}

describe("UserQueryMatcher", () => {
  const versions = [c("r", "f", "a", 30), c("r", "f", "a", 20), c("r", "f", "a", 10), c("r", "f", "b", 5)];

  test.each([
    [1, ["a@30", "b@5"]],
    [2, ["a@30", "a@20", "b@5"]],
    [5, ["a@30", "a@20", "a@10", "b@5"]],
  ])("returns the newest %i versions per column", (maxVersions, expected) => {
    expect(run(versions, { maxVersions })).toEqual(expected);
  });

  test("hides cells above the read point", () => {
    expect(run([c("r", "f", "a", 30, "Put", "", 101n), c("r", "f", "a", 20, "Put", "", 100n)])).toEqual(["a@20"]);
  });

  test("a rewrite of the same coordinates counts once and the newest sequence id wins", () => {
    const cells = [c("r", "f", "a", 30, "Put", "new", 9n), c("r", "f", "a", 30, "Put", "old", 3n), c("r", "f", "a", 20)];
    const out: Cell[] = [];
    new UserQueryMatcher({ ...base, maxVersions: 2 }).matchRow(cells, out);
    expect(summary(out)).toEqual(["a@30", "a@20"]);
    expect(new TextDecoder().decode(out[0].value)).toBe("new");
  });

  test("masked versions do not count, so older ones show (version resurrection)", () => {
    const cells = [c("r", "f", "a", 30, "Delete"), c("r", "f", "a", 30), c("r", "f", "a", 20), c("r", "f", "a", 10)];
    expect(run(cells, { maxVersions: 2 })).toEqual(["a@20", "a@10"]);
  });

  test("markers are never returned by normal reads and are returned by raw reads", () => {
    const cells = [c("r", "f", "", 50, "DeleteFamily"), c("r", "f", "a", 40, "DeleteColumn"), c("r", "f", "a", 30)];
    expect(run(cells, { maxVersions: 3 })).toEqual([]);
    expect(run(cells, { maxVersions: 3, raw: true })).toEqual(["@50:DeleteFamily", "a@40:DeleteColumn", "a@30"]);
  });

  test("time range [min, max) keeps only covered versions", () => {
    const range = new TimeRange(15n, 30n);
    expect(run(versions, { maxVersions: 5, timeRange: range })).toEqual(["a@20"]);
  });

  test("with KEEP_DELETED_CELLS FALSE a marker newer than the range still applies", () => {
    const cells = [c("r", "f", "a", 40, "DeleteColumn"), c("r", "f", "a", 20)];
    expect(run(cells, { timeRange: new TimeRange(0n, 30n) })).toEqual([]);
    expect(run(cells, { timeRange: new TimeRange(0n, 30n), keepDeletedCells: true })).toEqual(["a@20"]);
  });

  test("family TTL hides expired cells; MIN_VERSIONS keeps the newest ones anyway", () => {
    const now = 1_000_000n;
    const cells = [c("r", "f", "a", now - 5_000n), c("r", "f", "a", now - 50_000n), c("r", "f", "a", now - 60_000n)];
    expect(run(cells, { maxVersions: 3, familyTtlMs: 10_000n })).toEqual([`a@${now - 5_000n}`]);
    expect(run(cells, { maxVersions: 3, familyTtlMs: 10_000n, minVersions: 2 })).toEqual([`a@${now - 5_000n}`, `a@${now - 50_000n}`]);
  });

  test("a cell TTL tag shortens a cell's life", () => {
    const tagged = { ...c("r", "f", "a", 999_000n), tags: encodeTtlTag(500n) };
    expect(run([tagged, c("r", "f", "a", 998_000n)], { maxVersions: 2 })).toEqual(["a@998000"]);
  });

  test("explicit columns select qualifiers", () => {
    expect(run(versions, { maxVersions: 5, qualifiers: [toBytes("b")] })).toEqual(["b@5"]);
  });

  test("store limit and offset count included cells", () => {
    expect(run(versions, { maxVersions: 5, storeOffset: 1, storeLimit: 2 })).toEqual(["a@20", "a@10"]);
  });
});
