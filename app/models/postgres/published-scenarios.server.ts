import type net from "node:net";
import pg from "pg";
import { databaseTarget, databaseUrl } from "~/store/config.server";
import { APPLICATION_NAME, query, storeError } from "~/store/postgres/pool.server";
import type { PublishedScenarioTexts } from "../store-backends";

/** The channel a server notifies, in the transaction that publishes a scenario's version, with the scenario's id. */
export const PUBLISHED_CHANNEL = "org_scenario_published";

type Texts = ReadonlyArray<{ version: number; yaml: string }>;

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

/**
 * This server's copy of the published scenario texts, for the synchronous look-ups of roleplay/ (titles, reports).
 * A published version never changes, so the copy can only lack versions, never hold a wrong one. It is kept
 * current across servers: a connection of its own LISTENs on PUBLISHED_CHANNEL, and every server NOTIFYs it in
 * the transaction that publishes (delivered on commit), so each server reads that scenario's versions again; the
 * server that published reads them before its publish returns. The copy is read whole once listening (nothing
 * published since is missed) and again whenever the listening connection comes back after a loss (notifications
 * sent meanwhile were missed). Everything else about authored scenarios is read from the database per call.
 */
export class PublishedScenarioMirror implements PublishedScenarioTexts {
  readonly #texts = new Map<string, Texts>();
  #client: pg.Client | null = null;
  #closed = false;
  #retry: NodeJS.Timeout | null = null;
  #delay = FIRST_RETRY_MS;

  constructor(readonly url: string) {}

  versionsOf(id: string): Texts | undefined {
    return this.#texts.get(id);
  }

  /** Listens, then reads every published text. Throws StoreUnavailable if the database cannot be reached. */
  async open(): Promise<void> {
    await this.#listen();
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000, keepAlive: true, application_name: APPLICATION_NAME });
    client.on("notification", (message) => {
      if (message.channel === PUBLISHED_CHANNEL && message.payload) this.refresh(message.payload).catch((error) => this.#report("read", error));
    });
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${PUBLISHED_CHANNEL}`);
      // Once listening, the connection never keeps the process alive by itself (a server has its HTTP server for
      // that). Not before: while the start awaits LISTEN's answer it may be the only thing the process waits on.
      (client.connection.stream as net.Socket).unref?.();
    } catch (error) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
      throw storeError(error, this.url);
    }
    if (this.#closed) return void (await client.end().catch(() => {}));
    this.#client = client;
    this.#delay = FIRST_RETRY_MS;
    await this.#readAll();
  }

  #lost(client: pg.Client, error?: Error): void {
    if (this.#client !== client) return;
    this.#client = null;
    if (this.#closed) return;
    this.#report("listen on", error ?? new Error("connection ended"));
    void client.end().catch(() => {});
    this.#reconnectLater();
  }

  #reconnectLater(): void {
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (!this.#closed) this.#listen().catch(() => this.#reconnectLater());
    }, this.#delay);
    this.#retry.unref();
    this.#delay = Math.min(this.#delay * 2, LAST_RETRY_MS);
  }

  #report(what: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Published scenarios: could not ${what} the database (${databaseTarget(this.url)}): ${reason}`);
  }

  /** Versions are only ever added: a reading older than what is known already (answered late) changes nothing. */
  #merge(id: string, texts: Texts): void {
    if (texts.length > (this.#texts.get(id)?.length ?? 0)) this.#texts.set(id, texts);
  }

  /** Reads one scenario's published versions again (it was just published, here or on another server). */
  async refresh(id: string): Promise<void> {
    if (this.#closed) return;
    const { rows } = await query<{ version: number; yaml: string }>("SELECT version, yaml FROM org_scenario_versions WHERE scenario_id = $1 ORDER BY version", [
      id,
    ]);
    this.#merge(id, rows);
  }

  async #readAll(): Promise<void> {
    const { rows } = await query<{ scenario_id: string; version: number; yaml: string }>(
      "SELECT scenario_id, version, yaml FROM org_scenario_versions ORDER BY scenario_id, version",
    );
    const byScenario = new Map<string, Array<{ version: number; yaml: string }>>();
    for (const r of rows) byScenario.set(r.scenario_id, [...(byScenario.get(r.scenario_id) ?? []), { version: r.version, yaml: r.yaml }]);
    for (const [id, texts] of byScenario) this.#merge(id, texts);
  }

  /** The database's process id of the listening connection, null while it is down (for tests). */
  get listenerPid(): number | null {
    return (this.#client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}

let current: { url: string; mirror: PublishedScenarioMirror; opened: Promise<PublishedScenarioMirror> } | null = null;

/** This server's copy for DATABASE_URL, opened on first use (a new one when the setting changed, as tests do). */
export function publishedScenarioMirror(): Promise<PublishedScenarioMirror> {
  const url = databaseUrl();
  if (current?.url === url) return current.opened;
  void current?.mirror.close();
  const mirror = new PublishedScenarioMirror(url);
  const opened = mirror.open().then(() => mirror);
  current = { url, mirror, opened };
  opened.catch(() => {
    if (current?.mirror === mirror) current = null; // asked again next time
    void mirror.close();
  });
  return opened;
}

/** After this server published a version of `id`: its own copy has it before the publish returns. */
export async function publishedHere(id: string): Promise<void> {
  if (current?.url !== databaseUrl()) return;
  // Committed already: should this reading fail, the notification this server also receives brings the version.
  await (await current.opened).refresh(id).catch(() => {});
}

/** Stops listening (shutdown, and the end of a test file). */
export async function closePublishedScenarioMirror(): Promise<void> {
  const closing = current;
  current = null;
  await closing?.mirror.close();
}
