import path from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import { STORES } from "../../tests/support/stores";
import {
  addComment,
  adjustScore,
  deleteComment,
  editComment,
  listTeamAttempts,
  markCoachingRead,
  markReviewed,
  recentCoaching,
  reviewQueue,
  reviewQueuePlace,
} from "./review.server";
import { getAttempt } from "./roleplay.server";
import { closeAllStoreFiles } from "~/store/db.server";
import { createUser, setUserActive } from "./users.server";
import { finishRudely, finishWell, testTrainer as trainer, useAttemptStore } from "../../tests/support/roleplay-attempts";
import { abandonAttempt, startAttempt } from "./roleplay.server";
import { gatherEvidence, listCertificates } from "./certificates.server";
import { storeCertificates } from "../../tests/support/records";
import type { User } from "./users.server";

const script = readScenarioFile(path.resolve("scenarios/angry-owner.yaml"));
const day = (d: number) => new Date(`2026-11-${String(d).padStart(2, "0")}T09:00:00Z`);

/** The trainees with fixed ids these tests coach (stored first on PostgreSQL), and the colleague who may not change a comment. */
const PEOPLE = { trainees: ["trainee0201", "trainee0202", "trainee0301", "trainee0302", "trainee0303"], trainers: ["trainer002"] };

describe.each(STORES)("review (%s)", (store) => {
  useAttemptStore(store, PEOPLE);

  describe("a trainee's recent coaching", () => {
    it("gathers comments and score changes from every call, newest first, up to the limit", async () => {
      const older = await finishRudely("trainee0201", script, "practice", day(10));
      const newer = await finishRudely("trainee0201", script, "assessment", day(12));
      await addComment("trainee0201", older, 1, "先道歉，再复述。", trainer, day(11));
      await adjustScore("trainee0201", newer, "empathy", 60, "复核录音", trainer, day(14));
      await addComment("trainee0201", newer, 2, "别让业主自己去找楼上。", trainer, day(13));
      await finishRudely("trainee0202", script, "practice", day(10)); // someone else's call, no coaching

      const notes = await recentCoaching("trainee0201", 5);
      expect(notes.map((n) => [n.kind, n.attemptId, n.at])).toEqual([
        ["adjustment", newer, day(14).toISOString()],
        ["comment", newer, day(13).toISOString()],
        ["comment", older, day(11).toISOString()],
      ]);
      expect(notes[0]).toMatchObject({ scenarioId: "angry-owner", dimension: "empathy", to: 60, reason: "复核录音", byName: "王建国" });
      expect(notes[1]).toMatchObject({ turn: 2, text: "别让业主自己去找楼上。" });
      expect(await recentCoaching("trainee0201", 2)).toHaveLength(2);
      expect(await recentCoaching("trainee0202", 5)).toEqual([]);

      // New until the trainee marks them read; what a trainer says after that is new again.
      expect(notes.every((n) => n.isNew)).toBe(true);
      await markCoachingRead("trainee0201", day(15));
      expect((await recentCoaching("trainee0201", 5)).some((n) => n.isNew)).toBe(false);
      await addComment("trainee0201", older, 2, "语速再慢一点。", trainer, day(16));
      expect((await recentCoaching("trainee0201", 5)).map((n) => n.isNew)).toEqual([true, false, false, false]);
    });
  });

  describe("a trainer's list of calls", () => {
    it("finds the calls not yet reviewed, and those commented on or rescored", async () => {
      const created = await Promise.all(
        ["甲", "乙"].map((name, i) =>
          createUser({ username: `desk0${i}`, displayName: `学员${name}`, password: "password123", role: "trainee", teamId: "team000001" }),
        ),
      );
      const [a, b] = created.map((c) => (c.ok ? c.user.id : ""));
      const untouched = await finishRudely(a, script, "practice", day(10));
      const commented = await finishRudely(a, script, "practice", day(11));
      const rescored = await finishRudely(b, script, "assessment", day(12));
      await addComment(a, commented, 1, "先道歉。", trainer, day(13));
      await adjustScore(b, rescored, "wording", 55, "复核录音", trainer, day(13));

      const ids = async (filter: Parameters<typeof listTeamAttempts>[1]) => (await listTeamAttempts(["team000001"], filter)).map((x) => x.attemptId);
      expect(await ids({})).toEqual([rescored, commented, untouched]);
      expect(await ids({ reviewed: "no" })).toEqual([untouched]);
      expect(await ids({ reviewed: "yes" })).toEqual([rescored, commented]);
      expect(await ids({ reviewed: "yes", userId: b })).toEqual([rescored]);
      expect(await listTeamAttempts(["team000002"], {})).toEqual([]);
      // A deactivated trainee's calls stay listed, but not as anyone's next task.
      await setUserActive(b, false);
      expect(await ids({ reviewed: "yes" })).toEqual([rescored, commented]);
      expect(await ids({ reviewed: "yes", activeTraineesOnly: true })).toEqual([commented]);
    });

    it("lists the assessments a trainee gave up, labelled as such and with no scores, but not practice calls given up", async () => {
      const created = await createUser({ username: "desk09", displayName: "学员丙", password: "password123", role: "trainee", teamId: "team000001" });
      const id = created.ok ? created.user.id : "";
      const given = await startAttempt(id, script, "assessment", day(10));
      await abandonAttempt(id, given.id, day(11));
      await abandonAttempt(id, (await startAttempt(id, script, "practice", day(12))).id, day(12));
      const finished = await finishRudely(id, script, "assessment", day(13));
      const listed = await listTeamAttempts(["team000001"], { userId: id });
      expect(listed.map((a) => [a.attemptId, a.abandoned, a.scores === null, a.finishedAt])).toEqual([
        [finished, false, false, day(13).toISOString()],
        [given.id, true, true, day(11).toISOString()],
      ]);
      expect((await listTeamAttempts(["team000001"], { userId: id, result: "abandoned" })).map((a) => a.attemptId)).toEqual([given.id]);
      expect((await listTeamAttempts(["team000001"], { userId: id, result: "failed" })).map((a) => a.attemptId)).toEqual([finished]);
    });
  });

  describe("a trainer's score change", () => {
    it("recomputes the verdict from the changed scores, records it before and after, and certification follows it", async () => {
      const call = await finishWell("trainee0301", script, "assessment", day(10));
      const counted = async () => (await gatherEvidence("trainee0301")).assessments.find((a) => a.attemptId === call)?.passed;
      expect(await counted()).toBe(true);

      expect(await adjustScore("trainee0301", call, "listening", 31, "复核录音：没有复述", trainer, day(11))).toEqual({
        ok: true,
        passedBefore: true,
        passedAfter: false,
        certificateStands: false,
      });
      expect(await counted()).toBe(false);
      expect(await adjustScore("trainee0301", call, "empathy", 50, "复核录音", trainer, day(12))).toMatchObject({ passedBefore: false, passedAfter: false });
      expect(await adjustScore("trainee0301", call, "listening", 75, "再次复核", trainer, day(13))).toMatchObject({ passedBefore: false, passedAfter: false });
      expect(await adjustScore("trainee0301", call, "empathy", 75, "再次复核", trainer, day(14))).toMatchObject({ passedBefore: false, passedAfter: true });
      expect(await counted()).toBe(true);

      const attempt = await getAttempt("trainee0301", call);
      expect(attempt!.adjustments.map((a) => [a.dimension, a.from, a.to, a.passedBefore, a.passedAfter])).toEqual([
        ["listening", expect.any(Number), 31, true, false],
        ["empathy", expect.any(Number), 50, false, false],
        ["listening", 31, 75, false, false],
        ["empathy", 50, 75, false, true],
      ]);
    });

    it("leaves a certificate issued on the call standing when it is lowered to a fail, and says so", async () => {
      const call = await finishWell("trainee0303", script, "assessment", day(10));
      const certificate = {
        id: "cert0303",
        userId: "trainee0303",
        name: "学员",
        team: "阳光花园",
        issuedAt: day(10).toISOString(),
        expiresAt: new Date("2027-11-10T09:00:00Z").toISOString(),
        evidence: { scenarios: { "angry-owner": { attemptId: call, listening: 80, empathy: 80, wording: 80 } }, quizzes: "final" as const },
      };
      await storeCertificates(certificate);
      expect(await adjustScore("trainee0303", call, "empathy", 40, "复核录音", trainer, day(11))).toMatchObject({
        passedAfter: false,
        certificateStands: true,
      });
      expect((await listCertificates("trainee0303")).map((c) => c.id)).toEqual(["cert0303"]);
      // Raised again, and lowered once more from a fail: nothing new to say about the certificate.
      expect(await adjustScore("trainee0303", call, "wording", 40, "复核录音", trainer, day(12))).toMatchObject({ certificateStands: false });
    });

    it("is refused on a call that did not finish", async () => {
      expect(await adjustScore("trainee0302", "trainee0302.nosuchattempt0", "empathy", 80, "复核", trainer, day(11))).toEqual({
        ok: false,
        error: "not-found",
      });
    });
  });

  describe("the review queue", () => {
    it("walks every waiting call once, oldest first, whichever call it starts from", async () => {
      const created = await createUser({ username: "queue01", displayName: "学员丙", password: "password123", role: "trainee", teamId: "team000003" });
      const id = created.ok ? created.user.id : "";
      const calls = [];
      for (const d of [12, 10, 14, 11]) calls.push({ attemptId: await finishRudely(id, script, "practice", day(d)), finishedAt: day(d).toISOString() });
      const [d12, d10, d14, d11] = calls;
      expect((await reviewQueue(["team000003"])).map((a) => a.attemptId)).toEqual([d10, d11, d12, d14].map((c) => c.attemptId));

      // Following "next" from the oldest reaches all four and ends; it never goes back to one already passed.
      const walked = [d10.attemptId];
      let place = await reviewQueuePlace(["team000003"], d10);
      expect(place).toMatchObject({ position: 1, waiting: 4 });
      while (place.next) {
        walked.push(place.next.attemptId);
        place = await reviewQueuePlace(["team000003"], place.next);
      }
      expect(walked).toEqual([d10, d11, d12, d14].map((c) => c.attemptId));
      // At the end, the call passed over first is offered again, as a new start.
      expect(place).toMatchObject({ position: 4, next: null, restart: { attemptId: d10.attemptId } });

      // Started in the middle, it goes forward.
      expect((await reviewQueuePlace(["team000003"], d12)).next?.attemptId).toBe(d14.attemptId);
    });

    it("lets a trainer mark a call reviewed without a comment, and it leaves the queue", async () => {
      const created = await createUser({ username: "queue02", displayName: "学员丁", password: "password123", role: "trainee", teamId: "team000004" });
      const id = created.ok ? created.user.id : "";
      const first = await finishRudely(id, script, "practice", day(10));
      const second = await finishRudely(id, script, "practice", day(11));
      const third = await finishRudely(id, script, "practice", day(12));
      expect(await markReviewed(id, second, trainer, day(13))).toEqual({ ok: true });
      expect(await markReviewed(id, second, trainer, day(14))).toEqual({ ok: true }); // once is enough; the first mark stays
      closeAllStoreFiles(); // as the log is read again after a restart
      expect((await getAttempt(id, second))?.reviewMark).toEqual({ byId: trainer.id, byName: "王建国", at: day(13).toISOString() });
      expect((await reviewQueue(["team000004"])).map((a) => a.attemptId)).toEqual([first, third]);
      expect(await listTeamAttempts(["team000004"], { reviewed: "yes" })).toMatchObject([{ attemptId: second, reviewed: true, comments: 0 }]);
      // From the call just marked, the next one is the one after it, and this call has no place of its own.
      expect(await reviewQueuePlace(["team000004"], { attemptId: second, finishedAt: day(11).toISOString() })).toMatchObject({
        position: null,
        waiting: 2,
        next: { attemptId: third },
      });
      expect(await markReviewed(id, `${id}.nosuchattempt0000`, trainer, day(13))).toEqual({ ok: false, error: "not-found" });
    });
  });

  describe("a trainer's own comments", () => {
    const colleague: User = { ...trainer, id: "trainer002", displayName: "周培训" };

    it("can be changed by their author only, keeping what they said before", async () => {
      const attemptId = await finishRudely("trainee0301", script, "practice", day(10));
      await addComment("trainee0301", attemptId, 1, "先道歉。", trainer, day(11));
      const [comment] = (await getAttempt("trainee0301", attemptId))!.comments;
      await markCoachingRead("trainee0301", day(12));

      expect(await editComment("trainee0301", attemptId, comment.id, "别人改的", colleague, day(13))).toEqual({ ok: false, error: "not-author" });
      expect(await editComment("trainee0301", attemptId, "no-such-comment", "x", trainer, day(13))).toEqual({ ok: false, error: "not-found" });
      expect(await editComment("trainee0301", attemptId, comment.id, "先道歉，再复述她说的问题。", trainer, day(13))).toEqual({ ok: true });
      expect(await editComment("trainee0301", attemptId, comment.id, "先道歉，再复述她说的问题和楼号。", trainer, day(14))).toEqual({ ok: true });
      const edited = (await getAttempt("trainee0301", attemptId))!.comments[0];
      expect(edited).toMatchObject({ text: "先道歉，再复述她说的问题和楼号。", at: day(11).toISOString(), editedAt: day(14).toISOString() });
      expect(edited.earlierTexts).toEqual([
        { text: "先道歉。", at: day(11).toISOString() },
        { text: "先道歉，再复述她说的问题。", at: day(13).toISOString() },
      ]);
      // As the log is read again after a restart.
      closeAllStoreFiles();
      expect((await getAttempt("trainee0301", attemptId))!.comments).toEqual([edited]);
      // The trainee sees the changed comment as new again.
      expect(await recentCoaching("trainee0301", 5)).toMatchObject([
        { text: "先道歉，再复述她说的问题和楼号。", editedAt: day(14).toISOString(), isNew: true },
      ]);
    });

    it("can be deleted by their author only; the call goes back to the queue if nothing else reviewed it", async () => {
      const created = await createUser({ username: "queue03", displayName: "学员戊", password: "password123", role: "trainee", teamId: "team000005" });
      const id = created.ok ? created.user.id : "";
      const attemptId = await finishRudely(id, script, "practice", day(10));
      await addComment(id, attemptId, 1, "写错了人的点评", trainer, day(11));
      const [comment] = (await getAttempt(id, attemptId))!.comments;
      expect(await reviewQueue(["team000005"])).toEqual([]);

      expect(await deleteComment(id, attemptId, comment.id, colleague, day(12))).toEqual({ ok: false, error: "not-author" });
      expect((await getAttempt(id, attemptId))!.comments).toHaveLength(1);
      expect(await deleteComment(id, attemptId, comment.id, trainer, day(12))).toEqual({ ok: true });
      expect((await getAttempt(id, attemptId))!.comments).toEqual([]);
      expect(await recentCoaching(id, 5)).toEqual([]);
      expect((await reviewQueue(["team000005"])).map((a) => a.attemptId)).toEqual([attemptId]);
      expect(await deleteComment(id, attemptId, comment.id, trainer, day(13))).toEqual({ ok: false, error: "not-found" });
    });
  });
});
