import { describe, expect, test } from "bun:test";
import type { FileHandle, Fs } from "../../../src/platform/fs.ts";
import { MemFs } from "../../../src/platform/mem-fs.ts";
import { NodeFs } from "../../../src/platform/node-fs.ts";
import { SeededRandom, testSeed } from "../../helpers/seeded-random.ts";
import { makeTempDir } from "../../helpers/temp-dir.ts";
import { toBytes as bytes, toUtf8 as text } from "../../../src/util/bytes.ts";
import { codeOf } from "../../helpers/errno.ts";

async function writeFile(fs: Fs, path: string, data: string, sync: boolean): Promise<FileHandle> {
  const handle = await fs.open(path, "create");
  await handle.append(bytes(data));
  if (sync) await handle.sync();
  return handle;
}

async function fileText(fs: Fs, path: string): Promise<string> {
  return text(await fs.readFile(path));
}

describe("MemFs", () => {
  test("open 'create' fails with EEXIST when the file exists", async () => {
    const fs = new MemFs();
    await writeFile(fs, "f", "x", false);
    expect(await codeOf(fs.open("f", "create"))).toBe("EEXIST");
  });

  test("open 'read' and 'append' fail with ENOENT when the file is absent", async () => {
    const fs = new MemFs();
    expect(await codeOf(fs.open("nope", "read"))).toBe("ENOENT");
    expect(await codeOf(fs.open("nope", "append"))).toBe("ENOENT");
    expect(await codeOf(fs.readFile("nope"))).toBe("ENOENT");
  });

  test("open 'create' fails with ENOENT when the directory is missing", async () => {
    const fs = new MemFs();
    expect(await codeOf(fs.open("no/dir/f", "create"))).toBe("ENOENT");
    await fs.mkdirs("no/dir");
    expect(await codeOf(fs.open("no/dir/f", "create"))).toBe("resolved");
  });

  test("errors carry a Node-like message", async () => {
    const fs = new MemFs();
    await expect(fs.open("a/b", "read")).rejects.toThrow("ENOENT: no such file or directory, open 'a/b'");
  });

  test("list returns sorted names, and [] for a missing directory", async () => {
    const fs = new MemFs();
    await fs.mkdirs("d/sub");
    for (const name of ["c", "a", "B", "b"]) await writeFile(fs, `d/${name}`, name, false);
    expect(await fs.list("d")).toEqual(["B", "a", "b", "c", "sub"]);
    expect(await fs.list("missing")).toEqual([]);
    expect(await fs.list("d/sub")).toEqual([]);
  });

  test("mkdirs creates every missing parent and is idempotent", async () => {
    const fs = new MemFs();
    await fs.mkdirs("a/b/c");
    await fs.mkdirs("a/b/c");
    expect(await fs.exists("a")).toBe(true);
    expect(await fs.exists("a/b")).toBe(true);
    expect(await fs.list("a/b")).toEqual(["c"]);
    await writeFile(fs, "a/f", "", false);
    expect(await codeOf(fs.mkdirs("a/f"))).toBe("EEXIST");
  });

  test("paths normalize repeated and trailing slashes", async () => {
    const fs = new MemFs();
    await fs.mkdirs("a//b/");
    await writeFile(fs, "a/b//f", "data", false);
    expect(await fileText(fs, "a/b/f")).toBe("data");
    expect(await fs.list("a/b/")).toEqual(["f"]);
    expect(await fs.exists("a//b//f")).toBe(true);
  });

  test("rename over an existing file replaces it", async () => {
    const fs = new MemFs();
    await writeFile(fs, "old", "old data", true);
    await writeFile(fs, "new", "new data", true);
    await fs.rename("new", "old");
    expect(await fs.list("")).toEqual(["old"]);
    expect(await fileText(fs, "old")).toBe("new data");
    expect(await codeOf(fs.rename("new", "old"))).toBe("ENOENT");
  });

  test("read past the end returns a short array, and an empty one at or beyond the end", async () => {
    const fs = new MemFs();
    const handle = await writeFile(fs, "f", "hello", false);
    expect(text(await handle.read(3, 10))).toBe("lo");
    expect((await handle.read(5, 4)).length).toBe(0);
    expect((await handle.read(99, 4)).length).toBe(0);
  });

  test("size includes unsynced appends", async () => {
    const fs = new MemFs();
    const handle = await writeFile(fs, "f", "abc", true);
    await handle.append(bytes("de"));
    expect(await handle.size()).toBe(5);
    const again = await fs.open("f", "append");
    expect(await again.size()).toBe(5);
  });

  test("append copies the caller's bytes", async () => {
    const fs = new MemFs();
    const handle = await fs.open("f", "create");
    const data = bytes("abc");
    await handle.append(data);
    data[0] = 0x7a;
    expect(await fileText(fs, "f")).toBe("abc");
  });

  test("truncate shortens, and extends with zeros", async () => {
    const fs = new MemFs();
    const handle = await writeFile(fs, "f", "abcdef", false);
    await handle.truncate(2);
    await handle.truncate(4);
    expect([...(await fs.readFile("f"))]).toEqual([0x61, 0x62, 0, 0]);
  });

  test("a read-only handle refuses append and truncate", async () => {
    const fs = new MemFs();
    await writeFile(fs, "f", "x", false);
    const handle = await fs.open("f", "read");
    expect(await codeOf(handle.append(bytes("y")))).toBe("EBADF");
    expect(await codeOf(handle.truncate(0))).toBe("EBADF");
  });

  test("a closed handle refuses every call", async () => {
    const fs = new MemFs();
    const handle = await writeFile(fs, "f", "x", false);
    await handle.close();
    expect(await codeOf(handle.read(0, 1))).toBe("EBADF");
    expect(await codeOf(handle.append(bytes("y")))).toBe("EBADF");
  });

  test("remove and removeTree succeed when the target is already gone", async () => {
    const fs = new MemFs();
    await fs.remove("nope");
    await fs.removeTree("nope/deeper");
    await fs.mkdirs("d/e");
    await writeFile(fs, "d/e/f", "x", false);
    await fs.removeTree("d");
    expect(await fs.exists("d")).toBe(false);
    expect(await fs.list("")).toEqual([]);
  });

  test("synced data survives a clean crash and unsynced data does not", async () => {
    const fs = new MemFs();
    await fs.mkdirs("d");
    const handle = await writeFile(fs, "d/f", "durable", true);
    await fs.syncDir("d");
    await handle.append(bytes(" lost"));
    fs.crash("clean");
    expect(await fileText(fs, "d/f")).toBe("durable");
  });

  test("torn crashes produce every length between synced and written", async () => {
    const seed = testSeed();
    const random = new SeededRandom(seed);
    const fs = new MemFs({ random: () => random.float() });
    const handle = await writeFile(fs, "f", "0123", true);
    await fs.syncDir("");
    await handle.append(bytes("456789"));
    const seen = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const branch = fs.clone();
      branch.crash("torn");
      const data = await fileText(branch, "f");
      expect("0123456789".startsWith(data), `seed ${seed}`).toBe(true);
      seen.add(data.length);
    }
    expect([...seen].sort((a, b) => a - b), `seed ${seed}`).toEqual([4, 5, 6, 7, 8, 9, 10]);
  });

  test("torn crashes are reproducible from the same seed", async () => {
    const lengths = async (seed: number) => {
      const random = new SeededRandom(seed);
      const fs = new MemFs({ random: () => random.float() });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) {
        const handle = await writeFile(fs, `f${i}`, "", true);
        await fs.syncDir("");
        await handle.append(new Uint8Array(100));
        fs.crash("torn");
        out.push((await fs.readFile(`f${i}`)).length);
      }
      return out;
    };
    const first = await lengths(7);
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await lengths(7)).toEqual(first);
  });

  test("a torn crash keeps only synced bytes where the unsynced part is not an append", async () => {
    const fs = new MemFs({ random: () => 0.999 });
    const handle = await writeFile(fs, "f", "abcdef", true);
    await fs.syncDir("");
    await handle.truncate(2);
    await handle.append(bytes("XYZW"));
    fs.crash("torn");
    expect(await fileText(fs, "f")).toBe("abcdef");
  });

  test("truncate is durable only after sync", async () => {
    const fs = new MemFs();
    const handle = await writeFile(fs, "f", "abcdef", true);
    await fs.syncDir("");
    await handle.truncate(3);
    expect(await fileText(fs, "f")).toBe("abc");
    const unsynced = fs.clone();
    unsynced.crash("clean");
    expect(await fileText(unsynced, "f")).toBe("abcdef");
    await handle.sync();
    fs.crash("clean");
    expect(await fileText(fs, "f")).toBe("abc");
  });

  test("a file synced in a directory never synced disappears after a crash", async () => {
    const fs = new MemFs();
    await fs.mkdirs("d");
    await writeFile(fs, "d/f", "data", true);
    fs.crash("clean");
    expect(await fs.exists("d/f")).toBe(false);
    expect(await fs.list("d")).toEqual([]);
  });

  test("a file synced in a synced directory survives a crash", async () => {
    const fs = new MemFs();
    await fs.mkdirs("d");
    await writeFile(fs, "d/f", "data", true);
    await fs.syncDir("d");
    fs.crash("clean");
    expect(await fileText(fs, "d/f")).toBe("data");
  });

  test("a directory made by mkdirs survives a crash without syncDir", async () => {
    const fs = new MemFs();
    await fs.mkdirs("a/b");
    fs.crash("clean");
    expect(await fs.exists("a/b")).toBe(true);
  });

  test("a rename not yet made durable by syncDir reverts to the old names", async () => {
    const fs = new MemFs();
    await writeFile(fs, "target", "old", true);
    await writeFile(fs, "target.tmp", "new", true);
    await fs.syncDir("");
    await fs.rename("target.tmp", "target");
    fs.crash("clean");
    expect(await fs.list("")).toEqual(["target", "target.tmp"]);
    expect(await fileText(fs, "target")).toBe("old");
    expect(await fileText(fs, "target.tmp")).toBe("new");
  });

  test("a rename followed by syncDir survives a crash", async () => {
    const fs = new MemFs();
    await writeFile(fs, "target", "old", true);
    await writeFile(fs, "target.tmp", "new", true);
    await fs.syncDir("");
    await fs.rename("target.tmp", "target");
    await fs.syncDir("");
    fs.crash("clean");
    expect(await fs.list("")).toEqual(["target"]);
    expect(await fileText(fs, "target")).toBe("new");
  });

  test("a rename across directories needs syncDir on both", async () => {
    const fs = new MemFs();
    await fs.mkdirs("a");
    await fs.mkdirs("b");
    await writeFile(fs, "a/f", "data", true);
    await fs.syncDir("a");
    await fs.rename("a/f", "b/f");
    await fs.syncDir("b");
    const bothSynced = fs.clone();
    fs.crash("clean");
    expect(await fileText(fs, "a/f")).toBe("data");
    expect(await fileText(fs, "b/f")).toBe("data");
    await bothSynced.syncDir("a");
    bothSynced.crash("clean");
    expect(await bothSynced.exists("a/f")).toBe(false);
    expect(await fileText(bothSynced, "b/f")).toBe("data");
  });

  test("a removed file comes back with its synced data after a crash, unless syncDir ran", async () => {
    const fs = new MemFs();
    const handle = await writeFile(fs, "f", "synced", true);
    await fs.syncDir("");
    await handle.append(bytes(" unsynced"));
    await fs.remove("f");
    const removedDurably = fs.clone();
    fs.crash("clean");
    expect(await fileText(fs, "f")).toBe("synced");
    await removedDurably.syncDir("");
    removedDurably.crash("clean");
    expect(await removedDurably.exists("f")).toBe(false);
  });

  test("a removed directory tree comes back after a crash unless its parent was synced", async () => {
    const fs = new MemFs();
    await fs.mkdirs("t/r");
    await writeFile(fs, "t/r/f", "data", true);
    await fs.syncDir("t/r");
    await fs.removeTree("t/r");
    const removedDurably = fs.clone();
    fs.crash("clean");
    expect(await fileText(fs, "t/r/f")).toBe("data");
    await removedDurably.syncDir("t");
    removedDurably.crash("clean");
    expect(await removedDurably.exists("t/r")).toBe(false);
  });

  test("every handle opened before a crash is dead afterwards", async () => {
    const fs = new MemFs();
    const handle = await writeFile(fs, "f", "data", true);
    await fs.syncDir("");
    fs.crash("clean");
    expect(await codeOf(handle.append(bytes("x")))).toBe("EBADF");
    expect(await codeOf(handle.read(0, 1))).toBe("EBADF");
    expect(await codeOf(handle.sync())).toBe("EBADF");
    expect(await codeOf(handle.size())).toBe("EBADF");
    expect(await codeOf(handle.truncate(0))).toBe("EBADF");
    expect(await codeOf(handle.close())).toBe("EBADF");
    const fresh = await fs.open("f", "append");
    expect(await fresh.size()).toBe(4);
  });

  test("clone is independent of the original, durable state included", async () => {
    const fs = new MemFs();
    const handle = await writeFile(fs, "f", "synced", true);
    await fs.syncDir("");
    await handle.append(bytes("+more"));
    const copy = fs.clone();
    await handle.append(bytes("+after"));
    await writeFile(fs, "g", "only in original", false);
    expect(await fileText(copy, "f")).toBe("synced+more");
    expect(await copy.list("")).toEqual(["f"]);
    copy.crash("clean");
    expect(await fileText(copy, "f")).toBe("synced");
    expect(await fileText(fs, "f")).toBe("synced+more+after");
    await handle.append(bytes("!"));
    expect(await fs.list("")).toEqual(["f", "g"]);
  });
});

