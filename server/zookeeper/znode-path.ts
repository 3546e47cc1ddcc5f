// Znode path rules (ZooKeeper PathUtils.validatePath): absolute, no empty, "." or ".." segment,
// no trailing slash except the root, no NUL or control characters. Breaking them is BadArguments.

import { KeeperError } from "../../src/api/errors.ts";
import { ErrorCode } from "../../proto/zookeeper/zk-protocol.ts";

function invalid(path: string, why: string): KeeperError {
  return new KeeperError(ErrorCode.badArguments, `Invalid znode path "${path}": ${why}`);
}

/** Throws KeeperError(BadArguments) unless `path` is a valid znode path. */
export function validatePath(path: string): void {
  if (path.length === 0 || path[0] !== "/") throw invalid(path, "must start with /");
  if (path.length === 1) return;
  if (path.endsWith("/")) throw invalid(path, "must not end with /");
  for (const segment of path.slice(1).split("/")) {
    if (segment.length === 0) throw invalid(path, "empty segment");
    if (segment === "." || segment === "..") throw invalid(path, "relative segment");
  }
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 0 || (c > 0 && c < 0x1f) || (c > 0x7f && c < 0x9f)) throw invalid(path, "control character");
    if ((c >= 0xd800 && c <= 0xf8ff) || (c >= 0xfff0 && c <= 0xffff)) throw invalid(path, "reserved character");
  }
}

/** The parent of a valid non-root path ("/a/b" → "/a", "/a" → "/"). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash <= 0 ? "/" : path.slice(0, slash);
}

/** The last segment of a valid non-root path. */
export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Joins a parent path and a child name. */
export function childPath(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}
