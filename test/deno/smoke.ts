// Deno smoke test of the embedded API (run by `npm test` as `deno run ... test/deno/smoke.ts`):
// the same source must run unchanged under Deno. Exits non-zero on the first mismatch.

import {
  CheckAndMutate, Delete, Get, Increment, open, Put, Scan, toUtf8,
} from "../../src/index.ts";

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`Deno smoke test failed: ${what}`);
}

const dir = await Deno.makeTempDir({ prefix: "shale-deno-" });
try {
  let conn = await open(dir, { limits: { memstoreFlushSizeBytes: 16 * 1024 } });
  await conn.admin.createTable({ name: "smoke", families: [{ name: "f", maxVersions: 3 }] }, [new TextEncoder().encode("m")]);
  const table = conn.table("smoke");
  for (let i = 0; i < 500; i++) {
    await table.put(new Put(`row-${String(i).padStart(4, "0")}`).addColumn("f", "q", `v${i}`, BigInt(1000 + i)));
  }
  await table.delete(new Delete("row-0001"));
  const counter = await table.increment(new Increment("counter").addColumn("f", "n", 5n));
  check(counter.getValue("f", "n")?.length === 8, "increment returns an 8-byte counter");
  const cam = await table.checkAndMutate(
    CheckAndMutate.newBuilder("row-0002").ifEquals("f", "q", "v2").build(new Put("row-0002").addColumn("f", "q", "changed")),
  );
  check(cam.success, "checkAndMutate with a matching value succeeds");
  await conn.admin.flush("smoke");
  await conn.close();

  conn = await open(dir);
  const reopened = conn.table("smoke");
  check(toUtf8((await reopened.get(new Get("row-0002"))).getValue("f", "q")!) === "changed", "value survives reopen");
  check((await reopened.get(new Get("row-0001"))).isEmpty, "deleted row stays deleted");
  let rows = 0;
  for await (const _ of reopened.scan(new Scan().withStartRow("row-").withStopRow("row-~"))) rows++;
  check(rows === 499, `scan sees 499 rows across two regions (saw ${rows})`);
  let reversed = 0;
  let last = "~";
  for await (const r of reopened.scan(new Scan().setReversed(true).setLimit(10))) {
    const row = toUtf8(r.row!);
    check(row < last, "reversed scan goes downwards");
    last = row;
    reversed++;
  }
  check(reversed === 10, "reversed scan honours the limit");
  await conn.close();
  console.log("deno smoke test: ok (embedded API under Deno)");
} finally {
  await Deno.remove(dir, { recursive: true });
}
