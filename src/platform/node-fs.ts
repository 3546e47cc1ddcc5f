// Fs over node:fs, which Bun and Deno both provide. Files are plain descriptors (no FileHandle
// objects, whose collection by the GC is fatal in Bun if one is ever left open). Appends and
// positional reads are synchronous syscalls: they hit the page cache and cost a few
// microseconds, where a thread-pool round trip costs tens (bench/engine-workloads.bench.ts);
// fdatasync, which waits for the disk, and close stay async. Errors pass through with their
// errno code (ENOENT, ENOSPC, EIO); the engine wraps them in StorageIOError where it acts on them.

import * as fsp from "node:fs/promises";
import { close, constants, fdatasync, fstatSync, fsync, ftruncate, open, readSync, writeSync } from "node:fs";
import type { FileHandle, Fs, OpenMode } from "./fs.ts";

/** Calls a callback-style node:fs function as a promise. */
function call<T>(run: (done: (error: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value as T))));
}

class NodeFileHandle implements FileHandle {
  readonly path: string;
  readonly #fd: number;
  #size: number;
  #closed = false;

  constructor(path: string, fd: number, size: number) {
    this.path = path;
    this.#fd = fd;
    this.#size = size;
  }

  append(data: Uint8Array): Promise<void> {
    try {
      let done = 0;
      while (done < data.length) {
        const written = writeSync(this.#fd, data, done, data.length - done, this.#size);
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
        const got = readSync(this.#fd, out, done, length - done, position + done);
        if (got === 0) break;
        done += got;
      }
      return Promise.resolve(done === length ? out : out.subarray(0, done));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  sync(): Promise<void> {
    return call<void>((done) => fdatasync(this.#fd, done));
  }

  size(): Promise<number> {
    return Promise.resolve(this.#size);
  }

  async truncate(length: number): Promise<void> {
    await call<void>((done) => ftruncate(this.#fd, length, done));
    this.#size = length;
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return call<void>((done) => close(this.#fd, done));
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
    const fd = await call<number>((done) => open(path, FLAGS[mode], 0o644, done));
    try {
      return new NodeFileHandle(path, fd, fstatSync(fd).size);
    } catch (error) {
      await call<void>((done) => close(fd, done));
      throw error;
    }
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
    const fd = await call<number>((done) => open(path, constants.O_RDONLY, done));
    try {
      await call<void>((done) => fsync(fd, done));
    } finally {
      await call<void>((done) => close(fd, done));
    }
  }
}
