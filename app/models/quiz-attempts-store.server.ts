import { storeKind } from "~/store/config.server";
import { lowdbQuizAttempts } from "./lowdb/quizzes.server";
import { postgresQuizAttempts } from "./postgres/quizzes.server";
import type { QuizAttemptsBackend } from "./store-backends";

/**
 * The store's quiz attempts: lowdb's or PostgreSQL's, as STORE says. It imports no model, so that the models that
 * read a trainee's quiz passes (certificates, assignments) read them here without an import circle (quizzes.server.ts
 * issues certificates).
 */
export const quizAttemptsStore = (): QuizAttemptsBackend => (storeKind() === "postgres" ? postgresQuizAttempts : lowdbQuizAttempts);
