import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Low } from "lowdb";
import type { z } from "zod";
import { DurableJSONFile } from "./durable-file.server";

/** Every store file carries the version of its shape, so that a newer app can migrate an older file on start. */
export interface Versioned {
  schemaVersion: number;
}

/**
 * How one kind of store file is shaped and migrated.
 * `migrations[i]` turns a file of version i+1 into version i+2; the current version is migrations.length + 1.
 * `schema` is the current shape: a file that does not match it after migration is refused, like one that does
 * not parse.
 */
export interface FileKind<T extends Versioned> {
  name: string;
  empty: () => T;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration takes an older version's shape, known only to it
  migrations: ReadonlyArray<(data: any) => any>;
  schema: z.ZodType<unknown>;
}

export function currentVersion(kind: FileKind<Versioned>): number {
  return kind.migrations.length + 1;
}

export class StoreFileVersionError extends Error {
  constructor(file: string, found: unknown, supported: number) {
    super(
      `数据文件版本不受支持 / unsupported store file version in ${file}: found ${String(found)}, this app knows up to ${supported}. It has not been modified.`,
    );
    this.name = "StoreFileVersionError";
  }
}

/** A store file that parses but is not the shape its kind has (`null`, a missing list, a wrong type …). */
export class StoreFileShapeError extends Error {
  constructor(file: string, problems: string) {
    super(`数据文件内容不符合格式 / store file has the wrong shape: ${file} (${problems}). It has not been modified; repair or move it, then start again.`);
    this.name = "StoreFileShapeError";
  }
}

/** Zod's issues as one line: where each is and what is wrong, the first few only. */
export function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(the whole file)"}: ${i.message}`);
  return issues.join("; ") + (error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : "");
}

/** A store file open for reading and updating. Only models use it. */
export class StoreFile<T extends Versioned> {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Low<T>) {}

  get data(): Readonly<T> {
    return this.db.data;
  }

  /**
   * Applies `change` to the data and resolves once the result is durably on disk. Updates of one file run one
   * at a time, each on what the previous one left. If the write fails (a full disk), the data is read back from
   * the file, which the failed write left as it was, and the error is thrown: what is in memory is always what is
   * on disk, and nothing is acknowledged that was not written.
   * `change` must be synchronous. `unchanged(result)` tells a change that decided to change nothing, so that
   * nothing is written (a refused sign-in must not cost a write).
   */
  update<R>(change: (data: T) => R, unchanged?: (result: R) => boolean): Promise<R> {
    const run = this.#queue.then(async () => {
      const result = change(this.db.data);
      if (result instanceof Promise) throw new Error("StoreFile.update: the change must be synchronous");
      if (unchanged?.(result)) return result;
      try {
        await this.db.write();
      } catch (error) {
        await this.db.read();
        throw error;
      }
      return result;
    });
    this.#queue = run.catch(() => {});
    return run;
  }
}

/** Directories this process has made sure exist. */
const madeDirectories = new Set<string>();

/**
 * Opens (creating if missing) and migrates a store file, whose writes go through the journal in `journalDir`.
 * A file that exists is used only if it parses, has a version this app knows and, after migration, the shape of
 * its kind; otherwise this throws, naming the file, and the file is left as it is. Callers cache the result: one
 * instance per file.
 */
export async function openStoreFile<T extends Versioned>(file: string, kind: FileKind<T>, journalDir = path.dirname(file)): Promise<StoreFile<T>> {
  const adapter = new DurableJSONFile<T>(file, journalDir);
  const db = new Low<T>(adapter, kind.empty());
  await db.read(); // throws StoreFileCorruptError, leaving the file as it is
  const read = adapter.lastRead;
  if (!read.exists) {
    // A file not there yet is written on its first update, into a directory that must exist by then.
    if (!madeDirectories.has(path.dirname(file))) {
      await mkdir(path.dirname(file), { recursive: true });
      madeDirectories.add(path.dirname(file));
    }
    return new StoreFile(db);
  }
  // lowdb keeps its default for a file holding `null`: such a file is refused, never taken as empty.
  const raw = read.value;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new StoreFileShapeError(file, `expected an object, found ${raw === null ? "null" : Array.isArray(raw) ? "a list" : typeof raw}`);
  const target = currentVersion(kind);
  const found = (raw as Partial<Versioned>).schemaVersion;
  if (typeof found !== "number" || !Number.isInteger(found) || found < 1 || found > target) {
    throw new StoreFileVersionError(file, found, target);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each migration knows the shape it takes
  let data: any = raw;
  for (let version = found; version < target; version++) {
    data = kind.migrations[version - 1](data);
    data.schemaVersion = version + 1;
  }
  const checked = kind.schema.safeParse(data);
  if (!checked.success) throw new StoreFileShapeError(file, describeIssues(checked.error));
  db.data = data;
  if (found < target) await db.write();
  return new StoreFile(db);
}
