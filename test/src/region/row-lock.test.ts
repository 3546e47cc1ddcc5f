import { describe, expect, test } from "bun:test";
import { RowLocks } from "../../../src/region/row-lock.ts";
import { TimeoutIOError } from "../../../src/api/errors.ts";
import { toBytes } from "../../../src/util/bytes.ts";

describe("RowLocks", () => {
  test("shared holders coexist; an exclusive one waits for them", async () => {
    const locks = new RowLocks(1000);
    const r1 = await locks.lockRows([toBytes("a")], false);
    const r2 = await locks.lockRows([toBytes("a")], false);
    let exclusive = false;
    const pending = locks.lockRows([toBytes("a")], true).then((release) => {
      exclusive = true;
      return release;
    });
    await Promise.resolve();
    expect(exclusive).toBe(false);
    r1();
    r2();
    (await pending)();
    expect(exclusive).toBe(true);
  });

  test("a wait past the limit fails with TimeoutIOError naming the row", async () => {
    const locks = new RowLocks(20);
    const release = await locks.lockRows([toBytes("row-x")], true);
    await expect(locks.lockRows([toBytes("row-x")], true)).rejects.toBeInstanceOf(TimeoutIOError);
    await expect(locks.lockRows([toBytes("row-x")], false)).rejects.toThrow("row-x");
    release();
    (await locks.lockRows([toBytes("row-x")], true))();
  });

  test("rows are locked in sorted order so crossing batches cannot deadlock", async () => {
    const locks = new RowLocks(500);
    const [a, b] = [toBytes("a"), toBytes("b")];
    const order: string[] = [];
    const first = locks.lockRows([a, b], true).then((release) => {
      order.push("first");
      setTimeout(release, 5);
    });
    const second = locks.lockRows([b, a], true).then((release) => {
      order.push("second");
      release();
    });
    await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
  });
});
