// Line protocol between crash-test children and their parents: a child writes each line with one
// synchronous write (so a SIGKILL never cuts one mid-way), the parent splits its stdout into lines.

import { writeSync } from "node:fs";
import type { Readable } from "node:stream";

/** Writes `line` and a newline to stdout synchronously, retrying on EAGAIN. */
export function emitLine(line: string): void {
  const bytes = new TextEncoder().encode(`${line}\n`);
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(1, bytes, at);
    } catch (error) {
      if ((error as { code?: string }).code !== "EAGAIN") throw error;
    }
  }
}

/** Calls `onLine` for each complete line of `stream`; returns what is left after the last newline. */
export function readLines(stream: Readable, onLine: (line: string) => void): () => string {
  let pending = "";
  stream.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) onLine(line);
  });
  return () => pending;
}
