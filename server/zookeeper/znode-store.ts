// Where the location publisher writes: the embedded tree or a real ensemble through the client.
// Each put writes a node's complete data in one operation, so no reader ever sees it half-filled.

export interface ZnodeStore {
  /** Creates `path` as a persistent node with empty data unless it exists. */
  ensureDir(path: string): Promise<void>;
  /** Creates the node with `data` or replaces its data; an ephemeral node is owned by the store's session. */
  put(path: string, data: Uint8Array, ephemeral: boolean): Promise<void>;
  /** Names of the children of `path` ([] when absent). */
  children(path: string): Promise<string[]>;
  /** Deletes `path` if present. */
  remove(path: string): Promise<void>;
}
