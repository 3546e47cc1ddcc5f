import { describe, expect, test } from "bun:test";
import { SkipList } from "../../../src/memstore/skip-list.ts";
import { MemStoreScanner } from "../../../src/memstore/memstore-scanner.ts";
import { compareCells } from "../../../src/cell/comparator.ts";
import { firstOnRow } from "../../../src/cell/cell.ts";
import { toBytes } from "../../../src/util/bytes.ts";
import type { Cell } from "../../../src/cell/cell.ts";
import { SeededRandom, testSeed } from "../../helpers/seeded-random.ts";
import { c } from "../../helpers/cells.ts";

describe("SkipList", () => {
  test("iterates in compareCells order whatever the insertion order", () => {
    const seed = testSeed();
    const rnd = new SeededRandom(seed);
    const list = new SkipList();
    const cells: Cell[] = [];
    for (let i = 0; i < 3000; i++) {
      const cell = c(`row${rnd.int(200)}`, rnd.pick(["f", "g"]), `q${rnd.int(5)}`, rnd.int(50), rnd.pick(["Put", "Delete", "DeleteColumn"]), "", BigInt(i));
      cells.push(cell);
      list.insert(cell);
    }
    const seen: Cell[] = [];
    for (let n = list.first(); n !== null; n = n.next[0]) seen.push(n.cell);
    expect(seen.length, `seed ${seed}`).toBe(cells.length);
    expect(seen).toEqual([...cells].sort(compareCells));
  });

  test("an identical key replaces the value in place", () => {
    const list = new SkipList();
    expect(list.insert(c("r", "f", "q", 1, "Put", "a", 5n))).toBe(true);
    expect(list.insert(c("r", "f", "q", 1, "Put", "b", 5n))).toBe(false);
    expect(list.count).toBe(1);
    expect(new TextDecoder().decode(list.first()!.cell.value)).toBe("b");
  });

  test("ceiling, lower and last answer around missing keys", () => {
    const list = new SkipList();
    for (const r of ["b", "d", "f"]) list.insert(c(r, "f", "q", 1));
    expect(new TextDecoder().decode(list.ceiling(firstOnRow(toBytes("c")))!.cell.row)).toBe("d");
    expect(new TextDecoder().decode(list.lower(firstOnRow(toBytes("c")))!.cell.row)).toBe("b");
    expect(list.lower(firstOnRow(toBytes("a")))).toBeNull();
    expect(new TextDecoder().decode(list.last()!.cell.row)).toBe("f");
  });
});

describe("MemStoreScanner", () => {
  test("seekToLastRow and seekToPreviousRow walk rows backwards to each row's first cell", () => {
    const list = new SkipList();
    for (const r of ["a", "b", "c"]) for (const q of ["x", "y"]) list.insert(c(r, "f", q, 1));
    const s = new MemStoreScanner(list);
    const rows: string[] = [];
    s.seekToLastRow();
    for (let cell = s.peek(); cell !== undefined; cell = s.peek()) {
      rows.push(`${new TextDecoder().decode(cell.row)}${new TextDecoder().decode(cell.qualifier)}`);
      s.seekToPreviousRow(cell.row);
    }
    expect(rows).toEqual(["cx", "bx", "ax"]);
  });
});
