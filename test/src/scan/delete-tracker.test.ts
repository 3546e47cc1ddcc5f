import { describe, expect, test } from "bun:test";
import { DeleteTracker } from "../../../src/scan/delete-tracker.ts";
import { c } from "../../helpers/cells.ts";

describe("DeleteTracker", () => {
  test("a DeleteFamily masks every column at or before its timestamp", () => {
    const t = new DeleteTracker();
    t.add(c("r", "f", "", 10, "DeleteFamily"));
    expect(t.isDeleted(c("r", "f", "a", 10))).toBe("family");
    expect(t.isDeleted(c("r", "f", "b", 3))).toBe("family");
    expect(t.isDeleted(c("r", "f", "b", 11))).toBeUndefined();
  });

  test("only the newest DeleteFamily counts", () => {
    const t = new DeleteTracker();
    t.add(c("r", "f", "", 10, "DeleteFamily"));
    t.add(c("r", "f", "", 5, "DeleteFamily"));
    expect(t.isDeleted(c("r", "f", "a", 8))).toBe("family");
  });

  test("DeleteFamilyVersion masks exactly its timestamps, in every column", () => {
    const t = new DeleteTracker();
    t.add(c("r", "f", "", 7, "DeleteFamilyVersion"));
    t.add(c("r", "f", "", 4, "DeleteFamilyVersion"));
    expect(t.isDeleted(c("r", "f", "a", 7))).toBe("familyVersion");
    expect(t.isDeleted(c("r", "f", "z", 4))).toBe("familyVersion");
    expect(t.isDeleted(c("r", "f", "z", 5))).toBeUndefined();
  });

  test("a DeleteColumn masks its column at or before its timestamp, not other columns", () => {
    const t = new DeleteTracker();
    t.add(c("r", "f", "a", 5, "DeleteColumn"));
    expect(t.isDeleted(c("r", "f", "a", 5))).toBe("column");
    expect(t.isDeleted(c("r", "f", "a", 1))).toBe("column");
    expect(t.isDeleted(c("r", "f", "b", 1))).toBeUndefined();
  });

  test("a version Delete masks only its exact timestamp and is forgotten past it", () => {
    const t = new DeleteTracker();
    t.add(c("r", "f", "a", 5, "Delete"));
    expect(t.isDeleted(c("r", "f", "a", 5))).toBe("version");
    expect(t.isDeleted(c("r", "f", "a", 5))).toBe("version");
    expect(t.isDeleted(c("r", "f", "a", 4))).toBeUndefined();
  });

  test("a later version Delete on the same column replaces the earlier one", () => {
    const t = new DeleteTracker();
    t.add(c("r", "f", "a", 9, "Delete"));
    expect(t.isDeleted(c("r", "f", "a", 9))).toBe("version");
    t.add(c("r", "f", "a", 6, "Delete"));
    expect(t.isDeleted(c("r", "f", "a", 6))).toBe("version");
  });

  test("a version Delete after a DeleteColumn on the same column is ignored", () => {
    const t = new DeleteTracker();
    t.add(c("r", "f", "a", 9, "DeleteColumn"));
    t.add(c("r", "f", "a", 4, "Delete"));
    expect(t.isDeleted(c("r", "f", "a", 3))).toBe("column");
  });

  test("markers covered by the DeleteFamily are not tracked", () => {
    const t = new DeleteTracker();
    t.add(c("r", "f", "", 10, "DeleteFamily"));
    t.add(c("r", "f", "a", 4, "DeleteColumn"));
    expect(t.isDeleted(c("r", "f", "a", 12))).toBeUndefined();
  });

  test("reset forgets everything", () => {
    const t = new DeleteTracker();
    t.add(c("r", "f", "", 10, "DeleteFamily"));
    t.reset();
    expect(t.isDeleted(c("r", "f", "a", 1))).toBeUndefined();
  });
});
