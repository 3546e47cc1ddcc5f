// WAL append throughput: 1 writer and 64 concurrent writers, "sync" and "fsync" modes, one cell
// with a 100-byte value per edit, on NodeFs in a temp dir. The floor it is compared with: raw
// NodeFs append + fdatasync of the same record size, one at a time (what fsync costs alone).
// Run: bun bench/wal-append.bench.ts [seconds per case, default 2]. Prints; asserts nothing.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeCell } from "../src/cell/cell.ts";
import { NodeFs } from "../src/platform/node-fs.ts";
import type { WALEdit, WALSyncMode } from "../src/wal/wal-edit.ts";
import { walEditSize } from "../src/wal/wal-edit.ts";
import { WAL } from "../src/wal/wal.ts";

const seconds = Number(process.argv[2] ?? "2");
const encoder = new TextEncoder();
const value = new Uint8Array(100).fill(0x61);

function edit(sequenceId: bigint): WALEdit {
  const row = encoder.encode(`row-${sequenceId.toString().padStart(10, "0")}`);
  const cell = makeCell({ row, family: encoder.encode("f"), qualifier: encoder.encode("q"), timestamp: 1n, value, sequenceId });
  return { regionName: "d41d8cd98f00b204e9800998ecf8427e", sequenceId, writeTimeMs: 1n, cells: [cell] };
}

async function runCase(writers: number, mode: WALSyncMode): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "shale-wal-bench-"));
  try {
    const wal = await WAL.open({ fs: new NodeFs(), dir });
    await wal.replay(() => {});
    let next = 0n;
    let done = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) {
        await wal.append(edit(++next), mode);
        done++;
      }
    }));
    const rate = done / ((performance.now() - started) / 1000);
    await wal.close();
    return rate;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function rawFsyncFloor(recordBytes: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "shale-wal-bench-"));
  try {
    const fs = new NodeFs();
    const handle = await fs.open(join(dir, "raw.log"), "create");
    const record = new Uint8Array(recordBytes);
    let done = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    while (performance.now() < deadline) {
      await handle.append(record);
      await handle.sync();
      done++;
    }
    await handle.close();
    return done / ((performance.now() - started) / 1000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const recordBytes = 9 + walEditSize(edit(1n));
console.log(`WAL append, ${recordBytes}-byte records (100-byte values), ${seconds} s per case, dir under ${tmpdir()}`);
const floor = await rawFsyncFloor(recordBytes);
console.log(`  raw NodeFs append+fdatasync, 1 at a time: ${floor.toFixed(0)} /s (the fsync floor)`);
for (const mode of ["sync", "fsync"] as const) {
  for (const writers of [1, 64]) {
    const rate = await runCase(writers, mode);
    console.log(`  ${mode.padEnd(5)} ${String(writers).padStart(2)} writer(s): ${rate.toFixed(0).padStart(8)} appends/s  (${(rate / floor).toFixed(2)}x the fsync floor)`);
  }
}
