// The catalog of the embedded store: namespaces, tables and their regions, persisted in the
// catalog file and mirrored by the open Regions of enabled tables. DDL runs one operation at a
// time and orders its steps so that a crash at any point leaves either the old or the new table
// (directories the catalog does not name are removed as orphans on open).

import { compareBytes, toHex, toStringBinary, toUtf8 } from "../util/bytes.ts";
import { log } from "../util/log.ts";
import {
  ConstraintError, DoNotRetryIOError, IllegalArgumentError, NamespaceExistError, NamespaceNotFoundError, TableExistsError,
  TableNotDisabledError, TableNotEnabledError, TableNotFoundError,
} from "../api/errors.ts";
import type { NamespaceDescriptor, TableDescriptor } from "../api/descriptors.ts";
import {
  DEFAULT_NAMESPACE, SYSTEM_NAMESPACE, type TableName, tableNameString, validateNamespaceName,
} from "../api/table-name.ts";
import type { RegionInfo } from "../api/types.ts";
import { joinPath } from "../platform/fs.ts";
import { Region, type RegionContext } from "../region/region.ts";
import type { CatalogState, TableEntry } from "./catalog-state.ts";
import { MetaTable, META_TABLE_NAME } from "./meta-table.ts";
import type { MetaContents, ServingServer } from "./meta-rows.ts";
import { readTableDescriptor, writeTableDescriptor } from "./table-descriptor-file.ts";
import { makeRegionInfo, regionsForSplitKeys } from "./region-info.ts";
import { StoreFileSet } from "../region/store-file-set.ts";
import { withStorageErrors } from "../region/storage-error.ts";
import { killpoint } from "../killpoints.ts";

export interface CatalogContext extends RegionContext {
  root: string;
}

const BUILTIN_NAMESPACES: NamespaceDescriptor[] = [
  { name: DEFAULT_NAMESPACE, configuration: {} },
  { name: SYSTEM_NAMESPACE, configuration: {} },
];

export class Catalog {
  readonly #ctx: CatalogContext;
  #state: CatalogState;
  /** Open regions of enabled tables, by table name string, sorted by start key. */
  readonly #regions = new Map<string, Region[]>();
  #ddl: Promise<unknown> = Promise.resolve();
  readonly #splitsRequested = new Set<Region>();
  readonly #background = new Set<Promise<unknown>>();
  #closing = false;

  /** Where regions are served, once a server runs; written into meta's info:server columns. */
  #serving: ServingServer | undefined;
  readonly meta: MetaTable;

  private constructor(ctx: CatalogContext, meta: MetaTable, state: CatalogState) {
    this.#ctx = ctx;
    this.meta = meta;
    this.#state = state;
  }

  /**
   * Opens hbase:meta and reads the catalog from it (descriptors from each table's `.tabledesc`),
   * removes orphaned table and region directories, opens enabled tables. A new store gets the
   * built-in namespaces.
   */
  static async open(ctx: CatalogContext): Promise<Catalog> {
    const meta = await MetaTable.open({ ...ctx, root: ctx.root });
    try {
      const contents = await meta.load();
      const tables: TableEntry[] = [];
      for (const t of contents.tables) {
        const descriptor = await readTableDescriptor(ctx.fs, tableDirOf(ctx.root, t.name), t.name);
        tables.push({ descriptor, enabled: t.enabled, regions: t.regions, retired: t.retired });
      }
      const fresh = contents.namespaces.length === 0;
      const state: CatalogState = { namespaces: fresh ? BUILTIN_NAMESPACES : contents.namespaces, tables };
      const catalog = new Catalog(ctx, meta, state);
      if (fresh) await meta.commit(toMetaContents(state), undefined);
      await catalog.#removeOrphans();
      for (const entry of state.tables) {
        if (entry.enabled) catalog.#regions.set(tableNameString(entry.descriptor.name), await catalog.#openRegions(entry));
      }
      return catalog;
    } catch (error) {
      await meta.close().catch(() => {});
      throw error;
    }
  }

  /** Records where regions are served (meta's info:server, info:serverstartcode). */
  setServing(serving: ServingServer | undefined): Promise<void> {
    return this.#serialized(async () => {
      await this.meta.commit(toMetaContents(this.#state), serving);
      this.#serving = serving;
    });
  }

  // ---- lookups for data operations ----

  /** The table's entry; TableNotFoundError if there is none. */
  entry(name: TableName): TableEntry {
    const entry = this.#state.tables.find((t) => sameTable(t.descriptor.name, name));
    if (entry === undefined) throw new TableNotFoundError(tableNameString(name));
    return entry;
  }

