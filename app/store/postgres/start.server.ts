import { databaseUrl, redactUrl } from "../config.server";
import { migrate } from "./migrate.server";
import { checkReachable } from "./pool.server";

/**
 * Where issue 21 stands: the models with a PostgreSQL implementation beside lowdb's, and those still on lowdb
 * only (in the order they are to be done, docs/decisions/0005-postgres-store.md). The server starts on
 * PostgreSQL only once the second list is empty: half the app on one store and half on the other would lose data.
 */
export const POSTGRES_MODELS = {
  done: [
    "users",
    "teams",
    "sessions",
    "login (sign-in throttle)",
    "health",
    "progress",
    "assignments",
    "certificates",
    "quizzes",
    "quiz-authoring",
    "scenario-authoring",
    "roleplay (attempts and turns)",
    "review (comments, score changes)",
    "corrections",
    "dashboard and the review list (queries over the teams' trainees)",
  ],
  toDo: ["seed (first start on an empty database)"],
} as const;

/**
 * Opens the PostgreSQL store at start (STORE=postgres): the database must answer (else StoreUnavailable, naming
 * host:port, stops the start), every model must have its PostgreSQL implementation (else a plain refusal saying
 * which are done), then the pending migrations are applied. Returns the database as it may be logged.
 */
export async function openPostgresStore(models: { done: readonly string[]; toDo: readonly string[] } = POSTGRES_MODELS): Promise<string> {
  const url = databaseUrl();
  await checkReachable(url);
  if (models.toDo.length)
    throw new Error(
      `the PostgreSQL store is not complete yet (issue 21). Done: ${models.done.join(", ")}. Still on lowdb only: ${models.toDo.join(", ")}. ` +
        "Start without STORE (or with STORE=lowdb) until it is.",
    );
  await migrate({ url });
  return redactUrl(url);
}
