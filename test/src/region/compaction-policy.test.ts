import { describe, expect, test } from "bun:test";
import { selectMinorCompaction } from "../../../src/region/compaction-policy.ts";
import { LIMITS } from "../../../src/util/limits.ts";

const config = { ...LIMITS, compactionMinSizeBytes: 10 };
const files = (...sizes: number[]) => sizes.map((sizeBytes) => ({ sizeBytes }));

describe("selectMinorCompaction", () => {
  test("takes nothing below the minimum file count", () => {
    expect(selectMinorCompaction(files(5, 5), config)).toEqual([]);
  });

  test("files under the minimum compact size are always eligible", () => {
    expect(selectMinorCompaction(files(1, 2, 3), config)).toEqual([0, 1, 2]);
  });

  test("leaves out an old large file that is out of ratio", () => {
    // 1000 > 1.2 × (30 + 30 + 30): only the three newer files qualify.
    expect(selectMinorCompaction(files(1000, 30, 30, 30), config)).toEqual([1, 2, 3]);
  });

  test("prefers more files, then the smaller total", () => {
    expect(selectMinorCompaction(files(50, 40, 40, 40, 40), config)).toEqual([0, 1, 2, 3, 4]);
    expect(selectMinorCompaction(files(100, 12, 12, 12), { ...config, compactionFilesMax: 3 })).toEqual([1, 2, 3]);
  });

  test("caps the window at compactionFilesMax", () => {
    const selected = selectMinorCompaction(files(...new Array(15).fill(5)), config);
    expect(selected.length).toBe(10);
  });

  test("a store at blockingStoreFiles takes the smallest window when nothing is in ratio", () => {
    const sizes = [1e6, 1e4, 1e2, 1e8, 1e3, 1e7];
    expect(selectMinorCompaction(files(...sizes), config)).toEqual([]);
    expect(selectMinorCompaction(files(...sizes), { ...config, blockingStoreFiles: 6 })).toEqual([0, 1, 2]);
  });

  test("never picks a file above compactionMaxSizeBytes", () => {
    expect(selectMinorCompaction(files(5, 500, 5, 5), { ...config, compactionMaxSizeBytes: 100 })).toEqual([0, 2, 3]);
  });
});
