/** The messages between the server and its store writer thread (writer.worker.ts). */

export type WriterJob =
  /** Replace the file `name` (relative to the journal's directory `journal`) with `payload`. */
  | { id: number; op: "replace"; journal: string; name: string; payload: Uint8Array }
  /** Append `payload` to the file `name`, creating it if need be. */
  | { id: number; op: "append"; journal: string; name: string; payload: Uint8Array }
  /** Checkpoint and close every journal, so that the files alone are durable. */
  | { id: number; op: "checkpoint" }
  /** How many journal commits (one fdatasync each, however many writes they carry) this thread has made. */
  | { id: number; op: "commits" };

export interface WriterResult {
  id: number;
  /** For an append: where its bytes start in the file. */
  offset?: number;
  /** For `commits`: the count. */
  commits?: number;
  error?: { message: string; code?: string };
}
