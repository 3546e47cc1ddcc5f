// Calls to the active master (MasterService) and to region servers (AdminService), retried per
// the policy, and the procedure wait (hbase-rpc.md §7.4): a DDL call answers a proc_id, then
// getProcedureResult is polled with backoff until FINISHED; a failed procedure's exception is
// rebuilt as the typed error it names.

import { create, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import {
  GetProcedureResultRequestSchema, GetProcedureResultResponse_State, GetProcedureResultResponseSchema,
} from "../../proto/gen/hbase/master_pb.ts";
import type { ShaleError } from "../../src/api/errors.ts";
import type { ClientContext } from "../client-context.ts";
import type { ServerAddress } from "../rpc/connection-pool.ts";
import { addressKey } from "../rpc/connection-pool.ts";
import { RetriesExhaustedError, toRemoteError } from "../rpc/remote-error.ts";
import { pauseBeforeRetryMs, withRetries } from "../retry-policy.ts";

const MASTER_SERVICE = "MasterService";
/** First pause between procedure polls; doubles up to PROCEDURE_POLL_MAX_MS. */
const PROCEDURE_POLL_FIRST_MS = 5;
const PROCEDURE_POLL_MAX_MS = 500;

/** One MasterService call, retried (a dead or moved master is looked up again). */
export function masterCall<I extends DescMessage, O extends DescMessage>(
  ctx: ClientContext, method: string, request: { schema: I; message: MessageShape<I> }, responseSchema: O,
): Promise<MessageShape<O>> {
  return withRetries({
    options: ctx.options,
    what: `MasterService.${method}`,
    react: (_error, decision) => {
      if (decision.kind !== "backoff") ctx.registry.invalidate();
    },
  }, async () => {
    const address = await ctx.registry.activeMaster();
    return (await ctx.pool.call({ address, service: MASTER_SERVICE }, method, request, responseSchema)).response;
  });
}

/** One AdminService call to a region server. */
export function regionServerCall<I extends DescMessage, O extends DescMessage>(
  ctx: ClientContext, server: ServerAddress, method: string, request: { schema: I; message: MessageShape<I> }, responseSchema: O,
): Promise<MessageShape<O>> {
  return withRetries({
    options: ctx.options,
    what: `AdminService.${method} on ${addressKey(server)}`,
  }, async () => (await ctx.pool.call({ address: server, service: "AdminService" }, method, request, responseSchema)).response);
}

/** Polls getProcedureResult until the procedure finishes; throws its failure as a typed error. */
export async function waitForProcedure(ctx: ClientContext, procId: bigint, what: string): Promise<void> {
  const deadline = Date.now() + ctx.options.operationTimeoutMs;
  let pause = PROCEDURE_POLL_FIRST_MS;
  for (;;) {
    const r = await masterCall(ctx, "getProcedureResult",
      { schema: GetProcedureResultRequestSchema, message: create(GetProcedureResultRequestSchema, { procId }) }, GetProcedureResultResponseSchema);
    if (r.state === GetProcedureResultResponse_State.FINISHED) {
      const failure = r.exception?.genericException;
      if (failure !== undefined) throw procedureError(failure.className, failure.message);
      return;
    }
    if (r.state === GetProcedureResultResponse_State.NOT_FOUND) return; // Java 3.x takes it as done
    if (Date.now() + pause > deadline) throw new RetriesExhaustedError(`${what}: procedure ${procId} did not finish in ${ctx.options.operationTimeoutMs} ms`);
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(pause * 2, PROCEDURE_POLL_MAX_MS, pauseBeforeRetryMs(13, ctx.options, false));
  }
}

function procedureError(className: string, message: string): ShaleError {
  return toRemoteError({ className, stackTrace: `${className}: ${message}`, doNotRetry: true });
}
