// Whitebox kill points (TESTING.md T4): named steps of the WAL, flush, compaction and split
// protocols where a crash test may end the process. killpoint(label) is a no-op unless the
// environment says SHALE_KILL_AT=<label>:<n>; then the n-th hit of that label sends SIGKILL to this
// process. SHALE_KILLPOINT_TRACE=<path> appends every hit label to a file, so a harness can count
// hits without killing. The environment is read once, at the first hit; importing has no effect.

import { appendFileSync } from "node:fs";

/** Every label in src/; the T4 harness fails when one of them is never reached. */
export const KILL_POINT_LABELS = [
  "wal.afterAppend",
  "wal.afterSync",
  "storeFile.afterCellsWritten",
  "flush.afterStoreFileSync",
  "flush.afterFileListWrite",
  "flush.afterMarkFlushed",
  "compaction.afterStoreFileSync",
  "compaction.afterFileListWrite",
  "compaction.beforeDeleteInput",
  "compaction.afterDeleteInput",
  "split.afterParentClose",
  "split.afterDaughterReferences",
  "split.afterDaughtersOpened",
  "split.afterCatalogWrite",
  "janitor.beforeCatalogWrite",
  "janitor.afterCatalogWrite",
  "janitor.afterRemoveParent",
] as const;

export type KillPointLabel = (typeof KILL_POINT_LABELS)[number];

interface KillPlan {
  /** Label to kill at, or undefined when only tracing. */
  readonly label: string | undefined;
  readonly hit: number;
  readonly tracePath: string | undefined;
}

interface ProcessLike {
  readonly pid: number;
  readonly env?: Record<string, string | undefined>;
  kill(pid: number, signal: string): void;
}

/** undefined: not read yet; null: read, and nothing is armed. */
let plan: KillPlan | null | undefined;
let hits = 0;

/** Marks one step of a crash-sensitive protocol; see the file comment. */
export function killpoint(label: KillPointLabel): void {
  if (plan === undefined) plan = readPlan();
  if (plan === null) return;
  if (plan.tracePath !== undefined) appendFileSync(plan.tracePath, `${label}\n`);
  if (label !== plan.label) return;
  hits++;
  if (hits === plan.hit) currentProcess()!.kill(currentProcess()!.pid, "SIGKILL");
}

function currentProcess(): ProcessLike | undefined {
  return (globalThis as { process?: ProcessLike }).process;
}

/** Reads SHALE_KILL_AT and SHALE_KILLPOINT_TRACE (empty means unset); null when neither is set or env is unreadable. */
function readPlan(): KillPlan | null {
  let killAt: string | undefined;
  let tracePath: string | undefined;
  try {
    const env = currentProcess()?.env;
    killAt = env?.SHALE_KILL_AT || undefined;
    tracePath = env?.SHALE_KILLPOINT_TRACE || undefined;
  } catch {
    return null; // Deno without --allow-env: kill points stay off.
  }
  if (killAt === undefined && tracePath === undefined) return null;
  if (killAt === undefined) return { label: undefined, hit: 0, tracePath };
  const at = killAt.lastIndexOf(":");
  const hit = Number(killAt.slice(at + 1));
  if (at <= 0 || !Number.isInteger(hit) || hit < 1) throw new Error(`Cannot parse SHALE_KILL_AT="${killAt}": expected <label>:<n>, n >= 1`);
  const label = killAt.slice(0, at);
  if (!(KILL_POINT_LABELS as readonly string[]).includes(label)) throw new Error(`Cannot arm SHALE_KILL_AT="${killAt}": unknown label`);
  return { label, hit, tracePath };
}
