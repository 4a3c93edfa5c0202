import type { AttemptEvent, AttemptRow } from "./schema";

/**
 * What a role-play attempt's events add up to, pure. An attempt's log holds its events in the order they happened
 * (start, each turn, the end, trainers' comments, their edits and deletions, score changes, review marks, and findings
 * marked wrong or withdrawn); the attempt is never stored whole again.
 */
export function applyEvent(attempt: AttemptRow | null, event: AttemptEvent): AttemptRow {
  if (event.t === "row") return structuredClone(event.attempt);
  if (event.t === "start") return { ...structuredClone(event.attempt), turns: [], result: null, comments: [], adjustments: [] };
  if (!attempt) throw new Error(`an attempt's log must begin with its start, not "${event.t}"`);
  switch (event.t) {
    case "turn":
      attempt.turns.push(event.record);
      attempt.snapshot = event.snapshot;
      attempt.state = event.state;
      attempt.emotion = event.emotion;
      attempt.minute = event.minute;
      attempt.updatedAt = event.at;
      return attempt;
    case "end":
      attempt.status = event.status;
      attempt.result = event.result;
      attempt.updatedAt = event.at;
      if (event.status === "finished") attempt.finishedAt = event.at;
      return attempt;
    case "comment":
      attempt.comments.push(event.comment);
      return attempt;
    case "adjust":
      attempt.adjustments.push(event.adjustment);
      return attempt;
    case "comment-edit": {
      const comment = attempt.comments.find((c) => c.id === event.commentId);
      if (comment) {
        comment.earlierTexts = [...(comment.earlierTexts ?? []), { text: comment.text, at: comment.editedAt ?? comment.at }];
        comment.text = event.text;
        comment.editedAt = event.at;
      }
      return attempt;
    }
    case "comment-delete":
      // Gone from the call; the comment and its deletion stay in the log.
      attempt.comments = attempt.comments.filter((c) => c.id !== event.commentId);
      return attempt;
    case "reviewed":
      attempt.reviewMark = event.mark;
      return attempt;
    case "dispute":
      attempt.disputes = [...(attempt.disputes ?? []), event.dispute];
      return attempt;
    case "dispute-withdraw":
      // Withdrawn by its author: no longer an example; the mark and its withdrawal stay in the log.
      attempt.disputes = (attempt.disputes ?? []).filter((d) => d.id !== event.disputeId);
      return attempt;
  }
}

export function foldEvents(events: readonly AttemptEvent[]): AttemptRow {
  let attempt: AttemptRow | null = null;
  for (const event of events) attempt = applyEvent(attempt, event);
  if (!attempt) throw new Error("an attempt's log is empty");
  return attempt;
}
