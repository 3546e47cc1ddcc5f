// Dispatch table of the RPC server: (service name, method name) → handler, both exact and
// case-sensitive (hbase-rpc.md §7.0). A handler decodes its own request message; a param that
// does not parse is the caller's fault and answers DoNotRetryIOException.

import { type DescMessage, fromBinary, type MessageShape, toBinary } from "@bufbuild/protobuf";
import type { Cell } from "../../src/cell/cell.ts";
import { DoNotRetryIOError } from "../../src/api/errors.ts";

/** What a handler knows about the connection and call it serves. */
export interface CallContext {
  /** True when the client announced a cellblock codec: results may go out as cellblocks. */
  readonly cellBlocks: boolean;
  /** The client sent version_info (Java); gohbase and hbase-rpc-client do not. */
  readonly clientVersion: { major: number; minor: number } | undefined;
  /** The request's cellblock (empty when none). */
  readonly requestCells: Uint8Array;
  /** The connection's user (informational under SIMPLE auth). */
  readonly user: string;
}

/** A handler's answer: the encoded response message and the cells for the response cellblock. */
export interface CallAnswer {
  message: Uint8Array;
  cells: readonly Cell[];
}

export type MethodHandler = (param: Uint8Array, ctx: CallContext) => Promise<CallAnswer>;

export class ServiceRegistry {
  readonly #services = new Map<string, Map<string, MethodHandler>>();

  /** Registers a typed method: `fn` gets the decoded request and returns the response (+ cells). */
  method<I extends DescMessage, O extends DescMessage>(
    service: string,
    name: string,
    input: I,
    output: O,
    fn: (request: MessageShape<I>, ctx: CallContext) => Promise<MessageShape<O> | { response: MessageShape<O>; cells: readonly Cell[] }>,
  ): void {
    const methods = this.#services.get(service) ?? new Map<string, MethodHandler>();
    this.#services.set(service, methods);
    methods.set(name, async (param, ctx) => {
      let request: MessageShape<I>;
      try {
        request = fromBinary(input, param);
      } catch (error) {
        throw new DoNotRetryIOError(`Cannot parse ${input.typeName} for ${service}.${name}: ${(error as Error).message}`);
      }
      const answer = await fn(request, ctx);
      if (typeof answer === "object" && answer !== null && "response" in answer && "cells" in answer && !("$typeName" in answer)) {
        return { message: toBinary(output, answer.response as MessageShape<O>), cells: answer.cells };
      }
      return { message: toBinary(output, answer as MessageShape<O>), cells: [] };
    });
  }

  hasService(service: string): boolean {
    return this.#services.has(service);
  }

  /** The handler, or undefined for an unknown method. */
  lookup(service: string, method: string): MethodHandler | undefined {
    return this.#services.get(service)?.get(method);
  }
}
