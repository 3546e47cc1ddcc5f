// RegionSpecifier → the region this server serves (hbase-rpc.md §7.0): by full region name or
// encoded name, user regions from the catalog's open regions and hbase:meta,,1 from the virtual
// meta region. Anything else, including regions of disabled tables, is NotServingRegion.

import { toStringBinary, toUtf8 } from "../../src/util/bytes.ts";
import { NotServingRegionError } from "../../src/api/errors.ts";
import type { Catalog } from "../../src/catalog/catalog.ts";
import type { Region } from "../../src/region/region.ts";
import { type RegionSpecifier, RegionSpecifier_RegionSpecifierType } from "../../proto/gen/hbase/hbase_pb.ts";
import { META_REGION_INFO } from "../../src/catalog/meta-table.ts";
import type { MetaRegion } from "../meta/meta-region.ts";

export type ServedRegion = { kind: "user"; region: Region } | { kind: "meta"; region: MetaRegion };

export class RegionResolver {
  readonly #catalog: Catalog;
  readonly #meta: MetaRegion;
  #byName = new Map<string, Region>();
  #builtFor: unknown;

  constructor(catalog: Catalog, meta: MetaRegion) {
    this.#catalog = catalog;
    this.#meta = meta;
  }

  resolve(spec: RegionSpecifier | undefined): ServedRegion {
    if (spec === undefined) throw new NotServingRegionError("Missing region specifier");
    const encoded = spec.type === RegionSpecifier_RegionSpecifierType.ENCODED_REGION_NAME;
    const key = encoded ? toUtf8(spec.value) : encodedNameOf(spec.value);
    if (key === META_REGION_INFO.encodedName) return { kind: "meta", region: this.#meta };
    let region = this.#lookup(key, false);
    if (region === undefined || region.closed) region = this.#lookup(key, true);
    if (region === undefined || region.closed) {
      throw new NotServingRegionError(`${encoded ? toUtf8(spec.value) : toStringBinary(spec.value)} is not online on this server`);
    }
    return { kind: "user", region };
  }

  /** Every open user region (for GetOnlineRegion, cluster status). */
  openRegions(): Region[] {
    return this.#catalog.allOpenRegions();
  }

  #lookup(encodedName: string, rebuild: boolean): Region | undefined {
    if (rebuild || this.#builtFor !== this.#catalog.state) {
      this.#byName = new Map(this.#catalog.allOpenRegions().map((r) => [r.info.encodedName, r]));
      this.#builtFor = this.#catalog.state;
    }
    return this.#byName.get(encodedName);
  }
}

/** The encoded name inside a region name: "...<md5>." → md5; "hbase:meta,,1" → 1588230740. */
function encodedNameOf(regionName: Uint8Array): string {
  const n = regionName.length;
  if (toUtf8(regionName) === "hbase:meta,,1") return META_REGION_INFO.encodedName;
  if (n >= 34 && regionName[n - 1] === 0x2e && regionName[n - 34] === 0x2e) return toUtf8(regionName.subarray(n - 33, n - 1));
  return `?${toStringBinary(regionName)}`;
}
