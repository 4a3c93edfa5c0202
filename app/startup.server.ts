import { getCourseware } from "~/courseware/courseware.server";
import { getBanks } from "~/quiz/banks.server";
import { getScenarios } from "~/roleplay/scenario-files.server";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { seedDemoData } from "~/models/seed.server";
import { openAuthoredScenarios } from "~/models/scenario-authoring.server";
import { sessionSecret } from "~/auth/session-secret.server";
import { openAllStoreFiles, storeIsNew } from "~/store/db.server";
import { lockDataDir } from "~/store/data-dir-lock.server";
import { dataDir, storeKind } from "~/store/config.server";
import { openPostgresStore } from "~/store/postgres/start.server";
import { checkpointJournals } from "~/store/durable-writer.server";
import { checkSettings } from "~/config.server";

/**
 * Runs once before the server listens. With STORE=postgres: the database must answer (a message naming host:port
 * if not) and, while issue 21 is under way, the start is refused with the models done so far. Otherwise it takes the data directory's lock (one server per directory), checks the
 * settings, the content a trainer edits (courseware, scoring lexicons, scenario scripts, quiz banks — a broken file stops the
 * start, naming the file), opens and migrates every store file (refusing to start on one that does not parse or
 * has the wrong shape), prepares the session secret, and seeds demo data into a store that has no files yet.
 */
export async function initialize(): Promise<{ dataDir: string; seeded: boolean }> {
  if (storeKind() === "postgres") await openPostgresStore();
  lockDataDir(dataDir());
  checkSettings();
  getCourseware("zh-CN");
  getLexicon();
  getScenarios();
  getBanks("zh-CN");
  const isNew = storeIsNew();
  await openAllStoreFiles();
  await openAuthoredScenarios(); // the organisation's scenarios are found by id from here on
  sessionSecret();
  const seeded = process.env.SEED_DEMO === "0" || !isNew ? false : await seedDemoData();
  return { dataDir: dataDir(), seeded };
}

/** Runs once the server has stopped taking requests: the store's journal is checkpointed, leaving the files alone. */
export async function shutdown(): Promise<void> {
  await checkpointJournals();
}
