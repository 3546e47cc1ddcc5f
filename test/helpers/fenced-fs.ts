// FencedFs: passes every call through to an inner Fs until fence(), then fails every call with EIO.
// The crash tests give each engine "process" its own FencedFs over one shared image, and fence an
// abandoned engine (one whose close failed, or that a simulated crash ended) so its background
// work cannot write into the image the next engine opens, as a dead process could not.

import type { FileHandle, Fs, OpenMode } from "../../src/platform/fs.ts";
import { errnoError } from "../../src/platform/mem-fs.ts";

class FencedFileHandle implements FileHandle {
  readonly path: string;
  #inner: FileHandle;
  #check: (syscall: string) => void;

  constructor(inner: FileHandle, check: (syscall: string) => void) {
    this.path = inner.path;
    this.#inner = inner;
    this.#check = check;
  }

  async append(data: Uint8Array): Promise<void> {
    this.#check("write");
    return this.#inner.append(data);
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    this.#check("read");
    return this.#inner.read(position, length);
  }

  async sync(): Promise<void> {
    this.#check("fdatasync");
    return this.#inner.sync();
  }

  async size(): Promise<number> {
    this.#check("fstat");
    return this.#inner.size();
  }

  async truncate(length: number): Promise<void> {
    this.#check("ftruncate");
    return this.#inner.truncate(length);
  }

  async close(): Promise<void> {
    this.#check("close");
    return this.#inner.close();
  }
}

export class FencedFs implements Fs {
  #inner: Fs;
  #fenced = false;
  #check = (syscall: string, path?: string): void => {
    if (this.#fenced) throw errnoError("EIO", { syscall, path });
  };

  constructor(inner: Fs) {
    this.#inner = inner;
  }

  /** From now on every call fails with EIO, on this Fs and on every handle it opened. */
  fence(): void {
    this.#fenced = true;
  }

  async open(path: string, mode: OpenMode): Promise<FileHandle> {
    this.#check("open", path);
    return new FencedFileHandle(await this.#inner.open(path, mode), (syscall) => this.#check(syscall, path));
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.#check("read", path);
    return this.#inner.readFile(path);
  }

  async rename(from: string, to: string): Promise<void> {
    this.#check("rename", from);
    return this.#inner.rename(from, to);
  }

  async remove(path: string): Promise<void> {
    this.#check("unlink", path);
    return this.#inner.remove(path);
  }

  async removeTree(path: string): Promise<void> {
    this.#check("rm", path);
    return this.#inner.removeTree(path);
  }

  async mkdirs(path: string): Promise<void> {
    this.#check("mkdir", path);
    return this.#inner.mkdirs(path);
  }

  async list(path: string): Promise<string[]> {
    this.#check("scandir", path);
    return this.#inner.list(path);
  }

  async exists(path: string): Promise<boolean> {
    this.#check("stat", path);
    return this.#inner.exists(path);
  }

  async syncDir(path: string): Promise<void> {
    this.#check("fsync", path);
    return this.#inner.syncDir(path);
  }
}
