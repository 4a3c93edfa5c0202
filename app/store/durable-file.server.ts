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

/**
 * lowdb adapter that reads JSON and writes it durably (lowdb's own JSONFile never fsyncs), through the journal in
 * `journalDir` (see durable-writer.server.ts); a read first replays what that journal left from a previous run.
 *
 * Writes are serialised per file and coalesced: a write requested while another is on its way
 * joins the next one, which serialises the data as it is when it starts, so every caller's
 * change is on disk when its promise resolves, and a burst of N updates costs at most 2 writes.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  #latest: T | undefined;
  #next: Promise<void> | null = null;
  #tail: Promise<void> = Promise.resolve();

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
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new StoreFileCorruptError(this.file, (error as Error).message);
    }
  }

  write(data: T): Promise<void> {
    this.#latest = data;
    if (!this.#next) {
      const job = this.#tail.then(async () => {
        this.#next = null; // later callers queue behind this write, since it may miss their change
        await writeFileDurably(this.file, JSON.stringify(this.#latest), this.journalDir);
      });
      this.#next = job;
      this.#tail = job.catch(() => {});
    }
    return this.#next;
  }
}
