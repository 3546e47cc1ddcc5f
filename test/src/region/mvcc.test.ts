import { describe, expect, test } from "bun:test";
import { Mvcc } from "../../../src/region/mvcc.ts";

describe("Mvcc", () => {
  test("the read point advances only over a contiguous prefix of completed writes", () => {
    const m = new Mvcc(10n);
    const a = m.begin();
    const b = m.begin();
    const d = m.begin();
    m.complete(b);
    expect(m.readPoint).toBe(10n);
    m.complete(a);
    expect(m.readPoint).toBe(12n);
    m.complete(d);
    expect(m.readPoint).toBe(13n);
  });

  test("waitForRead resolves once the read point passes the write", async () => {
    const m = new Mvcc(0n);
    const a = m.begin();
    const b = m.begin();
    let done = false;
    const waiting = m.waitForRead(b).then(() => (done = true));
    m.complete(b);
    await Promise.resolve();
    expect(done).toBe(false);
    m.complete(a);
    await waiting;
    expect(done).toBe(true);
  });

  test("completing a write twice is a bug", () => {
    const m = new Mvcc(0n);
    const a = m.begin();
    m.begin();
    m.complete(a + 1n);
    expect(() => m.complete(a + 1n)).toThrow();
  });
});