  /** Open regions of an enabled table, sorted by start key. */
  regionsOf(name: TableName): Region[] {
    const regions = this.#regions.get(tableNameString(name));
    if (regions !== undefined) return regions;
    this.entry(name);
    throw new TableNotEnabledError(`${tableNameString(name)} is disabled.`);
  }

  /** The region serving `row`. */
  regionFor(name: TableName, row: Uint8Array): Region {
    const regions = this.regionsOf(name);
    let lo = 0;
    let hi = regions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (compareBytes(regions[mid].info.startKey, row) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return regions[lo];
  }

  /** The region holding the largest row < key; an empty key means the last region. */
  regionBefore(name: TableName, key: Uint8Array): Region {
    const regions = this.regionsOf(name);
    if (key.length === 0) return regions[regions.length - 1];
    let lo = 0;
    let hi = regions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (compareBytes(regions[mid].info.startKey, key) < 0) lo = mid;
      else hi = mid - 1;
    }
    return regions[lo];
  }

  allOpenRegions(): Region[] {
    return [...this.#regions.values()].flat();
  }

  get state(): CatalogState {
    return this.#state;
  }

  // ---- DDL (serialized) ----

  createTable(descriptor: TableDescriptor, splitKeys: Uint8Array[]): Promise<void> {
    return this.#serialized(async () => {
      this.#namespace(descriptor.name.namespace);
      const exists = this.#state.tables.some((t) => sameTable(t.descriptor.name, descriptor.name));
      if (exists) throw new TableExistsError(tableNameString(descriptor.name));
      checkSplitKeys(splitKeys, this.#ctx.limits.splitKeysMax);
      const entry: TableEntry = {
        descriptor,
        enabled: true,
        regions: regionsForSplitKeys(descriptor.name, splitKeys, this.#ctx.clock()),
        retired: [],
      };
      await writeTableDescriptor(this.#ctx.fs, this.#tableDir(descriptor.name), descriptor);
      const regions = await this.#openRegions(entry);
      await this.#write({ ...this.#state, tables: [...this.#state.tables, entry] });
      this.#regions.set(tableNameString(descriptor.name), regions);
    });
  }

  deleteTable(name: TableName): Promise<void> {
    return this.#serialized(async () => {
      const entry = this.entry(name);
      if (entry.enabled) throw new TableNotDisabledError(tableNameString(name));
      await this.#write({ ...this.#state, tables: this.#state.tables.filter((t) => t !== entry) });
      for (const region of entry.regions) await this.#ctx.wal.forgetRegion(region.encodedName);
      await this.#ctx.fs.removeTree(this.#tableDir(name));
    });
  }

