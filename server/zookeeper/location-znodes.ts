// Publishes HBase's location znodes (zookeeper-and-meta.md §2): hbaseid, running, master,
// meta-region-server, rs/<server name> and optionally table/<name>, each framed as 0xFF envelope +
// PBUF + protobuf. A snapshot is validated and every payload built before the first write, and
// each node is written whole in one operation, so no client ever reads a half-filled node.

import { create, toBinary } from "@bufbuild/protobuf";
import { ClusterIdSchema } from "../../proto/gen/hbase/cluster_id_pb.ts";
import { RegionState_State } from "../../proto/gen/hbase/cluster_status_pb.ts";
import { RegionServerInfoSchema, ServerNameSchema } from "../../proto/gen/hbase/hbase_pb.ts";
import {
  ClusterUpSchema, DeprecatedTableState_State, DeprecatedTableStateSchema, MasterSchema, MetaRegionServerSchema,
} from "../../proto/gen/hbase/zookeeper_pb.ts";
import { IllegalArgumentError } from "../../src/api/errors.ts";
import { encodeZnodeData, newEnvelopeId } from "../../proto/zookeeper/znode-data.ts";
import type { ZnodeStore } from "./znode-store.ts";
import { validatePath } from "./znode-path.ts";

/** A server as HBase names it: host, RPC port and start code (ms since epoch). */
export interface ServerLocation {
  host: string;
  port: number;
  startCode: bigint;
  /** HTTP status port (Master.info_port, RegionServerInfo.infoPort). */
  infoPort?: number;
}

export type TableZnodeState = "ENABLED" | "DISABLED" | "DISABLING" | "ENABLING";

export interface LocationSnapshot {
  /** Cluster id, a UUID string. */
  clusterId: string;
  master: ServerLocation;
  metaRegionServer: ServerLocation;
  regionServers: readonly ServerLocation[];
  /** Value of the running znode; defaults to the publish time. */
  startDate?: string;
  /** table/<name> nodes for HBase 1.x tools; omitted tables are removed. */
  tables?: readonly { name: string; state: TableZnodeState }[];
}

/** ServerName.toString(): "<lower-case host>,<port>,<start code>". */
export function serverNameString(s: ServerLocation): string {
  return `${s.host.toLowerCase()},${s.port},${s.startCode}`;
}

function checkServer(what: string, s: ServerLocation): void {
  if (s.host.length === 0 || s.host.includes(",") || s.host.includes("/")) {
    throw new IllegalArgumentError(`Cannot publish ${what}: bad host "${s.host}"`);
  }
  if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65_535) throw new IllegalArgumentError(`Cannot publish ${what}: bad port ${s.port}`);
  if (s.startCode < 0n) throw new IllegalArgumentError(`Cannot publish ${what}: negative start code ${s.startCode}`);
}

function serverName(s: ServerLocation) {
  return create(ServerNameSchema, { hostName: s.host, port: s.port, startCode: s.startCode });
}

export class LocationZnodes {
  readonly #store: ZnodeStore;
  readonly #root: string;
  readonly #id = newEnvelopeId();
  #queue: Promise<void> = Promise.resolve();
  #last: LocationSnapshot | undefined;

  constructor(store: ZnodeStore, options: { root?: string } = {}) {
    this.#root = options.root ?? "/hbase";
    validatePath(this.#root);
    this.#store = store;
  }

  get root(): string {
    return this.#root;
  }

  /** The last snapshot published (republished after an external session is lost). */
  get last(): LocationSnapshot | undefined {
    return this.#last;
  }

  /** Writes the snapshot; calls are applied one at a time in call order. */
  publish(snapshot: LocationSnapshot): Promise<void> {
    const payloads = this.#build(snapshot); // throws before any write
    const run = this.#queue.then(() => this.#write(payloads));
    this.#queue = run.catch(() => undefined);
    this.#last = snapshot;
    return run;
  }

  #path(name: string): string {
    return this.#root === "/" ? `/${name}` : `${this.#root}/${name}`;
  }

  #wrap(message: Uint8Array): Uint8Array {
    return encodeZnodeData(this.#id, message);
  }

  #build(s: LocationSnapshot): Map<string, { data: Uint8Array; ephemeral: boolean }> {
    if (!/^[0-9A-Za-z-]{1,64}$/.test(s.clusterId)) throw new IllegalArgumentError(`Cannot publish cluster id "${s.clusterId}"`);
    checkServer("master", s.master);
    checkServer("meta-region-server", s.metaRegionServer);
    for (const rs of s.regionServers) checkServer("region server", rs);
    const out = new Map<string, { data: Uint8Array; ephemeral: boolean }>();
    const put = (name: string, data: Uint8Array, ephemeral: boolean) => out.set(this.#path(name), { data, ephemeral });
    put("hbaseid", this.#wrap(toBinary(ClusterIdSchema, create(ClusterIdSchema, { clusterId: s.clusterId }))), false);
    const startDate = s.startDate ?? new Date().toString();
    put("running", this.#wrap(toBinary(ClusterUpSchema, create(ClusterUpSchema, { startDate }))), false);
    const master = create(MasterSchema, { master: serverName(s.master), rpcVersion: 0, infoPort: s.master.infoPort ?? 0 });
    put("master", this.#wrap(toBinary(MasterSchema, master)), true);
    const meta = create(MetaRegionServerSchema, { server: serverName(s.metaRegionServer), rpcVersion: 0, state: RegionState_State.OPEN });
    put("meta-region-server", this.#wrap(toBinary(MetaRegionServerSchema, meta)), false);
    for (const rs of s.regionServers) {
      const info = create(RegionServerInfoSchema, { infoPort: rs.infoPort ?? 0 });
      put(`rs/${serverNameString(rs)}`, this.#wrap(toBinary(RegionServerInfoSchema, info)), true);
    }
    for (const t of s.tables ?? []) {
      if (!/^[0-9A-Za-z_.:-]{1,255}$/.test(t.name)) throw new IllegalArgumentError(`Cannot publish table name "${t.name}"`);
      const state = create(DeprecatedTableStateSchema, { state: DeprecatedTableState_State[t.state] });
      put(`table/${t.name}`, this.#wrap(toBinary(DeprecatedTableStateSchema, state)), false);
    }
    return out;
  }

  async #write(payloads: Map<string, { data: Uint8Array; ephemeral: boolean }>): Promise<void> {
    for (const dir of ["", "rs", "table", "backup-masters", "draining"]) {
      await this.#store.ensureDir(dir === "" ? this.#root : this.#path(dir));
    }
    for (const [path, p] of payloads) await this.#store.put(path, p.data, p.ephemeral);
    for (const dir of ["rs", "table"]) {
      for (const name of await this.#store.children(this.#path(dir))) {
        const path = this.#path(`${dir}/${name}`);
        if (!payloads.has(path)) await this.#store.remove(path);
      }
    }
  }
}

export { RegionState_State };
