import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import { closeAllStoreFiles, openAllStoreFiles } from "~/store/db.server";
import { dataDir } from "~/store/config.server";
import { STORES } from "../../tests/support/stores";
import {
  abandonAttempt,
  addToEndedAttempt,
  allAttempts,
  AssessmentLimitReached,
  assessmentAllowanceFor,
  assessmentGrantsFor,
  findAttemptOwner,
  getAttempt,
  grantAssessmentAttempt,
  isOnRecord,
  playTurn,
  startAttempt,
} from "./roleplay.server";
import { testTrainer, useAttemptStore } from "../../tests/support/roleplay-attempts";
import { createUser } from "./users.server";

const script = readScenarioFile(path.resolve("scenarios/angry-owner.yaml"));
const GOOD = "刘女士您好，真是抱歉，同一个问题让您报了三次，换谁都会生气。我跟您确认一下：是3栋1202卫生间天花板又漏水了，对吗？";

const RUDE = "喂，急什么，这不是我们的责任。";

/** Answers rudely until the call ends; returns how many turns that took. */
async function playRudelyToTheEnd(userId: string, attemptId: string): Promise<number> {
  let n = 0;
  for (let status = "active"; status === "active" && n < 20;) {
    const outcome = await playTurn(userId, attemptId, ++n, { kind: "reply", text: RUDE }, script);
    if (!outcome.ok) throw new Error(outcome.error);
    status = outcome.attempt.status;
  }
  return n;
}

/** The trainees with fixed ids these tests play as (stored first on PostgreSQL), and the trainer of the ten comments. */
const PEOPLE = {
  trainees: [
    "trainee0002",
    "trainee0003",
    "trainee0004",
    "trainee0005",
    "trainee0006",
    "trainee0007",
    "trainee0008",
    "trainee0401",
    "trainee0402",
    "trainee0403",
  ],
  trainers: ["trainer01"],
};

