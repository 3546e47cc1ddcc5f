// ZooKeeper wire constants: opcodes, error codes, special xids, watch event types and create
// modes (zookeeper-and-meta.md §1.4–§1.9; ZooDefs.OpCode, KeeperException.Code, Watcher.Event).

export const OpCode = {
  notification: 0,
  create: 1,
  delete: 2,
  exists: 3,
  getData: 4,
  setData: 5,
  getACL: 6,
  setACL: 7,
  getChildren: 8,
  sync: 9,
  ping: 11,
  getChildren2: 12,
  check: 13,
  multi: 14,
  create2: 15,
  reconfig: 16,
  createContainer: 19,
  createTTL: 21,
  auth: 100,
  setWatches: 101,
  sasl: 102,
  getEphemerals: 103,
  getAllChildrenNumber: 104,
  setWatches2: 105,
  addWatch: 106,
  whoAmI: 107,
  createSession: -10,
  closeSession: -11,
} as const;

export const ErrorCode = {
  ok: 0,
  systemError: -1,
  marshallingError: -5,
  unimplemented: -6,
  badArguments: -8,
  noNode: -101,
  noAuth: -102,
  badVersion: -103,
  noChildrenForEphemerals: -108,
  nodeExists: -110,
  notEmpty: -111,
  sessionExpired: -112,
  invalidAcl: -114,
  authFailed: -115,
} as const;

export const Xid = {
  notification: -1,
  ping: -2,
  auth: -4,
} as const;

export const EventType = {
  nodeCreated: 1,
  nodeDeleted: 2,
  nodeDataChanged: 3,
  nodeChildrenChanged: 4,
} as const;

/** The only keeper state a server sends: SyncConnected. */
export const KEEPER_STATE_SYNC_CONNECTED = 3;

export const CreateMode = {
  persistent: 0,
  ephemeral: 1,
  persistentSequential: 2,
  ephemeralSequential: 3,
  container: 4,
} as const;

export const Perms = { read: 1, write: 2, create: 4, delete: 8, admin: 16, all: 31 } as const;

/** Password length ZooKeeper uses for every session. */
export const SESSION_PASSWD_LENGTH = 16;
