// TESTING.md T13, the model-based test: fast-check generates histories of 50–500 ops (puts with
// explicit and server timestamps, deletes of every kind, increments, appends, checkAndMutate,
// gets and scans with filters, flush, compaction, major compaction, split, reopen). Each history
// runs against the in-memory model (hbase-model.ts) and against the engine in four configurations
// (flush size tiny to large, bloom NONE/ROW/ROWCOL, block size 1 KiB/64 KiB, automatic compaction
// on/off); every op's outcome must equal the model's in each. Families keep more VERSIONS than a
// history writes, so flush timing cannot change a result (version resurrection, §2.8.2, is out of
// scope); major compaction, which does change results, is modelled at the op that requests it.
// Shrunk counterexamples are saved in test/corpus/model/ and replayed first as regressions.

import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setLogLevel } from "../../src/util/log.ts";
import { testScale, testSeed } from "../helpers/seeded-random.ts";
import { HBaseModel } from "./hbase-model.ts";
import { EngineUnderTest, modelOutcome } from "./model-runner.ts";
import { CONFIGS } from "./model-configs.ts";
import { type Op, historyArbitrary } from "./model-ops.ts";

const SEED = testSeed();
const RUNS = Math.round(Number(process.env.SHALE_MODEL_RUNS ?? 300) * testScale());
const OPS_MIN = 50;
const OPS_MAX = 500;
const CORPUS_DIR = join(import.meta.dir, "../corpus/model");

const figures = { histories: 0, ops: 0, engineOps: 0, splitHistories: 0, regionsMax: 0 };

/** Runs `ops` on the model and every configuration; returns the first difference, or undefined. */
async function firstMismatch(ops: Op[]): Promise<string | undefined> {
  const model = new HBaseModel();
  const expected = ops.map((op, i) => modelOutcome(model, op, i));
  figures.histories++;
  figures.ops += ops.length;
  // The configurations run side by side: each waits on its own background work at times.
  const mismatches = await Promise.all(CONFIGS.map(async (config) => {
    const engine = new EngineUnderTest(config);
    try {
      await engine.start();
      for (let i = 0; i < ops.length; i++) {
        const actual = await engine.run(ops[i], i);
        figures.engineOps++;
        if (actual !== expected[i]) {
          return `config ${config.name}, op #${i} ${JSON.stringify(ops[i])}:\n  engine: ${actual}\n  model:  ${expected[i]}`;
        }
      }
      const regions = await engine.regionCount();
      figures.regionsMax = Math.max(figures.regionsMax, regions);
      if (regions > 1) figures.splitHistories++;
      return undefined;
    } finally {
      await engine.close();
    }
  }));
  return mismatches.find((m) => m !== undefined);
}

/**
 * fast-check shrinks within the 50-op floor of the generator; this goes further, greedily removing
 * single ops while the history still fails, so a saved counterexample is as short as it can be.
 */
async function dropUnneededOps(ops: Op[]): Promise<Op[]> {
  let current = ops;
  for (let changed = true; changed;) {
    changed = false;
    for (let i = current.length - 1; i >= 0; i--) {
      const shorter = [...current.slice(0, i), ...current.slice(i + 1)];
      if ((await firstMismatch(shorter)) === undefined) continue;
      current = shorter;
      changed = true;
    }
  }
  return current;
}

async function corpusFiles(): Promise<string[]> {
  try {
    return (await readdir(CORPUS_DIR)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return [];
  }
}

describe("the engine against the HBase model", () => {
  test("every saved counterexample now runs like the model", async () => {
    setLogLevel("error");
    for (const name of await corpusFiles()) {
      const saved = JSON.parse(await readFile(join(CORPUS_DIR, name), "utf8")) as { ops: Op[] };
      expect({ name, mismatch: await firstMismatch(saved.ops) }).toEqual({ name, mismatch: undefined });
    }
  }, 120_000);

  test("random histories give the model's outcome in every configuration", async () => {
    setLogLevel("error");
    const started = performance.now();
    const property = fc.asyncProperty(historyArbitrary(OPS_MIN, OPS_MAX), async (ops) => {
      const mismatch = await firstMismatch(ops);
      if (mismatch !== undefined) throw new Error(mismatch);
    });
    const details = await fc.check(property, { numRuns: RUNS, seed: SEED });
    if (details.failed) {
      const ops = await dropUnneededOps(details.counterexample![0]);
      await mkdir(CORPUS_DIR, { recursive: true });
      const file = join(CORPUS_DIR, `seed-${SEED}-${ops.length}-ops.json`);
      await writeFile(file, `${JSON.stringify({ seed: SEED, ops }, null, 1)}\n`);
      const why = await firstMismatch(ops);
      throw new Error(`SEED=${SEED}: saved the shrunk history (${ops.length} ops) to ${file}\n${why}\n${JSON.stringify(ops)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `T13 model: SEED=${SEED} histories=${RUNS} (${OPS_MIN}–${OPS_MAX} ops), ops=${figures.ops}, ` +
        `engine ops compared=${figures.engineOps} across ${CONFIGS.length} configs, ` +
        `engine runs ending split=${figures.splitHistories}, most regions=${figures.regionsMax}, ${seconds.toFixed(1)} s`,
    );
  }, 900_000);
});