  enableTable(name: TableName): Promise<void> {
    return this.#serialized(async () => {
      const entry = this.entry(name);
      if (entry.enabled) throw new TableNotDisabledError(tableNameString(name));
      const regions = await this.#openRegions(entry);
      await this.#replaceEntry(entry, { ...entry, enabled: true });
      this.#regions.set(tableNameString(name), regions);
    });
  }

  disableTable(name: TableName): Promise<void> {
    return this.#serialized(async () => {
      const entry = this.entry(name);
      if (!entry.enabled) throw new TableNotEnabledError(tableNameString(name));
      const regions = this.regionsOf(name);
      this.#regions.delete(tableNameString(name));
      try {
        for (const region of regions) await region.close({ flush: true });
      } catch (error) {
        this.#regions.set(tableNameString(name), await this.#openRegions(entry));
        throw error;
      }
      await this.#replaceEntry(entry, { ...entry, enabled: false });
    });
  }

  /** Recreates a disabled table empty (keeping its split points if asked) and enables it. */
  truncateTable(name: TableName, preserveSplits: boolean): Promise<void> {
    return this.#serialized(async () => {
      const entry = this.entry(name);
      if (entry.enabled) throw new TableNotDisabledError(tableNameString(name));
      const splitKeys = preserveSplits ? entry.regions.slice(1).map((r) => r.startKey) : [];
      const fresh: TableEntry = {
        descriptor: entry.descriptor,
        enabled: true,
        regions: regionsForSplitKeys(name, splitKeys, maxRegionId(entry.regions, this.#ctx.clock())),
        retired: [],
      };
      const regions = await this.#openRegions(fresh);
      await this.#replaceEntry(entry, fresh);
      this.#regions.set(tableNameString(name), regions);
      for (const region of [...entry.regions, ...entry.retired.map((r) => r.parent)]) {
        await this.#ctx.wal.forgetRegion(region.encodedName);
        await this.#ctx.fs.removeTree(joinPath(this.#tableDir(name), region.encodedName));
      }
    });
  }

  createNamespace(descriptor: NamespaceDescriptor): Promise<void> {
    return this.#serialized(async () => {
      validateNamespaceName(descriptor.name);
      if (this.#state.namespaces.some((n) => n.name === descriptor.name)) throw new NamespaceExistError(descriptor.name);
      await this.#write({ ...this.#state, namespaces: [...this.#state.namespaces, descriptor] });
    });
  }

  deleteNamespace(name: string): Promise<void> {
    return this.#serialized(async () => {
      this.#namespace(name);
      if (name === DEFAULT_NAMESPACE || name === SYSTEM_NAMESPACE) {
        throw new ConstraintError(`Reserved namespace ${name} cannot be removed.`);
      }
      if (this.#state.tables.some((t) => t.descriptor.name.namespace === name)) {
        throw new ConstraintError(`Only empty namespaces can be removed. Namespace ${name} has tables`);
      }
      await this.#write({ ...this.#state, namespaces: this.#state.namespaces.filter((n) => n.name !== name) });
    });
  }

  namespace(name: string): NamespaceDescriptor {
    return this.#namespace(name);
  }

  /** Closes every open region, flushing when asked. */
  async close(options: { flush: boolean }): Promise<void> {
    this.#closing = true;
    while (this.#background.size > 0) await Promise.all(this.#background);
    await this.#ddl.catch(() => {});
    for (const region of this.allOpenRegions()) await region.close(options);
    this.#regions.clear();
    await this.meta.close();
  }

  // ---- internals ----

  #namespace(name: string): NamespaceDescriptor {
    const ns = this.#state.namespaces.find((n) => n.name === name);
    if (ns === undefined) throw new NamespaceNotFoundError(name);
    return ns;
  }

  #serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#ddl.catch(() => {}).then(() => withStorageErrors("change the catalog", work));
    this.#ddl = next;
    return next;
  }

  /** The commit point of every catalog change: one atomic, fsynced write to hbase:meta. */
  async #write(state: CatalogState): Promise<void> {
    await this.meta.commit(toMetaContents(state), this.#serving);
    this.#state = state;
  }

  async #replaceEntry(old: TableEntry, next: TableEntry): Promise<void> {
    await this.#write({ ...this.#state, tables: this.#state.tables.map((t) => (t === old ? next : t)) });
  }

  #tableDir(name: TableName): string {
    return tableDirOf(this.#ctx.root, name);
  }

  async #openRegions(entry: TableEntry): Promise<Region[]> {
    const out: Region[] = [];
    for (const info of entry.regions) out.push(await this.#openRegion(entry, info));
    return out;
  }

  #openRegion(entry: TableEntry, info: RegionInfo): Promise<Region> {
    const ctx = { ...this.#ctx, requestSplit: (region: Region) => this.#requestSplit(region) };
    return Region.open(ctx, info, entry.descriptor, joinPath(this.#tableDir(entry.descriptor.name), info.encodedName));
  }

  // ---- splits ----

  /**
   * Splits `parent` at `row` (or at its own split point): the parent closes (flushing), daughters
   * get references to halves of its files, and one catalog write swaps parent for daughters.
   * A crash before that write leaves the parent; after it, both daughters. Returns false when
   * there is no split point or the parent is gone already.
   */
  splitRegion(name: TableName, options: { parent: Region; row?: Uint8Array }): Promise<boolean> {
    return this.#serialized(() => this.#split(name, options));
  }

  async #split(name: TableName, options: { parent: Region; row?: Uint8Array }): Promise<boolean> {
    const { parent } = options;
    const entry = this.entry(name);
    const regions = this.regionsOf(name);
    if (!regions.includes(parent) || parent.closed) return false;
    if (options.row !== undefined) checkSplitRow(parent, options.row);
    const row = options.row ?? parent.splitPoint();
    if (row === undefined) return false;
    await parent.close({ flush: true });
    killpoint("split.afterParentClose");
    const id = maxRegionId([parent.info], this.#ctx.clock());
    const daughters = [
      makeRegionInfo({ table: name, startKey: parent.info.startKey, endKey: row, regionId: id }),
      makeRegionInfo({ table: name, startKey: row, endKey: parent.info.endKey, regionId: id }),
    ];
    const opened: Region[] = [];
    try {
      for (const [i, daughter] of daughters.entries()) await this.#writeReferences(parent, daughter, { row, top: i === 1 });
      for (const daughter of daughters) opened.push(await this.#openRegion(entry, daughter));
      killpoint("split.afterDaughtersOpened");
      await this.#replaceEntry(entry, {
        ...entry,
        regions: entry.regions.flatMap((r) => (r.encodedName === parent.info.encodedName ? daughters : [r])),
        retired: [...entry.retired, { parent: parent.info, daughters: [daughters[0], daughters[1]] }],
      });
      killpoint("split.afterCatalogWrite");
    } catch (error) {
      for (const region of opened) await region.close({ flush: false });
      for (const daughter of daughters) await this.#ctx.fs.removeTree(joinPath(this.#tableDir(name), daughter.encodedName));
      this.#regions.set(tableNameString(name), await this.#reopenInPlace(entry, regions, parent));
      throw error;
    }
    this.#regions.set(tableNameString(name), regions.flatMap((r) => (r === parent ? opened : [r])));
    log.info("Split region", { parent: parent.info.encodedName, row: toStringBinary(row), daughters: daughters.map((d) => d.encodedName) });
    this.#inBackground(() => this.#rewriteReferences(opened));
    return true;
  }

  async #writeReferences(parent: Region, daughter: RegionInfo, half: { row: Uint8Array; top: boolean }): Promise<void> {
    const dir = joinPath(this.#tableDir(daughter.table), daughter.encodedName);
    for (const { familyDir, files } of parent.storeFiles()) {
      const refs = files.map((file) => ({ parent: parent.info.encodedName, file, splitRow: half.row, top: half.top }));
      await StoreFileSet.createWithReferences(this.#ctx.fs, joinPath(dir, familyDir), { refs, flushedSequenceId: parent.sequenceId });
    }
    await this.#ctx.fs.syncDir(dir);
    killpoint("split.afterDaughterReferences");
  }

  async #reopenInPlace(entry: TableEntry, regions: Region[], parent: Region): Promise<Region[]> {
    const reopened = await this.#openRegion(entry, parent.info);
    return regions.map((r) => (r === parent ? reopened : r));
  }

  /** Daughters compact their references away; then the parent's files can go. */
  async #rewriteReferences(daughters: Region[]): Promise<void> {
    try {
      for (const daughter of daughters) if (!daughter.closed) await daughter.compact({ major: false });
      await this.cleanSplitParents();
    } catch (error) {
      log.warn("Rewriting a daughter's references failed; the compaction chore retries", { error: String(error) });
    }
  }

  #requestSplit(region: Region): void {
    if (this.#splitsRequested.has(region)) return;
    this.#splitsRequested.add(region);
    this.#inBackground(() =>
      this.splitRegion(region.info.table, { parent: region })
        .catch((error) => {
          // A table disabled (or deleted) between the size check and the split is not a failure.
          if (error instanceof TableNotEnabledError || error instanceof TableNotFoundError) return;
          log.error("Split failed", { region: region.info.encodedName, error: String(error) });
        })
        .finally(() => this.#splitsRequested.delete(region))
    );
  }

  /** Runs `work` after the current call returns; close() waits for it. Nothing starts once closing. */
  #inBackground(work: () => Promise<unknown>): void {
    if (this.#closing) return;
    const task: Promise<unknown> = Promise.resolve().then(work).catch(() => {}).finally(() => this.#background.delete(task));
    this.#background.add(task);
  }

  /**
   * The catalog janitor: removes split parents no daughter reads any more (their catalog entry,
   * then their directory). Returns how many were removed.
   */
  cleanSplitParents(): Promise<number> {
    return this.#serialized(async () => {
      let removed = 0;
      for (const entry of this.#state.tables) {
        const regions = this.#regions.get(tableNameString(entry.descriptor.name));
        if (entry.retired.length === 0 || regions === undefined) continue;
        const referenced = new Set(regions.flatMap((r) => [...r.referencedParents()]));
        const gone = entry.retired.filter((p) => !referenced.has(p.parent.encodedName));
        if (gone.length === 0) continue;
        killpoint("janitor.beforeCatalogWrite");
        await this.#replaceEntry(entry, { ...entry, retired: entry.retired.filter((p) => !gone.includes(p)) });
        killpoint("janitor.afterCatalogWrite");
        for (const p of gone) await this.#ctx.fs.removeTree(joinPath(this.#tableDir(entry.descriptor.name), p.parent.encodedName));
        killpoint("janitor.afterRemoveParent");
        removed += gone.length;
      }
      return removed;
    });
  }

  async #removeOrphans(): Promise<void> {
    const { fs, root } = this.#ctx;
    const dataDir = joinPath(root, "data");
    for (const ns of await fs.list(dataDir)) {
      for (const qualifier of await fs.list(joinPath(dataDir, ns))) {
        if (ns === META_TABLE_NAME.namespace && qualifier === META_TABLE_NAME.qualifier) continue;
        const entry = this.#state.tables.find((t) => t.descriptor.name.namespace === ns && t.descriptor.name.qualifier === qualifier);
        const tableDir = joinPath(dataDir, ns, qualifier);
        if (entry === undefined) {
          log.info("Removing orphaned table directory", { path: tableDir });
          await fs.removeTree(tableDir);
          continue;
        }
        const live = new Set([...entry.regions, ...entry.retired.map((r) => r.parent)].map((r) => r.encodedName));
        for (const regionDir of await fs.list(tableDir)) {
          if (live.has(regionDir) || regionDir.startsWith(".")) continue;
          log.info("Removing orphaned region directory", { path: joinPath(tableDir, regionDir) });
          await fs.removeTree(joinPath(tableDir, regionDir));
        }
      }
    }
  }

  // ---- schema changes (issue 5: ModifyTable, Add/Delete/ModifyColumn, ModifyNamespace) ----

  /**
   * Replaces a table's descriptor: its regions close (flushing), the new `.tabledesc` is written
   * durably, meta records the change, the store directories of dropped families are removed, and
   * the regions reopen with the new families when the table is enabled.
   */
  modifyTable(descriptor: TableDescriptor): Promise<void> {
    return this.#serialized(async () => {
      const name = descriptor.name;
      const entry = this.entry(name);
      const key = tableNameString(name);
      const dropped = entry.descriptor.families.filter((f) => !descriptor.families.some((g) => compareBytes(f.name, g.name) === 0));
      const regions = entry.enabled ? this.regionsOf(name) : [];
      this.#regions.delete(key);
      try {
        for (const region of regions) await region.close({ flush: true });
        await writeTableDescriptor(this.#ctx.fs, this.#tableDir(name), descriptor);
      } catch (error) {
        if (entry.enabled) this.#regions.set(key, await this.#openRegions(entry));
        throw error;
      }
      const next: TableEntry = { ...entry, descriptor };
      await this.#replaceEntry(entry, next);
      for (const region of next.regions) {
        for (const family of dropped) await this.#ctx.fs.removeTree(joinPath(this.#tableDir(name), region.encodedName, toHex(family.name)));
      }
      if (next.enabled) this.#regions.set(key, await this.#openRegions(next));
    });
  }

  /** Replaces a namespace's configuration. */
  modifyNamespace(descriptor: NamespaceDescriptor): Promise<void> {
    return this.#serialized(async () => {
      const old = this.#namespace(descriptor.name);
      await this.#write({ ...this.#state, namespaces: this.#state.namespaces.map((n) => (n === old ? descriptor : n)) });
    });
  }
}

