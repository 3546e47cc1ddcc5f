// The 6 bytes that open an HBase RPC connection (hbase-rpc.md §3.1-§3.2): "HBas", version 0 and
// the auth method byte; or the special "Regist" (cluster id query) and "Securi" preambles.

export const PREAMBLE_SIZE = 6;
export const RPC_MAGIC = new Uint8Array([0x48, 0x42, 0x61, 0x73]); // "HBas"
export const RPC_VERSION = 0;

export const AuthMethod = { SIMPLE: 80, KERBEROS: 81, DIGEST: 82 } as const;
export type AuthMethod = (typeof AuthMethod)[keyof typeof AuthMethod];

/** "Regist": the connection registry asks for the cluster id and expects the connection to close. */
export const REGISTRY_PREAMBLE = new Uint8Array([0x52, 0x65, 0x67, 0x69, 0x73, 0x74]);
/** "Securi": a Kerberos client asks for the server principal; the real preamble follows. */
export const SECURITY_PREAMBLE = new Uint8Array([0x53, 0x65, 0x63, 0x75, 0x72, 0x69]);

export type Preamble =
  | { kind: "rpc"; auth: number }
  | { kind: "registry" }
  | { kind: "security" }
  | { kind: "bad-magic"; text: string }
  | { kind: "bad-version"; version: number };

/** The normal preamble a client sends: "HBas", 0, auth. */
export function encodePreamble(auth: number = AuthMethod.SIMPLE): Uint8Array {
  return new Uint8Array([...RPC_MAGIC, RPC_VERSION, auth]);
}

/** Classifies the first 6 bytes of a connection. */
export function parsePreamble(bytes: Uint8Array): Preamble {
  const six = bytes.subarray(0, PREAMBLE_SIZE);
  if (sameBytes(six, REGISTRY_PREAMBLE)) return { kind: "registry" };
  if (sameBytes(six, SECURITY_PREAMBLE)) return { kind: "security" };
  if (!sameBytes(six.subarray(0, 4), RPC_MAGIC)) {
    return { kind: "bad-magic", text: String.fromCharCode(...six.subarray(0, 4)) };
  }
  if (six[4] !== RPC_VERSION) return { kind: "bad-version", version: six[4] };
  return { kind: "rpc", auth: six[5] };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
