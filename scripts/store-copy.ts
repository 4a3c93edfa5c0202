// `npm run store:copy -- --from lowdb --to postgres`: copies the lowdb site in DATA_DIR (stopped: its lock is taken)
// into the empty PostgreSQL database DATABASE_URL names, in one transaction, and prints the count of each kind of
// record on both sides (app/models/store-copy.server.ts). Exit 0: copied, every count the same; 1: nothing copied
// (refused, failed, or a count differed: the database is left as it was); 2: wrong arguments.
import { parseArgs } from "node:util";
import { copyLowdbToPostgres, countsTable, CopyFailed, type CopyNotes } from "../app/models/store-copy.server";
import { databaseUrl, dataDir, redactUrl } from "../app/store/config.server";
import { lockDataDir } from "../app/store/data-dir-lock.server";
import { storeIsNew } from "../app/store/db.server";
import { closePool } from "../app/store/postgres/pool.server";

const USAGE = `usage: npm run store:copy -- --from lowdb --to postgres

Copies the lowdb store in DATA_DIR (default ./data; stop its server first) into the empty PostgreSQL database
DATABASE_URL names (the migrations are applied first), then prints the count of each kind of record on both sides.
Only this direction exists.`;

function usage(problem: string): never {
  console.error(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

function parsed(): { from: string; to: string } {
  try {
    const { values, positionals } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } }, allowPositionals: true, strict: true });
    if (positionals.length) usage(`Unexpected argument: ${positionals[0]}`);
    if (!values.from || !values.to) usage("Say where from and where to.");
    return { from: values.from, to: values.to };
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
}

function printNotes(notes: CopyNotes): void {
  console.log(
    `Not copied: the sign-in throttle's counters (${notes.throttleEntries} in login-attempts.json): recent failed sign-ins, not history; they start empty.`,
  );
  if (notes.endedSessions) console.log(`Not copied: ${notes.endedSessions} sessions that had ended (idle too long or past their 7 days).`);
  for (const file of notes.unknownUserFiles) console.log(`Not copied: ${file}, a file of a user users.json does not know.`);
  console.log(`Copied: the sessions still live (${notes.liveSessions}).`);
  console.log(
    notes.secretExists
      ? `  To keep these people signed in, set SESSION_SECRET on every server to the secret the site signs its cookies with: the value in ${notes.secretFile} (it exists; not shown here), or the SESSION_SECRET the site was started with, if it was.`
      : `  ${notes.secretFile} does not exist: the site signed its cookies with the SESSION_SECRET it was started with. ` +
          "Set the same value on every server to keep these people signed in (another value signs them out).",
  );
}

const { from, to } = parsed();
if (from !== "lowdb" || to !== "postgres") usage(`Cannot copy from ${from} to ${to}: only --from lowdb --to postgres.`);

let code = 1;
try {
  const url = databaseUrl();
  const dir = dataDir();
  if (storeIsNew()) throw new Error(`${dir} holds no lowdb store (no users.json or teams.json): set DATA_DIR to the site's data directory.`);
  // A server still running on the directory would go on writing what is being copied: it must be stopped.
  lockDataDir(dir);
  console.log(`Copying the lowdb store in ${dir} into PostgreSQL ${redactUrl(url)}`);
  const outcome = await copyLowdbToPostgres();
  console.log(outcome.migrations.length ? `Migrations applied: ${outcome.migrations.join(", ")}` : "Migrations: the schema is up to date.");
  if (!outcome.ok && outcome.error === "not-empty") {
    console.error(
      `Nothing copied: the database already holds ${outcome.users} users and ${outcome.teams} teams. ` +
        "store:copy copies into an empty database only (a new one, or one whose schema was dropped and made again).",
    );
  } else {
    console.log("");
    console.log(countsTable(outcome.counts));
    console.log("");
    printNotes(outcome.notes);
    if (outcome.ok) {
      console.log("Copied: every count is the same on both sides. Start the servers with STORE=postgres.");
      code = 0;
    } else console.error("Nothing copied: a count differs (marked above); the database is left as it was.");
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof CopyFailed ? `Nothing copied (no record was written): could not copy ${message}` : `Nothing copied: ${message}`);
} finally {
  await closePool().catch(() => {});
}
process.exit(code);