function tableDirOf(root: string, name: TableName): string {
  return joinPath(root, "data", name.namespace, name.qualifier);
}

/** What meta records of the catalog state (descriptors live in `.tabledesc` files). */
function toMetaContents(state: CatalogState): MetaContents {
  return {
    namespaces: [...state.namespaces],
    tables: state.tables.map((t) => ({ name: t.descriptor.name, enabled: t.enabled, regions: [...t.regions], retired: [...t.retired] })),
  };
}

function sameTable(a: TableName, b: TableName): boolean {
  return a.namespace === b.namespace && a.qualifier === b.qualifier;
}

function checkSplitRow(parent: Region, row: Uint8Array): void {
  if (!parent.isValidSplitRow(row)) {
    throw new DoNotRetryIOError(`Split row ${toStringBinary(row)} is not inside region ${toUtf8(parent.info.regionName)}`);
  }
  if (parent.hasReferences) {
    throw new DoNotRetryIOError(`${parent.info.encodedName} NOT splittable: it still reads references from its own split until its compaction`);
  }
}

function checkSplitKeys(keys: Uint8Array[], max: number): void {
  if (keys.length > max) throw new IllegalArgumentError(`Too many split keys: limit is ${max}`);
  const sorted = [...keys].sort(compareBytes);
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].length === 0) throw new IllegalArgumentError("Empty split key must not be passed in the split keys.");
    if (i > 0 && compareBytes(sorted[i - 1], sorted[i]) === 0) {
      throw new IllegalArgumentError("All split keys must be unique, found duplicate");
    }
  }
}

/** A region id newer than every id in `regions` (HBase keeps ids strictly increasing). */
function maxRegionId(regions: readonly RegionInfo[], now: bigint): bigint {
  let id = now;
  for (const r of regions) if (r.regionId >= id) id = r.regionId + 1n;
  return id;
}
