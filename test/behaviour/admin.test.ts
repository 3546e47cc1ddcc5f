// Admin: table lifecycle (create, enable, disable, truncate, delete), descriptors and their
// defaults, regions of pre-split tables, and namespaces (data-semantics.md §2.1, §6.1).

import { describe, expect, test } from "bun:test";
import {
  ConstraintError, Get, IllegalArgumentError, NamespaceExistError, NamespaceNotFoundError, Put, Scan,
  TTL_FOREVER, TableExistsError, TableNotDisabledError, TableNotEnabledError, TableNotFoundError, tableName,
  tableNameString,
} from "../../src/index.ts";
import type { RegionInfo } from "../../src/index.ts";
import { backends } from "./backends.ts";
import { bytes, cell, cellsOf, createTable, expectError, putCell, scanAll, text, uniqueTableName, useStore } from "./fixtures.ts";

const boundaries = (regions: RegionInfo[]) => regions.map((r) => [text(r.startKey), text(r.endKey)]);

for (const backend of backends) {
  describe(`Admin [${backend.name}]`, () => {
    const store = useStore(backend);
    const admin = () => store.conn.admin;

    test("a created table exists, is enabled and is listed", async () => {
      const name = uniqueTableName();
      await admin().createTable({ name, families: ["f"] });
      expect(await admin().tableExists(name)).toBe(true);
      expect(await admin().isTableEnabled(name)).toBe(true);
      expect(await admin().isTableDisabled(name)).toBe(false);
      expect((await admin().listTableNames()).map(tableNameString)).toContain(name);
      expect((await admin().listTableDescriptors()).map((d) => tableNameString(d.name))).toContain(name);
    });

    test("a table that was never created does not exist, and reading it fails with TableNotFoundError", async () => {
      expect(await admin().tableExists("never_made")).toBe(false);
      await expectError(() => store.conn.table("never_made").get(new Get("r")), TableNotFoundError);
      await expectError(() => admin().getDescriptor("never_made"), TableNotFoundError);
      await expectError(() => admin().disableTable("never_made"), TableNotFoundError);
    });

    test("creating a table twice fails with TableExistsError", async () => {
      const name = uniqueTableName();
      await admin().createTable({ name, families: ["f"] });
      await expectError(() => admin().createTable({ name, families: ["g"] }), TableExistsError);
      expect((await admin().getDescriptor(name)).families.map((f) => text(f.name))).toEqual(["f"]);
    });

    test("a described family carries HBase's defaults", async () => {
      const name = uniqueTableName();
      await admin().createTable({ name, families: ["f"] });
      const descriptor = await admin().getDescriptor(name);
      expect(tableNameString(descriptor.name)).toBe(name);
      expect(descriptor.families.length).toBe(1);
      const [f] = descriptor.families;
      expect(text(f.name)).toBe("f");
      expect(f.maxVersions).toBe(1);
      expect(f.minVersions).toBe(0);
      expect(f.ttlSeconds).toBe(TTL_FOREVER);
      expect(f.keepDeletedCells).toBe("FALSE");
      expect(f.bloomFilterType).toBe("ROW");
      expect(f.blockSizeBytes).toBe(65536);
    });

    test("a described table returns the family settings it was created with", async () => {
      const name = uniqueTableName();
      await admin().createTable({
        name,
        families: [{ name: "f", maxVersions: 5, minVersions: 2, ttlSeconds: 3600, keepDeletedCells: true }, { name: "g", ttlSeconds: -1 }],
      });
      const families = (await admin().getDescriptor(name)).families;
      expect(families.map((f) => [text(f.name), f.maxVersions, f.minVersions, f.ttlSeconds, f.keepDeletedCells])).toEqual([
        ["f", 5, 2, 3600, "TRUE"],
        ["g", 1, 0, TTL_FOREVER, "FALSE"],
      ]);
    });

    test("a table without split keys has one region covering every row", async () => {
      const name = uniqueTableName();
      await admin().createTable({ name, families: ["f"] });
      const regions = await admin().getRegions(name);
      expect(boundaries(regions)).toEqual([["", ""]]);
      expect(tableNameString(regions[0].table)).toBe(name);
    });

    test("split keys give contiguous regions from the empty start to the empty end", async () => {
      const name = uniqueTableName();
      await admin().createTable({ name, families: ["f"] }, [bytes(0x62), bytes(0x6d), bytes(0x80)]);
      const regions = await admin().getRegions(name);
      expect(boundaries(regions)).toEqual([["", "b"], ["b", "m"], ["m", "\\x80"], ["\\x80", ""]]);
      expect(new Set(regions.map((r) => r.encodedName)).size).toBe(4);
    });

    // [unv] the Java Admin sorts split keys before creating regions.
    test("split keys given out of order still give sorted regions", async () => {
      const name = uniqueTableName();
      await admin().createTable({ name, families: ["f"] }, [bytes(0x6d), bytes(0x62)]);
      expect(boundaries(await admin().getRegions(name))).toEqual([["", "b"], ["b", "m"], ["m", ""]]);
    });

    // [unv] the Java Admin rejects duplicate and empty split keys.
    test("duplicate or empty split keys are rejected", async () => {
      await expectError(() => admin().createTable({ name: uniqueTableName(), families: ["f"] }, [bytes(0x62), bytes(0x62)]), IllegalArgumentError);
      await expectError(() => admin().createTable({ name: uniqueTableName(), families: ["f"] }, [new Uint8Array(0)]), IllegalArgumentError);
    });

    test("a disabled table refuses reads and writes with TableNotEnabledError, and serves again once enabled", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", value: "v", ts: 5n });
      await admin().disableTable(table.name);
      expect(await admin().isTableDisabled(table.name)).toBe(true);
      expect(await admin().isTableEnabled(table.name)).toBe(false);
      await expectError(() => table.put(new Put("r").addColumn("f", "q", "w")), TableNotEnabledError);
      await expectError(() => table.get(new Get("r")), TableNotEnabledError);
      await expectError(() => scanAll(table, new Scan()), TableNotEnabledError);
      await admin().enableTable(table.name);
      expect(cellsOf(await table.get(new Get("r")))).toEqual([cell("r", "f", "q", 5n, "v")]);
    });

    test("disabling a disabled table and enabling an enabled one fail", async () => {
      const table = await createTable(store.conn);
      await expectError(() => admin().enableTable(table.name), TableNotDisabledError);
      await admin().disableTable(table.name);
      await expectError(() => admin().disableTable(table.name), TableNotEnabledError);
    });

    test("an enabled table cannot be deleted; a disabled one can, and is gone", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", value: "v", ts: 5n });
      await expectError(() => admin().deleteTable(table.name), TableNotDisabledError);
      await admin().disableTable(table.name);
      await admin().deleteTable(table.name);
      expect(await admin().tableExists(table.name)).toBe(false);
      await expectError(() => table.get(new Get("r")), TableNotFoundError);
      await expectError(() => admin().deleteTable(table.name), TableNotFoundError);
    });

    test("a deleted table's name can be reused for a new, empty table", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", value: "v", ts: 5n });
      await admin().disableTable(table.name);
      await admin().deleteTable(table.name);
      await admin().createTable({ name: table.name, families: ["g"] });
      expect(await scanAll(store.conn.table(table.name))).toEqual([]);
    });

    test("truncating with preserveSplits empties the table and keeps its region boundaries", async () => {
      const table = await createTable(store.conn, ["f"], { splitKeys: ["c", "m"] });
      for (const row of ["a", "d", "x"]) await putCell(table, { row, value: "v", ts: 5n });
      await admin().disableTable(table.name);
      await admin().truncateTable(table.name, true);
      expect(await admin().isTableEnabled(table.name)).toBe(true);
      expect(await scanAll(table)).toEqual([]);
      expect(boundaries(await admin().getRegions(table.name))).toEqual([["", "c"], ["c", "m"], ["m", ""]]);
      await putCell(table, { row: "d", value: "again", ts: 6n });
      expect(cellsOf(await table.get(new Get("d")))).toEqual([cell("d", "f", "q", 6n, "again")]);
    });

    test("truncating without preserveSplits leaves one region", async () => {
      const table = await createTable(store.conn, ["f"], { splitKeys: ["c", "m"] });
      await putCell(table, { row: "d", value: "v", ts: 5n });
      await admin().disableTable(table.name);
      await admin().truncateTable(table.name, false);
      expect(boundaries(await admin().getRegions(table.name))).toEqual([["", ""]]);
      expect(await scanAll(table)).toEqual([]);
    });

    // [unv] HBase requires a table to be disabled before truncation.
    test("truncating an enabled table fails with TableNotDisabledError", async () => {
      const table = await createTable(store.conn);
      await putCell(table, { row: "r", value: "v", ts: 5n });
      await expectError(() => admin().truncateTable(table.name, true), TableNotDisabledError);
      expect((await table.get(new Get("r"))).isEmpty).toBe(false);
    });

    test("flush keeps every cell readable", async () => {
      const table = await createTable(store.conn, ["f"], { splitKeys: ["m"] });
      for (const row of ["a", "z"]) await putCell(table, { row, value: row, ts: 5n });
      await admin().flush(table.name);
      expect((await scanAll(table)).map(cellsOf)).toEqual([[cell("a", "f", "q", 5n, "a")], [cell("z", "f", "q", 5n, "z")]]);
    });

    test("the default and hbase namespaces exist from the start", async () => {
      const names = (await admin().listNamespaceDescriptors()).map((n) => n.name);
      expect(names).toContain("default");
      expect(names).toContain("hbase");
      expect((await admin().getNamespaceDescriptor("default")).name).toBe("default");
    });

    test("a table in a new namespace is separate from a same-named table in default", async () => {
      await admin().createNamespace({ name: "ns1", configuration: {} });
      expect((await admin().listNamespaceDescriptors()).map((n) => n.name)).toContain("ns1");
      const qualifier = uniqueTableName();
      const inNs = await createTable(store.conn, ["f"], { name: `ns1:${qualifier}` });
      const inDefault = await createTable(store.conn, ["f"], { name: qualifier });
      expect(inNs.name).toEqual(tableName(`ns1:${qualifier}`));
      await putCell(inNs, { row: "r", value: "ns", ts: 1n });
      expect((await inDefault.get(new Get("r"))).isEmpty).toBe(true);
      expect((await admin().listTableNames()).map(tableNameString)).toContain(`ns1:${qualifier}`);
    });

    test("a namespace with tables cannot be deleted; an empty one can", async () => {
      await admin().createNamespace({ name: "ns2", configuration: {} });
      const name = `ns2:${uniqueTableName()}`;
      await admin().createTable({ name, families: ["f"] });
      await expectError(() => admin().deleteNamespace("ns2"), ConstraintError);
      await admin().disableTable(name);
      await admin().deleteTable(name);
      await admin().deleteNamespace("ns2");
      expect((await admin().listNamespaceDescriptors()).map((n) => n.name)).not.toContain("ns2");
      await expectError(() => admin().getNamespaceDescriptor("ns2"), NamespaceNotFoundError);
    });

    test("unknown namespaces fail with NamespaceNotFoundError, duplicates with NamespaceExistError", async () => {
      await expectError(() => admin().getNamespaceDescriptor("nope_ns"), NamespaceNotFoundError);
      await expectError(() => admin().deleteNamespace("nope_ns"), NamespaceNotFoundError);
      await expectError(() => admin().createTable({ name: "nope_ns:t", families: ["f"] }), NamespaceNotFoundError);
      await admin().createNamespace({ name: "ns3", configuration: { k: "v" } });
      expect((await admin().getNamespaceDescriptor("ns3")).configuration).toEqual({ k: "v" });
      await expectError(() => admin().createNamespace({ name: "ns3", configuration: {} }), NamespaceExistError);
    });

    // [unv] system tables (hbase:meta) are left out of listTableNames, as the Java Admin does by default.
    test("listTableNames leaves out system tables", async () => {
      await createTable(store.conn);
      const names = (await admin().listTableNames()).map(tableNameString);
      expect(names.some((n) => n.startsWith("hbase:"))).toBe(false);
    });
  });
}
