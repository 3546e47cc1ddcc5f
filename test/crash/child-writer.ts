// The child process of sigkill.test.ts (TESTING.md T5, embedded): opens the store in argv[2] and
// writes SYNC_WAL puts until it is killed. Two writer loops (own keys each, so one group commit
// serves both) write single cells "k<n>", whole rows "m<n>" (the same value in 4 columns of each
// of families a, b, c) and three-put batches; the first loop flushes the table now and then.
// Protocol on stdout, one line each, written synchronously: "ready" once open; "inflight <key>
// <value>" BEFORE a write is issued; "ack <key> <value>" AFTER its promise resolved.
// Usage: bun test/crash/child-writer.ts <dir> <cycle> <seed>

import { Durability, Put, open } from "../../src/index.ts";
import type { Table } from "../../src/index.ts";
import { SeededRandom } from "../helpers/seeded-random.ts";
import { emitLine } from "../helpers/child-lines.ts";

export const CHILD_TABLE = "sigkill";
export const CHILD_FAMILIES = ["a", "b", "c"];
export const ROW_COLUMNS = ["c0", "c1", "c2", "c3"];
const SINGLE_KEYS = 200;
const ROW_KEYS = 40;
const FLUSH_EVERY_OPS = 60;


function singlePut(key: string, value: string): Put {
  return new Put(key).addColumn("a", "q", value).setDurability(Durability.SYNC_WAL);
}

function rowPut(key: string, value: string): Put {
  const put = new Put(key).setDurability(Durability.SYNC_WAL);
  for (const family of CHILD_FAMILIES) for (const column of ROW_COLUMNS) put.addColumn(family, column, value);
  return put;
}

/** One writer loop; `loop` picks its half of the keys (even or odd numbers). */
async function writerLoop(ctx: { table: Table; flush: () => Promise<void>; loop: number; cycle: string; random: SeededRandom }): Promise<void> {
  const { table, loop, cycle, random } = ctx;
  const key = (prefix: string, count: number) => `${prefix}${2 * random.int(count / 2) + loop}`;
  for (let n = 0; ; n++) {
    const value = `${cycle}.${loop}.${n}`;
    const kind = random.int(10);
    if (kind < 5) {
      const k = key("k", SINGLE_KEYS);
      emitLine(`inflight ${k} ${value}`);
      await table.put(singlePut(k, value));
      emitLine(`ack ${k} ${value}`);
    } else if (kind < 8) {
      const k = key("m", ROW_KEYS);
      emitLine(`inflight ${k} ${value}`);
      await table.put(rowPut(k, value));
      emitLine(`ack ${k} ${value}`);
    } else {
      const keys = [...new Set([key("k", SINGLE_KEYS), key("k", SINGLE_KEYS), key("k", SINGLE_KEYS)])];
      for (const k of keys) emitLine(`inflight ${k} ${value}`);
      await table.put(keys.map((k) => singlePut(k, value)));
      for (const k of keys) emitLine(`ack ${k} ${value}`);
    }
    if (loop === 0 && n % FLUSH_EVERY_OPS === FLUSH_EVERY_OPS - 1) await ctx.flush();
  }
}

async function main(): Promise<void> {
  const [dir, cycle, seed] = process.argv.slice(2);
  const conn = await open(dir);
  if (!(await conn.admin.tableExists(CHILD_TABLE))) {
    await conn.admin.createTable({ name: CHILD_TABLE, families: CHILD_FAMILIES, memstoreFlushSizeBytes: 64 * 1024 });
  }
  const table = conn.table(CHILD_TABLE);
  emitLine("ready");
  const random = new SeededRandom(Number(seed));
  const flush = () => conn.admin.flush(CHILD_TABLE);
  await Promise.all([0, 1].map((loop) => writerLoop({ table, flush, loop, cycle, random: new SeededRandom(random.nextUint32()) })));
}

if (import.meta.main) {
  main().catch((error) => {
    emitLine(`error ${String(error)}`);
    process.exit(1);
  });
}
