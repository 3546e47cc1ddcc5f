// Fs over node:fs/promises, which Bun and Deno both provide. Errors pass through with their errno
// code (ENOENT, ENOSPC, EIO); the engine wraps them in StorageIOError where it acts on them.

import * as fsp from "node:fs/promises";
import { constants } from "node:fs";
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

  async append(data: Uint8Array): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await this.#handle.write(data, done, data.length - done, this.#size);
      done += bytesWritten;
      this.#size += bytesWritten;
    }
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.#handle.read(out, done, length - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === length ? out : out.subarray(0, done);
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
