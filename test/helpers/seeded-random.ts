// Seeded PRNG (xorshift128+ over two 32-bit halves) for reproducible randomized tests. A test reads
// SEED from the environment (or picks one), prints it on failure, and replays with SEED=<n>.

export class SeededRandom {
  #a: number;
  #b: number;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.#a = (this.seed ^ 0x9e3779b9) >>> 0 || 1;
    this.#b = (Math.imul(this.seed, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0 || 2;
    for (let i = 0; i < 8; i++) this.nextUint32();
  }

  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number {
    let x = this.#a;
    const y = this.#b;
    this.#a = y;
    x ^= x << 23;
    x ^= x >>> 17;
    x ^= y ^ (y >>> 26);
    this.#b = x >>> 0;
    return (this.#a + this.#b) >>> 0;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.nextUint32() / 0x100000000) * n);
  }

  /** Float in [0, 1). */
  float(): number {
    return this.nextUint32() / 0x100000000;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.nextUint32() & 0xff;
    return out;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** The seed for this run: SEED from the environment, else a fresh one. */
export function testSeed(): number {
  const env = process.env.SEED;
  return env !== undefined ? Number(env) >>> 0 : (Math.random() * 0x100000000) >>> 0;
}

/** How much to scale randomized test counts (SHALE_TEST_SCALE, default 1). */
export function testScale(): number {
  const env = Number(process.env.SHALE_TEST_SCALE ?? "1");
  return Number.isFinite(env) && env > 0 ? env : 1;
}