describe.each(STORES)("attempts (%s)", (store) => {
  useAttemptStore(store, PEOPLE);

  it("start twice gives one attempt, whose id names its trainee", async () => {
    const created = await createUser({ username: "desk01", displayName: "前台", password: "password123", role: "trainee", teamId: "team000001" });
    if (!created.ok) throw new Error("setup");
    const userId = created.user.id;
    const a = await startAttempt(userId, script, "assessment");
    const b = await startAttempt(userId, script, "assessment");
    expect(b.id).toBe(a.id);
    expect(a.id.startsWith(`${userId}.`)).toBe(true);
    expect(await findAttemptOwner(a.id)).toEqual({ userId, scenarioId: "angry-owner", mode: "assessment" });
    expect(await findAttemptOwner(`${userId}.AAAAAAAAAAAAAAAA`)).toBeNull();
    expect(await findAttemptOwner("nobody0000.AAAAAAAAAAAAAAAA")).toBeNull();
    expect(a.state).toBe("opening");
  });

  it("records a turn once, however often it is posted, and keeps it on disk", async () => {
    const a = await startAttempt("trainee0002", script, "practice");
    const replies = [GOOD, GOOD, "喂，找谁？"];
    const outcomes = await Promise.all(replies.map((text) => playTurn("trainee0002", a.id, 1, { kind: "reply", text }, script)));
    // lowdb plays them in the order posted; on PostgreSQL whichever reached the database first is the turn.
    const winner = outcomes.findIndex((o) => o.ok && !o.duplicate);
    if (store === "lowdb") expect(winner).toBe(0);
    // The same reply again (a double click, a retry) is answered as before; a different one for the same turn was
    // typed in another window, and is refused rather than dropped without a word.
    expect(outcomes).toEqual(
      replies.map((text, i) =>
        i === winner
          ? expect.objectContaining({ ok: true, duplicate: false })
          : text === replies[winner]
            ? expect.objectContaining({ ok: true, duplicate: true })
            : { ok: false, error: "answered-elsewhere" },
      ),
    );
    closeAllStoreFiles();
    const stored = await getAttempt("trainee0002", a.id);
    expect(stored?.turns.map((t) => t.text)).toEqual([replies[winner]]);
    if (replies[winner] === GOOD) expect(stored?.turns[0].scores.empathy).toBeGreaterThan(60);
  });

  it("tells a chosen suggestion posted again from a different one", async () => {
    const a = await startAttempt("trainee0007", script, "practice");
    expect(await playTurn("trainee0007", a.id, 1, { kind: "choose", index: 0 }, script)).toMatchObject({ ok: true, duplicate: false });
    expect(await playTurn("trainee0007", a.id, 1, { kind: "choose", index: 0 }, script)).toMatchObject({ ok: true, duplicate: true });
    expect(await playTurn("trainee0007", a.id, 1, { kind: "choose", index: 1 }, script)).toEqual({ ok: false, error: "answered-elsewhere" });
  });

  it("refuses turns out of order, assessment suggestions, and any turn after the end", async () => {
    const a = await startAttempt("trainee0003", script, "assessment");
    expect(await playTurn("trainee0003", a.id, 3, { kind: "reply", text: GOOD }, script)).toEqual({ ok: false, error: "out-of-order" });
    expect(await playTurn("trainee0003", a.id, 1, { kind: "choose", index: 0 }, script)).toEqual({ ok: false, error: "refused" });
    const n = (await playRudelyToTheEnd("trainee0003", a.id)) + 1;
    const finished = await getAttempt("trainee0003", a.id);
    expect(finished?.status).toBe("finished");
    expect(finished?.result?.passed).toBe(false);
    expect(await playTurn("trainee0003", a.id, n, { kind: "reply", text: GOOD }, script)).toEqual({ ok: false, error: "finished" });
  });

  it("keeps finished attempts as overviews, reads a transcript from its file, and serialises changes to it", async () => {
    const a = await startAttempt("trainee0006", script, "practice");
    await playRudelyToTheEnd("trainee0006", a.id);
    const [overview] = await allAttempts("trainee0006");
    const full = await getAttempt("trainee0006", a.id);
    if (!full) throw new Error("setup");
    // The overview has no snapshot or transcript, but counts the turns and keeps every issue found in them.
    expect(overview).not.toHaveProperty("turns");
    expect(overview).not.toHaveProperty("snapshot");
    expect(overview.turnCount).toBe(full.turns.length);
    const issues = full.turns.flatMap((t) => t.findings.filter((f) => f.kind === "issue" && f.delta !== 0).map((f) => f.rule));
    expect(issues.length).toBeGreaterThan(0);
    expect(overview.issues.map((f) => f.rule)).toEqual(issues);
    expect(overview).toMatchObject({ id: a.id, status: "finished", result: full.result });

    // Ten changes at once to the same attempt: each is decided on the attempt as the one before left it.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        addToEndedAttempt("trainee0006", a.id, (attempt) => ({
          result: attempt.comments.length + 1,
          event: { t: "comment", comment: { id: `c${i}`, turn: 1, text: `第${i}条`, byId: "trainer01", byName: "培训师", at: new Date().toISOString() } },
        })),
      ),
    );
    // In the order they were asked for on lowdb (one queue in this process); on PostgreSQL one after the other in
    // the order they took the attempt's row, which the pool's connections may reach in any order.
    const inOrder = <T>(values: T[]) => (store === "lowdb" ? values : [...values].sort());
    expect(inOrder(results.map((r) => (r.found ? String(r.result).padStart(2, "0") : "")))).toEqual([
      "01",
      "02",
      "03",
      "04",
      "05",
      "06",
      "07",
      "08",
      "09",
      "10",
    ]);
    expect((await allAttempts("trainee0006"))[0].comments).toHaveLength(10);
    closeAllStoreFiles();
    expect(inOrder((await getAttempt("trainee0006", a.id))!.comments.map((c) => c.id))).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"]);
    expect((await allAttempts("trainee0006"))[0].comments).toHaveLength(10);
    // Someone else's id, or one that was never finished, is not found.
    expect(await addToEndedAttempt("trainee0005", a.id, () => ({ result: 0, event: null }))).toEqual({ found: false });
    expect(await getAttempt("trainee0005", a.id)).toBeNull();
  });

  it("keeps an attempt on an older script version readable, and starts afresh on the new one", async () => {
    const a = await startAttempt("trainee0004", script, "practice");
    await playTurn("trainee0004", a.id, 1, { kind: "reply", text: GOOD }, script);
    const v2 = { ...script, version: script.version + 1 };
    expect(await playTurn("trainee0004", a.id, 2, { kind: "reply", text: GOOD }, v2)).toEqual({ ok: false, error: "outdated" });
    const b = await startAttempt("trainee0004", v2, "practice");
    expect(b.id).not.toBe(a.id);
    const old = await getAttempt("trainee0004", a.id);
    expect(old).toMatchObject({ status: "abandoned", scenarioVersion: script.version });
    expect(old?.turns[0].line.zh).toContain("第三次");
  });

  // lowdb's own files: the logs, and the whole-attempt files of older versions.
  it.runIf(store === "lowdb")("finds attempts by their logs after a restart, and carries over attempts written whole by older versions", async () => {
    const a = await startAttempt("trainee0005", script, "practice");
    const n = (await playRudelyToTheEnd("trainee0005", a.id)) + 1;
    const b = await startAttempt("trainee0005", script, "practice");
    // A finished attempt as the store kept it before logs: one whole JSON file.
    const legacy = { ...(await getAttempt("trainee0005", a.id))!, id: "trainee0005.LegacyLegacyLega", updatedAt: "2026-01-01T00:00:00.000Z" };
    writeFileSync(path.join(dataDir(), "attempts", "trainee0005", "LegacyLegacyLega.json"), JSON.stringify({ schemaVersion: 1, attempt: legacy }));
    closeAllStoreFiles();
    await openAllStoreFiles();
    expect(readdirSync(path.join(dataDir(), "attempts", "trainee0005")).sort()).toEqual(
      [`${a.id.split(".")[1]}.jsonl`, `${b.id.split(".")[1]}.jsonl`, "LegacyLegacyLega.jsonl"].sort(),
    );
    expect((await allAttempts("trainee0005")).map((x) => [x.id, x.status])).toEqual([
      [b.id, "active"],
      [legacy.id, "finished"],
      [a.id, "finished"],
    ]);
    expect((await getAttempt("trainee0005", legacy.id))?.turns).toEqual(legacy.turns);
    expect(await playTurn("trainee0005", a.id, n - 1, { kind: "reply", text: RUDE }, script)).toMatchObject({ ok: true, duplicate: true });
    expect(await playTurn("trainee0005", a.id, n - 1, { kind: "reply", text: "again" }, script)).toEqual({ ok: false, error: "answered-elsewhere" });
    expect(await playTurn("trainee0005", a.id, n, { kind: "reply", text: "again" }, script)).toEqual({ ok: false, error: "finished" });
  });

  it.runIf(store === "lowdb")("writes one line per turn to the attempt's log, not the attempt again", async () => {
    const a = await startAttempt("trainee0008", script, "practice");
    const log = path.join(dataDir(), "attempts", "trainee0008", `${a.id.split(".")[1]}.jsonl`);
    const sizes = [statSync(log).size];
    for (let n = 1; n <= 3; n++) {
      await playTurn("trainee0008", a.id, n, { kind: "reply", text: GOOD }, script);
      sizes.push(statSync(log).size);
    }
    const lines = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.t)).toEqual(["start", "turn", "turn", "turn"]);
    // Each turn adds its own line, of about the same size, whatever came before: nothing is written twice.
    const added = sizes.slice(1).map((s, i) => s - sizes[i]);
    for (const bytes of added) expect(bytes).toBeLessThan(12_000);
    expect(Math.max(...added) / Math.min(...added)).toBeLessThan(3);
  });
});

