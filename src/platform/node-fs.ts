// Fs over node:fs, which Bun and Deno both provide. Appends and positional reads are synchronous
// syscalls: they hit the page cache and cost a few microseconds, where a thread-pool round trip
// costs tens (bench/engine-workloads.bench.ts); fdatasync, which waits for the disk, stays async.
// Errors pass through with their errno code (ENOENT, ENOSPC, EIO); the engine wraps them in
// StorageIOError where it acts on them.

import * as fsp from "node:fs/promises";
import { constants, readSync, writeSync } from "node:fs";
import type { FileHandle, Fs, OpenMode } from "./fs.ts";

class NodeFileHandle implements FileHandle {
  #handle: fsp.FileHandle;
  #size: number;
  readonly path: string;

  constructor(path: string, handle: fsp.FileHandle, size: number) {
    this.path = path;
    this.#handle = handle;
    this.#size = size;
  }

  append(data: Uint8Array): Promise<void> {
    try {
      let done = 0;
      while (done < data.length) {
        const written = writeSync(this.#handle.fd, data, done, data.length - done, this.#size);
        done += written;
        this.#size += written;
      }
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  read(position: number, length: number): Promise<Uint8Array> {
    try {
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const got = readSync(this.#handle.fd, out, done, length - done, position + done);
        if (got === 0) break;
        done += got;
      }
      return Promise.resolve(done === length ? out : out.subarray(0, done));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async sync(): Promise<void> {
    await this.#handle.datasync();
  }

  size(): Promise<number> {
    return Promise.resolve(this.#size);
  }

  async truncate(length: number): Promise<void> {
    await this.#handle.truncate(length);
    this.#size = length;
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }
}

const FLAGS: Record<OpenMode, number> = {
  read: constants.O_RDONLY,
  append: constants.O_RDWR,
  create: constants.O_RDWR | constants.O_CREAT | constants.O_EXCL,
};

/** The real file system. */
export class NodeFs implements Fs {
  async open(path: string, mode: OpenMode): Promise<FileHandle> {
    const handle = await fsp.open(path, FLAGS[mode], 0o644);
    const { size } = await handle.stat();
    return new NodeFileHandle(path, handle, size);
  }

  async readFile(path: string): Promise<Uint8Array> {
    return new Uint8Array(await fsp.readFile(path));
  }

  async rename(from: string, to: string): Promise<void> {
    await fsp.rename(from, to);
  }

  async remove(path: string): Promise<void> {
    await fsp.rm(path, { force: true });
  }

  async removeTree(path: string): Promise<void> {
    await fsp.rm(path, { recursive: true, force: true });
  }

  async mkdirs(path: string): Promise<void> {
    await fsp.mkdir(path, { recursive: true });
  }

  async list(path: string): Promise<string[]> {
    try {
      return (await fsp.readdir(path)).sort();
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return [];
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await fsp.stat(path);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return false;
      throw error;
    }
  }

  async syncDir(path: string): Promise<void> {
    const handle = await fsp.open(path, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
