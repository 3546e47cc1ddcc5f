// The retry policy: exception classes sorted as Java and gohbase sort them, retries bounded by
// count, and a do-not-retry failure returned after one attempt.

import { describe, expect, test } from "bun:test";
import { DoNotRetryIOError, NotServingRegionError, RegionTooBusyError, TableNotFoundError } from "../../src/api/errors.ts";
import { CLIENT_DEFAULTS } from "../../client/client-options.ts";
import { classifyError, pauseBeforeRetryMs, withRetries } from "../../client/retry-policy.ts";
import { ConnectionLostError, RemoteError, RetriesExhaustedError, toRemoteError } from "../../client/rpc/remote-error.ts";

const fast = { ...CLIENT_DEFAULTS, pauseMs: 1, retriesMax: 4 };

describe("classifyError", () => {
  test.each([
    ["org.apache.hadoop.hbase.NotServingRegionException", "relocate"],
    ["org.apache.hadoop.hbase.exceptions.RegionMovedException", "relocate"],
    ["org.apache.hadoop.hbase.exceptions.RegionOpeningException", "relocate"],
    ["org.apache.hadoop.hbase.RegionTooBusyException", "backoff"],
    ["org.apache.hadoop.hbase.CallQueueTooBigException", "backoff"],
    ["org.apache.hadoop.hbase.ipc.ServerNotRunningYetException", "backoff"],
    ["org.apache.hadoop.hbase.regionserver.RegionServerStoppedException", "dead-server"],
    ["org.apache.hadoop.hbase.DoNotRetryIOException", "fail"],
    ["org.apache.hadoop.hbase.TableNotFoundException", "fail"],
    ["org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException", "fail"],
    ["org.apache.hadoop.hbase.exceptions.FailedSanityCheckException", "fail"],
  ])("%s is %s", (cls, kind) => {
    expect(classifyError(toRemoteError({ className: cls, stackTrace: `${cls}: x`, doNotRetry: kind === "fail" })).kind).toBe(kind as never);
  });

  test("a moved region names its new server from the exception message", () => {
    const cls = "org.apache.hadoop.hbase.exceptions.RegionMovedException";
    const decision = classifyError(toRemoteError({ className: cls, stackTrace: `${cls}: Region moved to: hostname=h2 port=16021 startCode=1. As of locationSeqNum=5.` }));
    expect(decision).toEqual({ kind: "relocate", movedTo: { host: "h2", port: 16021 }, notServing: false });
  });

  test("an unknown class marked do_not_retry fails fast; without the mark it relocates", () => {
    expect(classifyError(new RemoteError("x.Y", "m", { doNotRetry: true })).kind).toBe("fail");
    expect(classifyError(new RemoteError("x.Y", "m", { doNotRetry: false })).kind).toBe("relocate");
    expect(classifyError(new ConnectionLostError("gone")).kind).toBe("dead-server");
  });
});

describe("withRetries", () => {
  test("backs off through RegionTooBusy and succeeds", async () => {
    let attempts = 0;
    const value = await withRetries({ options: fast, what: "t" }, async () => {
      if (++attempts < 3) throw new RegionTooBusyError("busy");
      return "done";
    });
    expect(value).toBe("done");
    expect(attempts).toBe(3);
  });

  test("a do-not-retry error is returned after one attempt, as its own class", async () => {
    let attempts = 0;
    const error = await withRetries({ options: fast, what: "t" }, async () => {
      attempts++;
      throw new TableNotFoundError("t1");
    }).catch((e) => e);
    expect(error).toBeInstanceOf(TableNotFoundError);
    expect(error).toBeInstanceOf(DoNotRetryIOError);
    expect(attempts).toBe(1);
  });

  test("retries are bounded by count and end in RetriesExhaustedError carrying the last failure", async () => {
    let attempts = 0;
    const error = await withRetries({ options: fast, what: "t" }, async () => {
      attempts++;
      throw new NotServingRegionError("moved");
    }).catch((e) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error.cause).toBeInstanceOf(NotServingRegionError);
    expect(attempts).toBe(fast.retriesMax + 1);
  });

  test("pauses grow with the attempt and stay within the jitter", () => {
    const p1 = pauseBeforeRetryMs(1, CLIENT_DEFAULTS, false, () => 0);
    const p5 = pauseBeforeRetryMs(5, CLIENT_DEFAULTS, false, () => 1);
    expect(p1).toBe(CLIENT_DEFAULTS.pauseMs);
    expect(p5).toBe(CLIENT_DEFAULTS.pauseMs * 10 * (1 + CLIENT_DEFAULTS.pauseJitter));
  });
});
