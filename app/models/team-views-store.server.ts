import { storeKind } from "~/store/config.server";
import { lowdbTeamViews } from "./lowdb/team-views.server";
import { postgresTeamViews } from "./postgres/team-views.server";
import type { TeamViewsBackend, TraineeAchievements } from "./store-backends";

/**
 * The reads over every trainee of some teams (the dashboard, the review list, assignments' and reading progress,
 * the corrections), lowdb's or PostgreSQL's as STORE says. It imports no model, so any model may read here.
 */
export const teamViewsStore = (): TeamViewsBackend => (storeKind() === "postgres" ? postgresTeamViews : lowdbTeamViews);

/** Rows grouped by their trainee, each trainee's in the order they came. */
export function byTrainee<T extends { userId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.userId);
    if (list) list.push(row);
    else out.set(row.userId, [row]);
  }
  return out;
}

/** What a trainee who has done nothing yet has achieved (one the achievements read has no entry for). */
export const nothingAchieved = (): TraineeAchievements => ({ modulesCompleted: {}, quizPasses: [], certificates: [] });
