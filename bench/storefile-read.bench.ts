// Store-file throughput on the real file system: cells/s written (flush path), full-scan cells/s
// (cold and warm cache), random seeks/s with a warm cache. No peer is measured yet; the figures are
// a baseline. Run: ./node_modules/.bin/bun bench/storefile-read.bench.ts [cellCount]

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BloomType } from "../src/api/descriptors.ts";
import { type Cell, firstOnRow, makeCell } from "../src/cell/cell.ts";
import { NodeFs } from "../src/platform/node-fs.ts";
import { LIMITS } from "../src/util/limits.ts";
import { BlockCache } from "../src/storefile/block-cache.ts";
import { StoreFileReader } from "../src/storefile/storefile-reader.ts";
import { StoreFileScanner } from "../src/storefile/storefile-scanner.ts";
import { StoreFileWriter } from "../src/storefile/storefile-writer.ts";

const cellCount = Number(process.argv[2] ?? 1_000_000);
const encoder = new TextEncoder();
const family = encoder.encode("f");
const qualifier = encoder.encode("q");
const value = new Uint8Array(16).fill(7);

function cellAt(i: number): Cell {
  const row = encoder.encode(`row${String(i).padStart(10, "0")}`);
  return makeCell({ row, family, qualifier, timestamp: 1_700_000_000_000n, sequenceId: BigInt(i + 1), value });
}

async function step(p: Promise<void> | undefined): Promise<void> {
  if (p !== undefined) await p;
}

async function fullScan(scanner: StoreFileScanner): Promise<number> {
  let n = 0;
  await step(scanner.seek(firstOnRow(new Uint8Array(0))));
  while (scanner.peek() !== undefined) {
    n++;
    const p = scanner.next();
    if (p !== undefined) await p;
  }
  return n;
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString("en-US")}/s`;
}

const dir = await mkdtemp(join(tmpdir(), "shale-bench-"));
try {
  const fs = new NodeFs();
  const path = join(dir, "sf");
  const cells = Array.from({ length: cellCount }, (_, i) => cellAt(i));
  let t = performance.now();
  const writer = await StoreFileWriter.create(fs, path, { blockSizeBytes: LIMITS.blockSizeBytes, bloomType: BloomType.ROW, expectedCellCount: cellCount });
  for (const c of cells) await writer.append(c);
  const info = await writer.finish({ maxSequenceId: 0n, majorCompaction: false });
  const writeMs = performance.now() - t;
  console.log(`write:      ${cellCount} cells, ${(info.fileSizeBytes / 1048576).toFixed(1)} MiB in ${writeMs.toFixed(0)} ms = ${rate(cellCount, writeMs)}`);

  const cache = new BlockCache(LIMITS.blockCacheBytes * 4);
  const reader = await StoreFileReader.open(fs, path, { blockCache: cache });
  for (const label of ["scan cold", "scan warm"]) {
    t = performance.now();
    const n = await fullScan(reader.scanner());
    const ms = performance.now() - t;
    console.log(`${label}:  ${n} cells in ${ms.toFixed(0)} ms = ${rate(n, ms)}`);
  }
  const scanner = reader.scanner();
  const seeks = 200_000;
  let x = 12345;
  t = performance.now();
  for (let i = 0; i < seeks; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    await step(scanner.seek(cells[x % cellCount]));
  }
  const seekMs = performance.now() - t;
  console.log(`seek warm:  ${seeks} random seeks in ${seekMs.toFixed(0)} ms = ${rate(seeks, seekMs)}`);
  let hits = 0;
  t = performance.now();
  for (let i = 0; i < seeks; i++) if (reader.mightContainRow(cells[i % cellCount].row)) hits++;
  console.log(`bloom:      ${seeks} row checks in ${(performance.now() - t).toFixed(0)} ms (${hits} maybe)`);
  console.log(`cache:      ${JSON.stringify(cache.stats())}`);
  await reader.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
