import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Adapter } from "lowdb";
import { ensureRecovered, writeFileDurably } from "./durable-writer.server";

/** A store file whose text is not valid JSON. The server refuses to start rather than overwrite it. */
export class StoreFileCorruptError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`数据文件无法解析 / store file does not parse: ${file} (${reason}). It has not been modified; repair or move it, then start again.`);
    this.name = "StoreFileCorruptError";
  }
}

/** What a read found: no file at all, or the parsed text (which may be any JSON value, `null` included). */
export type FileContent<T> = { exists: false } | { exists: true; value: T };

/**
 * lowdb adapter that reads JSON and writes it durably (lowdb's own JSONFile never fsyncs), through the journal in
 * `journalDir` (see durable-writer.server.ts); a read first replays what that journal left from a previous run.
 * `lastRead` tells a file that is absent from one that holds `null`: only the first may be created empty.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  lastRead: FileContent<unknown> = { exists: false };

  constructor(
    readonly file: string,
    readonly journalDir = path.dirname(file),
  ) {}

  async read(): Promise<T | null> {
    ensureRecovered(this.journalDir);
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        this.lastRead = { exists: false };
        return null;
      }
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new StoreFileCorruptError(this.file, (error as Error).message);
    }
    this.lastRead = { exists: true, value };
    return value as T;
  }

  /** Resolves once the data is durably on disk; rejects, leaving the file as it was, when it cannot be written. */
  write(data: T): Promise<void> {
    return writeFileDurably(this.file, JSON.stringify(data), this.journalDir);
  }
}
