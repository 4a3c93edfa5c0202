import { open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import type { Adapter } from "lowdb";

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
 * Writes `text` so that, once the promise resolves, it survives a crash or power cut:
 * temp file → fsync → rename over the target → fsync of the directory (so the rename itself is on disk).
 * Readers only ever see the old or the new whole file.
 */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await open(temp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string) {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    // Some platforms cannot fsync a directory (EISDIR/EPERM/EINVAL); the rename is still atomic there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * lowdb adapter that reads JSON and writes it durably (lowdb's own JSONFile never fsyncs).
 *
 * Writes are serialised per file and coalesced: a write requested while another is on its way
 * joins the next one, which serialises the data as it is when it starts, so every caller's
 * change is on disk when its promise resolves, and a burst of N updates costs at most 2 writes.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  #latest: T | undefined;
  #next: Promise<void> | null = null;
  #tail: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
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
        await writeFileDurably(this.file, JSON.stringify(this.#latest));
      });
      this.#next = job;
      this.#tail = job.catch(() => {});
    }
    return this.#next;
  }
}
