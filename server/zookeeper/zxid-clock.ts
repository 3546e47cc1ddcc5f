// Zxids that only increase, also across restarts: zxid = epoch << 32 | counter, where the epoch is
// persisted under the data dir and advanced before every start (zookeeper-and-meta.md §1.3 rule 4).
// The same state file keeps the secret session passwords derive from, so a session a client
// still holds can be resumed after a restart instead of being refused.

import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { assert } from "../../src/util/assert.ts";
import { log } from "../../src/util/log.ts";

export const STATE_FILE_NAME = "zookeeper-state.json";
/** Epoch floor when no state survives: seconds since 2024-01-01, so a wiped dir still moves up. */
const EPOCH_BASE_MS = Date.UTC(2024, 0, 1);

interface PersistedState {
  epoch: number;
  secret: string;
}

/** Issues zxids for one server run. */
export class ZxidClock {
  readonly epoch: number;
  readonly #counterMax: number;
  #counter = 0;

  constructor(epoch: number, counterMax: number) {
    assert(Number.isInteger(epoch) && epoch > 0 && epoch < 0x80000000, "zxid epoch out of range");
    this.epoch = epoch;
    this.#counterMax = counterMax;
  }

  /** The last zxid issued (epoch << 32 before the first). */
  get last(): bigint {
    return (BigInt(this.epoch) << 32n) | BigInt(this.#counter);
  }

  /** Allots the next zxid. */
  next(): bigint {
    assert(this.#counter < this.#counterMax, "zxid counter exhausted for this epoch");
    this.#counter++;
    return this.last;
  }
}

async function readState(path: string): Promise<PersistedState | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as Partial<PersistedState>;
    if (typeof parsed.epoch === "number" && typeof parsed.secret === "string") return parsed as PersistedState;
    log.warn("zookeeper state file is malformed; starting a new epoch", { path });
  } catch (e) {
    if ((e as { code?: string }).code !== "ENOENT") log.warn("zookeeper state file unreadable", { path, error: String(e) });
  }
  return undefined;
}

async function writeState(dir: string, state: PersistedState): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${STATE_FILE_NAME}.tmp`);
  const handle = await open(tmp, "w");
  try {
    await handle.writeFile(JSON.stringify(state));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, STATE_FILE_NAME));
}

/** Advances and persists the epoch (when `dataDir` is given) and returns it with the session secret. */
export async function openZxidState(dataDir: string | undefined): Promise<{ epoch: number; secret: Uint8Array }> {
  const floor = Math.floor((Date.now() - EPOCH_BASE_MS) / 1000);
  if (dataDir === undefined) return { epoch: Math.max(floor, 1), secret: randomBytes(32) };
  const previous = await readState(join(dataDir, STATE_FILE_NAME));
  const epoch = Math.max((previous?.epoch ?? 0) + 1, floor, 1);
  const secret = previous?.secret ?? Buffer.from(randomBytes(32)).toString("hex");
  await writeState(dataDir, { epoch, secret });
  return { epoch, secret: Uint8Array.from(Buffer.from(secret, "hex")) };
}
