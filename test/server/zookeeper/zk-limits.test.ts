// The endpoint's limits (issue 4): connections per IP, sessions, watches per session, and session
// expiry by timeout. Over a limit the connection is closed (never a crash) and the endpoint keeps
// serving everyone else.

import { afterEach, describe, expect, test } from "bun:test";
import { connect, type Socket } from "node:net";
import { JuteReader, JuteWriter } from "../../../proto/zookeeper/jute.ts";
import { readConnectResponse, requestWriter, writeConnectRequest } from "../../../proto/zookeeper/zk-records.ts";
import { OpCode } from "../../../proto/zookeeper/zk-protocol.ts";
import { ZkClient } from "../../../proto/zookeeper/zk-client.ts";
import { type Fixture, startFixture } from "./zk-fixture.ts";

interface RawConnection {
  socket: Socket;
  /** Frame bodies received so far. */
  frames: Uint8Array[];
  closed: Promise<void>;
  isClosed: () => boolean;
}

/** A raw client socket that collects length-prefixed frames. */
function rawConnect(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    const frames: Uint8Array[] = [];
    let buffer = new Uint8Array(0);
    let closed = false;
    const closedPromise = new Promise<void>((done) => socket.once("close", () => ((closed = true), done())));
    socket.on("data", (chunk: Uint8Array) => {
      const next = new Uint8Array(buffer.length + chunk.length);
      next.set(buffer);
      next.set(chunk, buffer.length);
      buffer = next;
      while (buffer.length >= 4) {
        const length = new DataView(buffer.buffer, buffer.byteOffset).getInt32(0);
        if (buffer.length < 4 + length) break;
        frames.push(buffer.slice(4, 4 + length));
        buffer = buffer.slice(4 + length);
      }
    });
    socket.once("error", () => {});
    socket.once("connect", () => resolve({ socket, frames, closed: closedPromise, isClosed: () => closed }));
    socket.once("error", reject);
  });
}

/** Polls `check` until true, at most `ms`. */
async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

function connectRequest(timeOutMs: number, sessionId = 0n, passwd = new Uint8Array(16)): Uint8Array {
  return writeConnectRequest(new JuteWriter(), { protocolVersion: 0, lastZxidSeen: 0n, timeOutMs, sessionId, passwd, readOnly: false }).toFrame();
}

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe("ZooKeeper endpoint limits", () => {
  test("a connection beyond connectionsPerIpMax is closed and the others keep working", async () => {
    fixture = await startFixture({ limits: { connectionsPerIpMax: 3 } });
    const quorum = `127.0.0.1:${fixture.zk.port}`;
    const clients = [await ZkClient.connect({ connectString: quorum }), await ZkClient.connect({ connectString: quorum })];
    const third = await rawConnect(fixture.zk.port);
    const fourth = await rawConnect(fixture.zk.port);
    await fourth.closed;
    expect(third.isClosed()).toBe(false);
    for (const c of clients) expect((await c.getChildren("/hbase")).length).toBeGreaterThan(0);
    third.socket.destroy();
    await third.closed;
    // A slot freed by a closed connection can be used again.
    const again = await ZkClient.connect({ connectString: quorum });
    expect(await again.exists("/hbase/master")).toBeDefined();
    for (const c of [...clients, again]) await c.close();
  });

  test("a session beyond sessionsMax is refused by closing its connection unanswered", async () => {
    fixture = await startFixture({ limits: { sessionsMax: 2 } });
    const quorum = `127.0.0.1:${fixture.zk.port}`;
    const clients = [await ZkClient.connect({ connectString: quorum }), await ZkClient.connect({ connectString: quorum })];
    const extra = await rawConnect(fixture.zk.port);
    extra.socket.write(connectRequest(10_000));
    await extra.closed;
    expect(extra.frames).toHaveLength(0);
    expect(await clients[0].exists("/hbase/hbaseid")).toBeDefined();
    for (const c of clients) await c.close();
  });

  test("a session setting more watches than watchesPerSessionMax is closed", async () => {
    fixture = await startFixture({ limits: { watchesPerSessionMax: 3 } });
    const conn = await rawConnect(fixture.zk.port);
    conn.socket.write(connectRequest(10_000));
    await eventually(() => conn.frames.length === 1);
    const paths = ["/hbase/master", "/hbase/hbaseid", "/hbase/meta-region-server", "/hbase/running"];
    for (const [i, path] of paths.entries()) {
      conn.socket.write(requestWriter(i + 1, OpCode.getData).writeUstring(path).writeBool(true).toFrame());
    }
    await conn.closed;
    expect(conn.frames.length).toBe(1 + 3); // the connect answer and the three watched reads
    const other = await ZkClient.connect({ connectString: `127.0.0.1:${fixture.zk.port}` });
    expect(await other.exists("/hbase/master")).toBeDefined();
    await other.close();
  });

  test("a session that stops pinging expires after its timeout, and its id is refused afterwards", async () => {
    fixture = await startFixture({ limits: { tickTimeMs: 50, sessionTimeoutMsMin: 100, sessionTimeoutMsMax: 1_000 } });
    const first = await rawConnect(fixture.zk.port);
    first.socket.write(connectRequest(100));
    await eventually(() => first.frames.length === 1);
    const granted = readConnectResponse(new JuteReader(first.frames[0]));
    expect(granted.timeOutMs).toBe(100);
    expect(granted.sessionId).not.toBe(0n);
    // Silent: no pings. The endpoint expires the session and closes the connection.
    await first.closed;
    const retry = await rawConnect(fixture.zk.port);
    retry.socket.write(connectRequest(100, granted.sessionId, granted.passwd));
    await eventually(() => retry.frames.length === 1 || retry.isClosed());
    expect(retry.frames).toHaveLength(1);
    {
      // ZooKeeper answers an expired session with timeOut 0 and session id 0, then closes.
      const answer = readConnectResponse(new JuteReader(retry.frames[0]));
      expect(answer.timeOutMs).toBe(0);
    }
    await retry.closed;
  });
});
