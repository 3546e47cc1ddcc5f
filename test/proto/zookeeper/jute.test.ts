// The jute codec and ZooKeeper records: round trips, the read-only byte quirk, and bounds checks
// on truncated or lying input.

import { describe, expect, test } from "bun:test";
import { KeeperError } from "../../../src/api/errors.ts";
import { JuteReader, JuteWriter } from "../../../proto/zookeeper/jute.ts";
import { readConnectRequest, readStat, type Stat, writeConnectRequest, writeStat } from "../../../proto/zookeeper/zk-records.ts";

describe("JuteReader and JuteWriter", () => {
  test("round-trip ints, longs, booleans, buffers, strings and vectors", () => {
    const w = new JuteWriter().writeInt(-7).writeLong(-(2n ** 63n)).writeBool(true).writeBuffer(null).writeBuffer(new Uint8Array([1, 2]));
    w.writeUstring("/hbase/hbaseid").writeStringVector(["a", "bc"]);
    const r = new JuteReader(w.toBytes());
    expect([r.readInt(), r.readLong(), r.readBool(), r.readBuffer(), r.readBuffer()]).toEqual([-7, -(2n ** 63n), true, null, new Uint8Array([1, 2])]);
    expect([r.readUstring(), r.readStringVector()]).toEqual(["/hbase/hbaseid", ["a", "bc"]]);
    expect(r.remaining).toBe(0);
  });

  test("the getData example of the spec sheet encodes byte for byte", () => {
    const frame = new JuteWriter().writeInt(1).writeInt(4).writeUstring("/hbase/hbaseid").writeBool(false).toFrame();
    expect(Buffer.from(frame).toString("hex")).toBe("0000001b0000000100000004" + "0000000e" + Buffer.from("/hbase/hbaseid").toString("hex") + "00");
  });

  test("truncated input and lying lengths throw MarshallingError without allocating", () => {
    const lying = new JuteWriter().writeInt(0x7fffffff).toBytes();
    for (const read of [(r: JuteReader) => r.readBuffer(), (r: JuteReader) => r.readStringVector(), (r: JuteReader) => r.readLong()]) {
      let error: unknown;
      try {
        read(new JuteReader(lying));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KeeperError);
      expect((error as KeeperError).code).toBe(-5);
    }
    expect(() => new JuteReader(new JuteWriter().writeInt(-2).toBytes()).readBuffer()).toThrow(KeeperError);
  });
});

describe("ZooKeeper records", () => {
  test("ConnectRequest is read with and without the trailing read-only byte (45 and 44 bytes)", () => {
    const base = { protocolVersion: 0, lastZxidSeen: 5n, timeOutMs: 90_000, sessionId: 0n, passwd: new Uint8Array(16) };
    const with45 = writeConnectRequest(new JuteWriter(), { ...base, readOnly: false }).toBytes();
    const with44 = writeConnectRequest(new JuteWriter(), { ...base, readOnly: undefined }).toBytes();
    expect([with45.length, with44.length]).toEqual([45, 44]);
    expect(readConnectRequest(new JuteReader(with45)).readOnly).toBe(false);
    expect(readConnectRequest(new JuteReader(with44))).toEqual({ ...base, readOnly: undefined });
  });

  test("Stat is 68 bytes and round-trips 64-bit fields as bigint", () => {
    const stat: Stat = { czxid: 1n << 40n, mzxid: 2n, ctime: 1_700_000_000_000n, mtime: 3n, version: 1, cversion: 2, aversion: 3, ephemeralOwner: -1n, dataLength: 4, numChildren: 5, pzxid: 6n };
    const bytes = writeStat(new JuteWriter(), stat).toBytes();
    expect(bytes.length).toBe(68);
    expect(readStat(new JuteReader(bytes))).toEqual(stat);
  });
});
