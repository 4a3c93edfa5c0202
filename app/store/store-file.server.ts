import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Low } from "lowdb";
import { DurableJSONFile } from "./durable-file.server";

/** Every store file carries the version of its shape, so that a newer app can migrate an older file on start. */
export interface Versioned {
  schemaVersion: number;
}

/**
 * How one kind of store file is shaped and migrated.
 * `migrations[i]` turns a file of version i+1 into version i+2; the current version is migrations.length + 1.
 */
export interface FileKind<T extends Versioned> {
  name: string;
  empty: () => T;
  migrations: ReadonlyArray<(data: any) => any>;
}

export function currentVersion(kind: FileKind<Versioned>): number {
  return kind.migrations.length + 1;
}

export class StoreFileVersionError extends Error {
  constructor(file: string, found: unknown, supported: number) {
    super(`数据文件版本不受支持 / unsupported store file version in ${file}: found ${String(found)}, this app knows up to ${supported}. It has not been modified.`);
    this.name = "StoreFileVersionError";
  }
}

/** A store file open for reading and updating. Only models use it. */
export class StoreFile<T extends Versioned> {
  constructor(private readonly db: Low<T>) {}

  get data(): Readonly<T> {
    return this.db.data;
  }

  /**
   * Applies `change` to the data and resolves once the result is durably on disk.
   * `change` must be synchronous: lowdb does not await it, and two updates that interleave
   * across an await would each write a stale copy.
   */
  async update<R>(change: (data: T) => R): Promise<R> {
    const result = change(this.db.data);
    if (result instanceof Promise) throw new Error("StoreFile.update: the change must be synchronous");
    await this.db.write();
    return result;
  }
}

/** Directories this process has made sure exist (every finished attempt is a new file in its trainee's one). */
const madeDirectories = new Set<string>();

/**
 * Opens (creating if missing) and migrates a store file, whose writes go through the journal in `journalDir`.
 * Callers cache the result: one instance per file.
 */
export async function openStoreFile<T extends Versioned>(file: string, kind: FileKind<T>, journalDir = path.dirname(file)): Promise<StoreFile<T>> {
  const empty = kind.empty();
  const db = new Low<T>(new DurableJSONFile<T>(file, journalDir), empty);
  await db.read(); // throws StoreFileCorruptError, leaving the file as it is
  // A file not there yet is written on its first update, into a directory that must exist by then. Existing files
  // (every finished attempt is read at start-up) skip the call.
  if (db.data === empty && !madeDirectories.has(path.dirname(file))) {
    await mkdir(path.dirname(file), { recursive: true });
    madeDirectories.add(path.dirname(file));
  }
  const target = currentVersion(kind);
  const found = (db.data as Partial<Versioned>)?.schemaVersion;
  if (typeof found !== "number" || !Number.isInteger(found) || found < 1 || found > target) {
    throw new StoreFileVersionError(file, found, target);
  }
  if (found < target) {
    let data: any = db.data;
    for (let version = found; version < target; version++) {
      data = kind.migrations[version - 1](data);
      data.schemaVersion = version + 1;
    }
    db.data = data;
    await db.write();
  }
  return new StoreFile(db);
}
