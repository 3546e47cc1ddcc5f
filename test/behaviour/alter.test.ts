// Schema changes (HBase's alter): modifyTable, add/delete/modify of a column family and
// modifyNamespace, on enabled and disabled tables, what survives a reopen, and the errors HBase
// answers for impossible changes (issue 5, data-semantics.md §6.1).

import { describe, expect, test } from "bun:test";
import {
  Get, InvalidFamilyOperationError, NamespaceNotFoundError, NoSuchColumnFamilyError, Put, TableNotFoundError,
} from "../../src/index.ts";
import { backends } from "./backends.ts";
import { createTable, expectError, scanAll, text, uniqueTableName, useStore } from "./fixtures.ts";

for (const backend of backends) {
  describe(`Alter [${backend.name}]`, () => {
    const store = useStore(backend);
    const admin = () => store.conn.admin;
    const familiesOf = async (name: string) => (await admin().getDescriptor(name)).families.map((f) => text(f.name));
    const value = async (name: string, row: string, family: string) => {
      const v = (await store.conn.table(name).get(new Get(row))).getValue(family, "q");
      return v === undefined ? undefined : text(v);
    };

    test("an added family takes writes at once, the old data stays, and both survive a reopen", async () => {
      const name = uniqueTableName();
      const table = await createTable(store.conn, ["f"], { name, splitKeys: ["m"] });
      await table.put(new Put("a").addColumn("f", "q", "old"));
      await admin().addColumnFamily(name, { name: "g", maxVersions: 2 });
      expect(await familiesOf(name)).toEqual(["f", "g"]);
      await store.conn.table(name).put([new Put("a").addColumn("g", "q", "new"), new Put("z").addColumn("g", "q", "far")]);
      expect(await value(name, "a", "f")).toBe("old");
      expect(await value(name, "a", "g")).toBe("new");
      await store.reopen();
      expect(await familiesOf(name)).toEqual(["f", "g"]);
      expect((await admin().getDescriptor(name)).families[1].maxVersions).toBe(2);
      expect(await value(name, "a", "g")).toBe("new");
      expect(await value(name, "z", "g")).toBe("far");
      expect((await admin().getRegions(name)).length).toBe(2);
    });

    test("a deleted family's data is gone for good: not read, not written, not back when the family is added again", async () => {
      const name = uniqueTableName();
      const table = await createTable(store.conn, ["f", "g"], { name });
      await table.put(new Put("a").addColumn("f", "q", "keep").addColumn("g", "q", "drop"));
      await admin().flush(name);
      await table.put(new Put("b").addColumn("g", "q", "in memstore"));
      await admin().deleteColumnFamily(name, "g");
      expect(await familiesOf(name)).toEqual(["f"]);
      expect(await value(name, "a", "f")).toBe("keep");
      await expectError(() => store.conn.table(name).put(new Put("a").addColumn("g", "q", "x")), NoSuchColumnFamilyError);
      await store.reopen();
      expect(await familiesOf(name)).toEqual(["f"]);
      await admin().addColumnFamily(name, "g");
      expect(await value(name, "a", "g")).toBeUndefined();
      expect(await value(name, "b", "g")).toBeUndefined();
      expect((await scanAll(store.conn.table(name))).map((r) => text(r.row))).toEqual(["a"]);
    });

    test("a modified family applies its new settings to the data already there", async () => {
      const name = uniqueTableName();
      const table = await createTable(store.conn, [{ name: "f", maxVersions: 1 }], { name });
      for (let ts = 1n; ts <= 3n; ts++) await table.put(new Put("r").addColumn("f", "q", `v${ts}`, ts));
      expect((await table.get(new Get("r").readAllVersions())).cells.length).toBe(1);
      await admin().modifyColumnFamily(name, { name: "f", maxVersions: 3 });
      await store.conn.table(name).put(new Put("r").addColumn("f", "q", "v4", 4n));
      await store.conn.table(name).put(new Put("r").addColumn("f", "q", "v5", 5n));
      expect((await store.conn.table(name).get(new Get("r").readAllVersions())).cells.map((c) => text(c.value))).toEqual(["v5", "v4", "v3"]);
      await store.reopen();
      expect((await admin().getDescriptor(name)).families[0].maxVersions).toBe(3);
    });

    test("modifyTable swaps families on a disabled pre-split table, which then enables with them", async () => {
      const name = uniqueTableName();
      const table = await createTable(store.conn, ["f"], { name, splitKeys: ["g", "p"] });
      await table.put([new Put("a").addColumn("f", "q", "1"), new Put("x").addColumn("f", "q", "2")]);
      await admin().disableTable(name);
      await admin().modifyTable({ name, families: ["h", { name: "i", maxVersions: 5 }] });
      expect(await admin().isTableDisabled(name)).toBe(true);
      await admin().enableTable(name);
      expect(await familiesOf(name)).toEqual(["h", "i"]);
      expect((await admin().getRegions(name)).length).toBe(3);
      expect(await scanAll(store.conn.table(name))).toEqual([]);
      await store.conn.table(name).put(new Put("x").addColumn("i", "q", "3"));
      expect(await value(name, "x", "i")).toBe("3");
    });

    test("impossible changes fail with HBase's exceptions and change nothing", async () => {
      const name = uniqueTableName();
      await createTable(store.conn, ["f"], { name });
      await expectError(() => admin().addColumnFamily(name, "f"), InvalidFamilyOperationError);
      await expectError(() => admin().deleteColumnFamily(name, "nope"), InvalidFamilyOperationError);
      await expectError(() => admin().deleteColumnFamily(name, "f"), InvalidFamilyOperationError);
      await expectError(() => admin().modifyColumnFamily(name, { name: "nope", maxVersions: 2 }), InvalidFamilyOperationError);
      await expectError(() => admin().addColumnFamily("never_made", "g"), TableNotFoundError);
      await expectError(() => admin().modifyTable({ name: "never_made", families: ["f"] }), TableNotFoundError);
      expect(await familiesOf(name)).toEqual(["f"]);
    });

    test("modifyNamespace replaces the configuration, durably; an absent namespace fails", async () => {
      await admin().createNamespace({ name: "alter_ns", configuration: { a: "1" } });
      await admin().modifyNamespace({ name: "alter_ns", configuration: { b: "2" } });
      expect((await admin().getNamespaceDescriptor("alter_ns")).configuration).toEqual({ b: "2" });
      await store.reopen();
      expect((await admin().getNamespaceDescriptor("alter_ns")).configuration).toEqual({ b: "2" });
      await expectError(() => admin().modifyNamespace({ name: "no_such_ns", configuration: {} }), NamespaceNotFoundError);
    });
  });
}
