import type { Worker } from "node:worker_threads";

/** A reply from a worker thread to one call, matched by the id the call was sent with. */
export interface Settlement<T> {
  id: number;
  value?: T;
  error?: Error;
}

/**
 * Calls to a worker thread that answers by id. The thread is started on the first call and again after it dies
 * (its unanswered calls are rejected: the caller is told, nothing is retried behind its back), and it does not
 * keep the process alive while no call is waiting.
 */
export class WorkerCalls<T> {
  #thread: Worker | null = null;
  #pending = new Map<number, { resolve: (value: T) => void; reject: (error: Error) => void }>();
  #nextId = 1;

  /** `start` makes the thread; `settlements` reads the calls a message from it answers. */
  constructor(
    private readonly name: string,
    private readonly start: () => Worker,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each thread posts its own message shape
    private readonly settlements: (message: any) => Array<Settlement<T>>,
  ) {}

  /**
   * Sends what `message` makes of a fresh id to the thread (the current one is passed, to know what it was told);
   * `delivered` runs once the thread has taken the message. Buffers in `transfer` are moved to the thread, not copied.
   */
  call(message: (id: number, thread: Worker) => unknown, delivered?: (thread: Worker) => void, transfer?: ArrayBuffer[]): Promise<T> {
    const thread = this.#thread ?? this.#started();
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        thread.postMessage(message(id, thread), transfer);
      } catch (error) {
        this.#pending.delete(id);
        throw error; // rejects this call; nothing was sent
      }
      thread.ref();
      delivered?.(thread);
    });
  }

  #started(): Worker {
    const thread = this.start();
    thread.on("message", (message) => {
      for (const { id, value, error } of this.settlements(message)) {
        const waiting = this.#pending.get(id);
        if (!waiting) continue;
        this.#pending.delete(id);
        if (error) waiting.reject(error);
        else waiting.resolve(value as T);
      }
      if (this.#pending.size === 0) thread.unref();
    });
    const lost = (error: Error) => {
      if (this.#thread === thread) this.#thread = null;
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
    };
    thread.on("error", lost);
    thread.on("exit", (code) => lost(new Error(`${this.name} thread exited (${code})`)));
    this.#thread = thread;
    return thread;
  }
}
