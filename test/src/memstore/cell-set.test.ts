import { describe, expect, test } from "bun:test";
import { CellSet } from "../../../src/memstore/cell-set.ts";
import { MemStoreScanner } from "../../../src/memstore/memstore-scanner.ts";
import { compareCells } from "../../../src/cell/comparator.ts";
import { firstOnRow } from "../../../src/cell/cell.ts";
import { toBytes } from "../../../src/util/bytes.ts";
import type { Cell } from "../../../src/cell/cell.ts";
import { SeededRandom, testSeed } from "../../helpers/seeded-random.ts";
import { c } from "../../helpers/cells.ts";

describe("CellSet", () => {
  test("iterates in compareCells order whatever the insertion order", () => {
    const seed = testSeed();
    const rnd = new SeededRandom(seed);
    const list = new CellSet();
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

  test("ceiling and lower agree with a sorted array across many leaf and inner-node splits", () => {
    const seed = testSeed();
    const rnd = new SeededRandom(seed);
    const list = new CellSet();
    const cells: Cell[] = [];
    for (let i = 0; i < 20_000; i++) {
      const cell = c(`r${rnd.int(5000)}`, "f", `q${rnd.int(3)}`, rnd.int(4), "Put", "", BigInt(i));
      cells.push(cell);
      list.insert(cell);
    }
    const sorted = [...cells].sort(compareCells);
    for (let k = 0; k < 500; k++) {
      const probe = firstOnRow(toBytes(`r${rnd.int(5200)}`));
      const at = sorted.findIndex((x) => compareCells(x, probe) >= 0);
      const ceiling = list.ceiling(probe);
      const lower = list.lower(probe);
      expect(ceiling?.cell ?? null, `seed ${seed}`).toBe(at < 0 ? null : sorted[at]);
      expect(lower?.cell ?? null, `seed ${seed}`).toBe(at === 0 ? null : sorted[(at < 0 ? sorted.length : at) - 1]);
    }
    expect(list.last()!.cell, `seed ${seed}`).toBe(sorted[sorted.length - 1]);
  });

  test("a cursor continues from its cell after inserts move it between leaves", () => {
    const seed = testSeed();
    const rnd = new SeededRandom(seed);
    const list = new CellSet();
    const cells: Cell[] = [];
    const add = (n: number) => {
      for (let i = 0; i < n; i++) {
        const cell = c(`r${rnd.int(3000)}`, "f", `q${rnd.int(3)}`, rnd.int(4), "Put", "", BigInt(cells.length));
        cells.push(cell);
        list.insert(cell);
      }
    };
    add(2000);
    const cursors = Array.from({ length: 20 }, () => list.ceiling(firstOnRow(toBytes(`r${rnd.int(2900)}`)))!);
    const on = cursors.map((cursor) => cursor.cell);
    add(8000);
    const sorted = [...cells].sort(compareCells);
    cursors.forEach((cursor, i) => {
      expect(cursor.cell, `seed ${seed}`).toBe(on[i]);
      const at = sorted.indexOf(on[i]);
      expect(cursor.advance(), `seed ${seed}`).toBe(at + 1 < sorted.length);
      if (at + 1 < sorted.length) expect(cursor.cell, `seed ${seed}`).toBe(sorted[at + 1]);
    });
  });

  test("an identical key replaces the value in place", () => {
    const list = new CellSet();
    expect(list.insert(c("r", "f", "q", 1, "Put", "a", 5n))).toBe(true);
    expect(list.insert(c("r", "f", "q", 1, "Put", "b", 5n))).toBe(false);
    expect(list.count).toBe(1);
    expect(new TextDecoder().decode(list.first()!.cell.value)).toBe("b");
    const cursor = list.first()!;
    list.insert(c("r", "f", "q", 1, "Put", "c", 5n));
    expect(new TextDecoder().decode(cursor.cell.value)).toBe("c");
  });

  test("ceiling, lower and last answer around missing keys", () => {
    const list = new CellSet();
    for (const r of ["b", "d", "f"]) list.insert(c(r, "f", "q", 1));
    expect(new TextDecoder().decode(list.ceiling(firstOnRow(toBytes("c")))!.cell.row)).toBe("d");
    expect(new TextDecoder().decode(list.lower(firstOnRow(toBytes("c")))!.cell.row)).toBe("b");
    expect(list.lower(firstOnRow(toBytes("a")))).toBeNull();
    expect(new TextDecoder().decode(list.last()!.cell.row)).toBe("f");
  });
});

describe("MemStoreScanner", () => {
  test("seekToLastRow and seekToPreviousRow walk rows backwards to each row's first cell", () => {
    const list = new CellSet();
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