describe.each(STORES)("the assessment attempt limit (%s)", (store) => {
  useAttemptStore(store, PEOPLE);
  const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 10, day, hour));

  it("counts every assessment started, abandoned ones kept with their turns, and refuses one over the limit until a trainer grants it", async () => {
    const user = "trainee0401";
    const first = await startAttempt(user, script, "assessment", at(1));
    await playTurn(user, first.id, 1, { kind: "reply", text: GOOD }, script, at(1));
    expect(await abandonAttempt(user, first.id, at(1, 10))).toBe(true);
    const abandoned = await getAttempt(user, first.id);
    expect(abandoned).toMatchObject({ status: "abandoned", mode: "assessment" });
    expect(abandoned!.turns).toHaveLength(1);
    expect(isOnRecord(abandoned!)).toBe(true);

    await abandonAttempt(user, (await startAttempt(user, script, "assessment", at(2))).id, at(2));
    const third = await startAttempt(user, script, "assessment", at(3));
    // Coming back to the attempt in progress is not a new start.
    expect((await startAttempt(user, script, "assessment", at(3, 10))).id).toBe(third.id);
    await abandonAttempt(user, third.id, at(3, 11));

    expect(await assessmentAllowanceFor(user, "angry-owner", at(4))).toMatchObject({ allowed: false, used: 3, limit: 3, nextAt: at(8).toISOString() });
    await expect(startAttempt(user, script, "assessment", at(4))).rejects.toBeInstanceOf(AssessmentLimitReached);
    // Practice is not limited, nor is another scenario.
    await startAttempt(user, script, "practice", at(4));
    expect((await allAttempts(user)).filter((a) => a.mode === "assessment")).toHaveLength(3);

    expect(await grantAssessmentAttempt(user, "angry-owner", testTrainer, at(4, 10))).toEqual({ ok: true });
    // One grant at a time: it is not needed again until it is used.
    expect(await grantAssessmentAttempt(user, "angry-owner", testTrainer, at(4, 11))).toEqual({ ok: false, error: "not-needed" });
    expect(await assessmentGrantsFor(user, "angry-owner")).toEqual([
      { scenarioId: "angry-owner", byId: "trainer001", byName: "王建国", at: at(4, 10).toISOString() },
    ]);
    const granted = await startAttempt(user, script, "assessment", at(4, 12));
    expect(granted.status).toBe("active");
    await abandonAttempt(user, granted.id, at(4, 13));
    await expect(startAttempt(user, script, "assessment", at(5))).rejects.toBeInstanceOf(AssessmentLimitReached);
    // A period after the first start, it no longer counts.
    expect((await startAttempt(user, script, "assessment", at(8))).status).toBe("active");
  });

  it("refuses a grant while the trainee still has attempts left", async () => {
    expect(await grantAssessmentAttempt("trainee0402", "angry-owner", testTrainer, at(1))).toEqual({ ok: false, error: "not-needed" });
  });

  it("does not hold up the replacement of an assessment left on an older script version", async () => {
    const user = "trainee0403";
    for (const day of [1, 2]) await abandonAttempt(user, (await startAttempt(user, script, "assessment", at(day))).id, at(day));
    const third = await startAttempt(user, script, "assessment", at(3));
    const v2 = { ...script, version: script.version + 1 };
    const replacement = await startAttempt(user, v2, "assessment", at(3, 10));
    expect(replacement.id).not.toBe(third.id);
    expect(await getAttempt(user, third.id)).toMatchObject({ status: "abandoned" });
  });
});
