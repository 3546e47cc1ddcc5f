// The master's event dispatcher: table procedures and region transitions (opened, closed, split)
// are announced here in order. Meta is derived from the catalog (docs/decisions/0002), so
// listeners observe; the znode publisher and tests subscribe. Listener failures are logged, never
// propagated into the procedure that raised the event.

import { log } from "../../src/util/log.ts";

export type MasterEvent =
  | { kind: "procedure-finished"; procId: bigint; operation: string; table?: string; namespace?: string; error?: string }
  | { kind: "region-opened" | "region-closed"; table: string; encodedName: string }
  | { kind: "region-split"; table: string; parent: string; daughters: [string, string] };

export type MasterEventListener = (event: MasterEvent) => void;

export class MasterEvents {
  readonly #listeners = new Set<MasterEventListener>();

  /** Subscribes; returns the unsubscribe function. */
  on(listener: MasterEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: MasterEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch (error) {
        log.error("master event listener failed", { kind: event.kind, error: String(error) });
      }
    }
  }
}