/** One scenario, no crash; returns what a caller can observe. */
async function observe(fs: Fs, root: string): Promise<unknown[]> {
  const seen: unknown[] = [];
  await fs.mkdirs(`${root}/d/sub`);
  const a = await fs.open(`${root}/d/a`, "create");
  await a.append(bytes("alpha"));
  await a.sync();
  seen.push(await a.size(), text(await a.read(2, 10)));
  await a.truncate(3);
  await a.append(bytes("!"));
  await a.close();
  const b = await fs.open(`${root}/d/b`, "create");
  await b.append(bytes("bravo"));
  await b.close();
  seen.push(await codeOf(fs.open(`${root}/d/a`, "create")), await codeOf(fs.open(`${root}/d/x`, "read")));
  await fs.rename(`${root}/d/b`, `${root}/d/a`);
  await fs.syncDir(`${root}/d`);
  seen.push(await fs.list(`${root}/d`), text(await fs.readFile(`${root}/d/a`)));
  const reopened = await fs.open(`${root}/d/a`, "append");
  await reopened.append(bytes("123"));
  seen.push(await reopened.size(), (await reopened.read(6, 5)).length);
  await reopened.close();
  await fs.remove(`${root}/d/a`);
  await fs.remove(`${root}/d/a`);
  seen.push(await fs.list(`${root}/d`), await fs.exists(`${root}/d/sub`), await fs.list(`${root}/none`));
  await fs.removeTree(`${root}/d`);
  seen.push(await fs.exists(`${root}/d`), await fs.list(root));
  return seen;
}

describe("MemFs and NodeFs", () => {
  test("give the same observable results for the same scenario", async () => {
    const temp = await makeTempDir();
    try {
      const real = await observe(new NodeFs(), temp.path);
      const mem = await observe(new MemFs(), temp.path);
      expect(mem).toEqual(real);
      expect(real[0]).toBe(5);
    } finally {
      await temp.cleanup();
    }
  });
});
