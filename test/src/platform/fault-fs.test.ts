import { describe, expect, test } from "bun:test";
import { FaultFs } from "../../../src/platform/fault-fs.ts";
import type { Fs } from "../../../src/platform/fs.ts";
import { MemFs } from "../../../src/platform/mem-fs.ts";
import { toBytes as bytes, toUtf8 as text } from "../../../src/util/bytes.ts";
import { codeOf } from "../../helpers/errno.ts";

/** Eleven ops: mkdirs, open, append, sync, close, syncDir, open, append, sync, rename, syncDir. */
const SCENARIO_OPS = 11;
async function scenario(fs: Fs): Promise<void> {
  await fs.mkdirs("d");
  const a = await fs.open("d/a", "create");
  await a.append(bytes("first"));
  await a.sync();
  await a.close();
  await fs.syncDir("d");
  const b = await fs.open("d/b.tmp", "create");
  await b.append(bytes("second"));
  await b.sync();
  await fs.rename("d/b.tmp", "d/b");
  await fs.syncDir("d");
}

describe("FaultFs", () => {
  test("counts every Fs and FileHandle call as one op", async () => {
    const fs = new FaultFs(new MemFs());
    expect(fs.opCount).toBe(0);
    await scenario(fs);
    expect(fs.opCount).toBe(SCENARIO_OPS);
    await fs.list("d");
    await fs.exists("d/a");
    await fs.readFile("d/a");
    expect(fs.opCount).toBe(SCENARIO_OPS + 3);
  });

  test("reports each op through onOp with its name, path and index", async () => {
    const fs = new FaultFs(new MemFs());
    const seen: string[] = [];
    fs.onOp = (op, path, index) => seen.push(`${index} ${op} ${path}`);
    await scenario(fs);
    expect(seen).toEqual([
      "0 mkdirs d",
      "1 open d/a",
      "2 append d/a",
      "3 sync d/a",
      "4 close d/a",
      "5 syncDir d",
      "6 open d/b.tmp",
      "7 append d/b.tmp",
      "8 sync d/b.tmp",
      "9 rename d/b.tmp -> d/b",
      "10 syncDir d",
    ]);
  });

  test("failAt 'once' fails exactly op k with a Node-like error, and op k+1 succeeds", async () => {
    const fs = new FaultFs(new MemFs());
    await fs.mkdirs("d");
    const handle = await fs.open("d/f", "create");
    fs.failAt(3, "ENOSPC", "once");
    await handle.append(bytes("ok"));
    const failed = await handle.append(bytes("no")).catch((error: unknown) => error as Error & { code: string });
    expect(failed).toBeInstanceOf(Error);
    expect((failed as { code: string }).code).toBe("ENOSPC");
    expect((failed as Error).message).toBe("ENOSPC: no space left on device, write");
    await handle.append(bytes("!"));
    expect(text(await fs.readFile("d/f"))).toBe("ok!");
  });

  test("failing each op once in turn fails exactly that op and no other", async () => {
    for (let k = 0; k < SCENARIO_OPS; k++) {
      const fs = new FaultFs(new MemFs());
      let last = -1;
      fs.onOp = (_op, _path, index) => {
        last = index;
      };
      fs.failAt(k, "EIO", "once");
      expect(await codeOf(scenario(fs)), `k=${k}`).toBe("EIO");
      expect(last, `k=${k}`).toBe(k);
      expect(fs.opCount, `k=${k}`).toBe(k + 1);
    }
  });

  test("failAt 'persistent' fails op k and every later mutating op, but reads keep working", async () => {
    const fs = new FaultFs(new MemFs());
    await scenario(fs);
    const handle = await fs.open("d/a", "append");
    fs.failAt(fs.opCount, "EIO", "persistent");
    expect(await codeOf(handle.size())).toBe("EIO");
    expect(await handle.size()).toBe(5);
    expect(text(await handle.read(0, 5))).toBe("first");
    expect(text(await fs.readFile("d/b"))).toBe("second");
    expect(await fs.list("d")).toEqual(["a", "b"]);
    expect(await fs.exists("d/a")).toBe(true);
    expect(await codeOf(fs.open("d/a", "read"))).toBe("resolved");
    expect(await codeOf(handle.append(bytes("x")))).toBe("EIO");
    expect(await codeOf(handle.sync())).toBe("EIO");
    expect(await codeOf(handle.truncate(0))).toBe("EIO");
    expect(await codeOf(fs.open("d/c", "create"))).toBe("EIO");
    expect(await codeOf(fs.rename("d/a", "d/z"))).toBe("EIO");
    expect(await codeOf(fs.remove("d/a"))).toBe("EIO");
    expect(await codeOf(fs.removeTree("d"))).toBe("EIO");
    expect(await codeOf(fs.mkdirs("e"))).toBe("EIO");
    expect(await codeOf(fs.syncDir("d"))).toBe("EIO");
    expect(await fs.list("d")).toEqual(["a", "b"]);
    expect(text(await fs.readFile("d/a"))).toBe("first");
  });

  test("a failed op leaves the inner file system unchanged", async () => {
    const inner = new MemFs();
    const fs = new FaultFs(inner);
    await fs.mkdirs("d");
    await inner.open("d/f", "create");
    fs.failAt(fs.opCount, "EIO", "persistent");
    await codeOf(fs.open("d/g", "create"));
    await codeOf(fs.rename("d/f", "d/h"));
    await codeOf(fs.remove("d/f"));
    expect(await inner.list("d")).toEqual(["f"]);
  });

  test("a failed sync does not make data durable", async () => {
    const inner = new MemFs();
    const fs = new FaultFs(inner);
    const handle = await fs.open("f", "create");
    await fs.syncDir("");
    await handle.append(bytes("data"));
    fs.failAt(fs.opCount, "EIO", "once");
    expect(await codeOf(handle.sync())).toBe("EIO");
    inner.crash("clean");
    expect((await inner.readFile("f")).length).toBe(0);
  });

  test("a failed append writes nothing, or the first half with partialWrite", async () => {
    for (const partialWrite of [false, true]) {
      const fs = new FaultFs(new MemFs());
      const handle = await fs.open("f", "create");
      fs.failAt(fs.opCount, "ENOSPC", "once", { partialWrite });
      expect(await codeOf(handle.append(bytes("abcdefgh")))).toBe("ENOSPC");
      expect(text(await fs.readFile("f"))).toBe(partialWrite ? "abcd" : "");
    }
  });

  test("clearFaults ends a persistent fault", async () => {
    const fs = new FaultFs(new MemFs());
    fs.failAt(0, "ENOSPC", "persistent");
    expect(await codeOf(fs.mkdirs("a"))).toBe("ENOSPC");
    expect(await codeOf(fs.mkdirs("a"))).toBe("ENOSPC");
    fs.clearFaults();
    expect(await codeOf(fs.mkdirs("a"))).toBe("resolved");
    expect(await fs.exists("a")).toBe(true);
  });

  test("passes the inner file system's own errors through", async () => {
    const fs = new FaultFs(new MemFs());
    expect(await codeOf(fs.open("missing", "read"))).toBe("ENOENT");
    expect(fs.opCount).toBe(1);
  });
});
