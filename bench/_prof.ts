// temporary: profile one Shale workload (removed before the report)
import { BenchData, BenchRandom, timeOps, type BenchConfig } from "./harness.ts";
import { ShaleEngine } from "./engines/shale.ts";
import { Durability } from "../src/index.ts";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
const w = process.env.W ?? "getMem";
const n = Number(process.env.BENCH_N ?? 50000);
const config: BenchConfig = { n, readOps: n, seed: 20240601, valueBytes: 100, batchSize: 1000, smallCacheBytes: 1 << 20 };
const data = new BenchData(config);
const e = new ShaleEngine("shale", Durability.SYNC_WAL);
const dir = await mkdtemp(join(tmpdir(), "prof-"));
await e.open(dir, 256 << 20);
const t0 = performance.now();
if (w === "putSingle") { console.log(w, await timeOps(n, 0, (i) => e.put(data.key(i), data.value(i)))); process.exit(0); }
const batchAt = (b: number) => { const ks = [], vs = []; for (let i = b * 1000; i < b * 1000 + 1000; i++) { ks.push(data.key(i)); vs.push(data.value(i)); } return e.putBatch(ks, vs); };
if (w === "putBatch") { console.log(w, 1000 * await timeOps(n / 1000, 0, batchAt)); process.exit(0); }
for (let b = 0; b < n / 1000; b++) await batchAt(b);
console.error("loaded", performance.now() - t0);
const rnd = new BenchRandom(7);
const g = () => e.get(data.keys[rnd.int(n)]);
if (w === "getMem") { console.log(w, await timeOps(n * 2, 0, g)); process.exit(0); }
await e.settle();
if (w === "getCached") { await timeOps(n, 0, g); console.log(w, await timeOps(n * 2, 0, g)); process.exit(0); }
if (w === "scan") { for (let k = 0; k < 3; k++) { const s = performance.now(); const r = await e.scan(1e9); console.log(w, r * 1000 / (performance.now() - s)); } process.exit(0); }
if (w === "getSmall") { await e.close(); await e.open(dir, 1 << 20); console.log(w, await timeOps(n / 5, 0, g)); process.exit(0); }
