import { getCourseware } from "~/courseware/courseware.server";
import { getBanks } from "~/quiz/banks.server";
import { getScenarios } from "~/roleplay/scenario-files.server";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { seedDemoData } from "~/models/seed.server";
import { closeAuthoredScenarios, openAuthoredScenarios } from "~/models/scenario-authoring.server";
import { sessionSecret } from "~/auth/session-secret.server";
import { openAllStoreFiles, storeIsNew } from "~/store/db.server";
import { lockDataDir } from "~/store/data-dir-lock.server";
import { dataDir, storeKind } from "~/store/config.server";
import { openPostgresStore, SEED_LOCK } from "~/store/postgres/start.server";
import { closePool, withAdvisoryLock } from "~/store/postgres/pool.server";
import { checkpointJournals } from "~/store/durable-writer.server";
import { checkSettings } from "~/config.server";

/**
 * Runs once before the server listens. Checks the settings and the content a trainer edits (courseware, scoring
 * lexicons, scenario scripts, quiz banks — a broken file stops the start, naming the file), then opens the store:
 * - lowdb (the default): takes the data directory's lock (one server per directory), opens and migrates every store
 *   file (refusing to start on one that does not parse or has the wrong shape), prepares the session secret, and
 *   seeds demo data into a store that has no files yet;
 * - PostgreSQL: the database must answer (a message naming host:port if not), the pending migrations are applied
 *   (in one transaction), SESSION_SECRET must be set (shared by every server), and an empty database is seeded by
 *   whichever server gets there first (the others wait on an advisory lock and find it done).
 * Returns where the store is, as it may be logged.
 */
export async function initialize(): Promise<{ store: string; seeded: boolean }> {
  checkSettings();
  getCourseware("zh-CN");
  getLexicon();
  getScenarios();
  getBanks("zh-CN");
  const seedDemo = process.env.SEED_DEMO !== "0";
  if (storeKind() === "postgres") {
    const database = await openPostgresStore();
    sessionSecret();
    await openAuthoredScenarios();
    const seeded = seedDemo ? await withAdvisoryLock(SEED_LOCK, seedDemoData) : false;
    return { store: `PostgreSQL ${database}`, seeded };
  }
  lockDataDir(dataDir());
  const isNew = storeIsNew();
  await openAllStoreFiles();
  await openAuthoredScenarios(); // the organisation's scenarios are found by id from here on
  sessionSecret();
  const seeded = seedDemo && isNew ? await seedDemoData() : false;
  return { store: dataDir(), seeded };
}

/**
 * Runs once the server has stopped taking requests: lowdb's journal is checkpointed (leaving the files alone);
 * PostgreSQL's connections are closed (its own durability needs nothing from us).
 */
export async function shutdown(): Promise<void> {
  if (storeKind() === "postgres") {
    await closeAuthoredScenarios();
    return closePool();
  }
  await checkpointJournals();
}
