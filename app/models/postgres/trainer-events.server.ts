import type pg from "pg";
import type { TrainerEvent } from "../store-backends";

/**
 * What trainers record on an ended call, as rows (models/review.server.ts and models/corrections.server.ts decide
 * them; models/postgres/roleplay.server.ts calls this inside the transaction that holds the attempt's row):
 * comments in trainer_comments, what a comment said before each change in trainer_comment_revisions, score
 * changes in score_changes, the review mark on the attempt's row, findings marked wrong in finding_disputes. A
 * comment taken back or a mark withdrawn keeps its row, marked with when (a lowdb log keeps them too).
 */
export async function recordTrainerEvent(client: pg.PoolClient, attemptId: string, event: TrainerEvent): Promise<void> {
  switch (event.t) {
    case "comment": {
      const c = event.comment;
      await client.query(
        "INSERT INTO trainer_comments (id, attempt_id, turn, text, by_id, by_name, created_at, edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [c.id, attemptId, c.turn, c.text, c.byId, c.byName, c.at, c.editedAt ?? null],
      );
      return;
    }
    case "comment-edit":
      // What it said until now becomes its newest earlier text, written when it was last written.
      await client.query(
        `INSERT INTO trainer_comment_revisions (comment_id, position, text, written_at)
         SELECT c.id, (SELECT count(*) FROM trainer_comment_revisions r WHERE r.comment_id = c.id), c.text, coalesce(c.edited_at, c.created_at)
           FROM trainer_comments c WHERE c.id = $1 AND c.attempt_id = $2 AND c.deleted_at IS NULL`,
        [event.commentId, attemptId],
      );
      await client.query("UPDATE trainer_comments SET text = $3, edited_at = $4 WHERE id = $1 AND attempt_id = $2 AND deleted_at IS NULL", [
        event.commentId,
        attemptId,
        event.text,
        event.at,
      ]);
      return;
    case "comment-delete":
      await client.query("UPDATE trainer_comments SET deleted_at = $3 WHERE id = $1 AND attempt_id = $2 AND deleted_at IS NULL", [
        event.commentId,
        attemptId,
        event.at,
      ]);
      return;
    case "adjust": {
      const a = event.adjustment;
      await client.query(
        `INSERT INTO score_changes (attempt_id, dimension, from_score, to_score, reason, by_id, by_name, changed_at, passed_before, passed_after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [attemptId, a.dimension, a.from, a.to, a.reason, a.byId, a.byName, a.at, a.passedBefore ?? null, a.passedAfter ?? null],
      );
      return;
    }
    case "reviewed":
      await client.query("UPDATE roleplay_attempts SET reviewed_by_id = $2, reviewed_by_name = $3, reviewed_at = $4 WHERE id = $1", [
        attemptId,
        event.mark.byId,
        event.mark.byName,
        event.mark.at,
      ]);
      return;
    case "dispute": {
      const d = event.dispute;
      await client.query(
        `INSERT INTO finding_disputes (id, attempt_id, turn, finding, rule, reason, by_id, by_name, disputed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [d.id, attemptId, d.turn, d.finding, d.rule, d.reason, d.byId, d.byName, d.at],
      );
      return;
    }
    case "dispute-withdraw":
      await client.query("UPDATE finding_disputes SET withdrawn_at = $3 WHERE id = $1 AND attempt_id = $2 AND withdrawn_at IS NULL", [
        event.disputeId,
        attemptId,
        event.at,
      ]);
      return;
  }
}
