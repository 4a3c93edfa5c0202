import { readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeAllStoreFiles, openAllStoreFiles, quizAttemptsFile, userRecordsFile, usersFile } from "./db.server";
import { StoreFileCorruptError } from "./durable-file.server";
import { openStoreFile, StoreFileShapeError, StoreFileVersionError, type FileKind } from "./store-file.server";
import { z } from "zod";
import { teamsFile } from "./db.server";
import { storeIsNew } from "./db.server";
import { withTempDataDir } from "../../tests/support/data-dir";
import { markSectionRead, getProgress } from "~/models/progress.server";

const temp = withTempDataDir();

/** A final exam started and never submitted: what the migrations carry from file to file. */
const unsubmittedFinal = (id: string) => ({
  id,
  quiz: "final",
  startedAt: "2026-10-01T02:00:00.000Z",
  submittedAt: null,
  questions: [],
  answers: null,
  result: null,
});

describe("the store", () => {
  it("keeps each user's records in a file of their own", async () => {
    await markSectionRead("aaaaaaaaaa", "core-process", "reception-registration");
    await markSectionRead("bbbbbbbbbb", "service-overview", "training-goals");
    const files = (await readdir(path.join(temp.dir(), "users"))).sort();
    expect(files).toEqual(["aaaaaaaaaa.json", "bbbbbbbbbb.json"]);
    const a = JSON.parse(await readFile(path.join(temp.dir(), "users", "aaaaaaaaaa.json"), "utf8"));
    expect(Object.keys(a.progress)).toEqual(["core-process"]);
    expect(a.schemaVersion).toBe(8);
    expect(a).not.toHaveProperty("attempts");
    expect(a).not.toHaveProperty("quizAttempts");
  });

  it("keeps both of two concurrent updates to one file", async () => {
    await Promise.all([
      markSectionRead("cccccccccc", "core-process", "reception-registration"),
      markSectionRead("cccccccccc", "core-process", "follow-up-loop"),
    ]);
    closeAllStoreFiles(); // read back from disk, not memory
    const progress = await getProgress("cccccccccc");
    expect(progress["core-process"].sectionsRead.sort()).toEqual(["follow-up-loop", "reception-registration"]);
  });

  it("refuses to start on a store file that does not parse, naming it and leaving it as it was", async () => {
    await mkdir(path.join(temp.dir(), "users"), { recursive: true });
    const broken = path.join(temp.dir(), "users", "dddddddddd.json");
    await writeFile(broken, "{ not json");
    await expect(openAllStoreFiles()).rejects.toThrow(StoreFileCorruptError);
    await expect(openAllStoreFiles()).rejects.toThrow("dddddddddd.json");
    expect(await readFile(broken, "utf8")).toBe("{ not json");
  });

  it("moves a version-6 records file's quiz attempts to the trainee's quiz file when it is opened", async () => {
    const quizAttempt = unsubmittedFinal("eeeeeeeeee.AAAAAAAAAAAAAAAA");
    await mkdir(path.join(temp.dir(), "users"), { recursive: true });
    const v6 = { schemaVersion: 6, userId: "eeeeeeeeee", progress: {}, attempts: [], quizAttempts: [quizAttempt] };
    await writeFile(path.join(temp.dir(), "users", "eeeeeeeeee.json"), JSON.stringify(v6));
    // A trainee who never took a quiz gets no quiz file.
    await writeFile(path.join(temp.dir(), "users", "gggggggggg.json"), JSON.stringify({ ...v6, userId: "gggggggggg", quizAttempts: [] }));
    await openAllStoreFiles();
    const records = JSON.parse(await readFile(path.join(temp.dir(), "users", "eeeeeeeeee.json"), "utf8"));
    expect(records).toEqual({ schemaVersion: 8, userId: "eeeeeeeeee", progress: {} });
    const quizzes = JSON.parse(await readFile(path.join(temp.dir(), "quizzes", "eeeeeeeeee.json"), "utf8"));
    expect(quizzes.quizAttempts).toEqual([quizAttempt]);
    expect(await readdir(path.join(temp.dir(), "quizzes"))).toEqual(["eeeeeeeeee.json"]);
    closeAllStoreFiles();
    expect((await quizAttemptsFile("eeeeeeeeee")).data.quizAttempts).toEqual([quizAttempt]);
  });

  it("keeps the quiz file already written when a move was cut short, with nothing twice", async () => {
    const moved = unsubmittedFinal("ffffffffff.AAAAAAAAAAAAAAAA");
    await mkdir(path.join(temp.dir(), "users"), { recursive: true });
    await mkdir(path.join(temp.dir(), "quizzes"), { recursive: true });
    // The quiz file was written, then the process stopped before the records lost their copy.
    await writeFile(path.join(temp.dir(), "quizzes", "ffffffffff.json"), JSON.stringify({ schemaVersion: 1, userId: "ffffffffff", quizAttempts: [moved] }));
    await writeFile(
      path.join(temp.dir(), "users", "ffffffffff.json"),
      JSON.stringify({ schemaVersion: 7, userId: "ffffffffff", progress: {}, attempts: [], movingQuizAttempts: [moved] }),
    );
    await openAllStoreFiles();
    expect((await quizAttemptsFile("ffffffffff")).data.quizAttempts).toEqual([moved]);
    expect((await userRecordsFile("ffffffffff")).data).not.toHaveProperty("movingQuizAttempts");
  });

  it("never turns a user id into a path outside the store", () => {
    expect(() => userRecordsFile("../users")).toThrow();
    expect(() => userRecordsFile("a/b")).toThrow();
  });

  it("migrates an older file on open and writes the new version", async () => {
    const kind: FileKind<{ schemaVersion: number; names: string[] }> = {
      name: "example",
      empty: () => ({ schemaVersion: 3, names: [] }),
      migrations: [(v1) => ({ ...v1, names: v1.list }), (v2) => ({ schemaVersion: v2.schemaVersion, names: v2.names.map((n: string) => n.toUpperCase()) })],
      schema: z.object({ schemaVersion: z.number(), names: z.array(z.string()) }),
    };
    const file = path.join(temp.dir(), "example.json");
    await writeFile(file, JSON.stringify({ schemaVersion: 1, list: ["a", "b"] }));
    const opened = await openStoreFile(file, kind);
    expect(opened.data).toEqual({ schemaVersion: 3, names: ["A", "B"] });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ schemaVersion: 3, names: ["A", "B"] });
  });

  it("refuses a file written by a newer version of the app", async () => {
    await writeFile(path.join(temp.dir(), "users.json"), JSON.stringify({ schemaVersion: 99, users: [] }));
    await expect(usersFile()).rejects.toThrow(StoreFileVersionError);
  });

  it.each([
    ["users.json", "null", "expected an object, found null"],
    ["teams.json", '{"schemaVersion":1}', "teams"],
    ["users.json", '{"schemaVersion":2,"users":[{"id":"aaaaaaaaaa"}]}', "users.0.username"],
    ["login-attempts.json", "[]", "expected an object, found a list"],
  ])("refuses %s holding %s, naming the file and what is wrong, and leaves it as it was", async (name, text, problem) => {
    await writeFile(path.join(temp.dir(), name), text);
    const error = await openAllStoreFiles().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreFileShapeError);
    expect(String(error)).toContain(name);
    expect(String(error)).toContain(problem);
    expect(await readFile(path.join(temp.dir(), name), "utf8")).toBe(text);
  });

  it("is new only while neither the accounts nor the teams file exists, whatever they hold", async () => {
    expect(storeIsNew()).toBe(true);
    await writeFile(path.join(temp.dir(), "users.json"), JSON.stringify({ schemaVersion: 2, users: [] }));
    expect(storeIsNew()).toBe(false);
    await (await teamsFile()).update(() => {});
    expect(storeIsNew()).toBe(false);
  });

  it("carries attempts of a version-7 records file over to logs of their own, once", async () => {
    await mkdir(path.join(temp.dir(), "users"), { recursive: true });
    const attempt = {
      id: "hhhhhhhhhh.BBBBBBBBBBBBBBBB",
      scenarioId: "angry-owner",
      scenarioVersion: 1,
      scenarioTitle: { zh: "t", en: "t" },
      mode: "practice",
      status: "active",
      startedAt: "2026-10-01T02:00:00.000Z",
      updatedAt: "2026-10-01T02:00:00.000Z",
      finishedAt: null,
      snapshot: {},
      state: "opening",
      emotion: 70,
      minute: 0,
      turns: [],
      result: null,
      comments: [],
      adjustments: [],
    };
    await writeFile(
      path.join(temp.dir(), "users", "hhhhhhhhhh.json"),
      JSON.stringify({ schemaVersion: 7, userId: "hhhhhhhhhh", progress: {}, attempts: [attempt] }),
    );
    await openAllStoreFiles();
    expect(await readdir(path.join(temp.dir(), "attempts", "hhhhhhhhhh"))).toEqual(["BBBBBBBBBBBBBBBB.jsonl"]);
    expect(JSON.parse(await readFile(path.join(temp.dir(), "users", "hhhhhhhhhh.json"), "utf8"))).toEqual({
      schemaVersion: 8,
      userId: "hhhhhhhhhh",
      progress: {},
    });
    const { readAttempt } = await import("./attempt-logs.server");
    expect((await readAttempt(attempt.id))?.state).toBe("opening");
  });

  it("removes the temporary files a killed process left behind when it starts", async () => {
    await mkdir(path.join(temp.dir(), "users"), { recursive: true });
    await writeFile(path.join(temp.dir(), ".users.json.123.4.tmp"), "{");
    await writeFile(path.join(temp.dir(), "users", ".aaaaaaaaaa.json.123.5.tmp"), "{");
    await openAllStoreFiles();
    expect((await readdir(temp.dir())).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(await readdir(path.join(temp.dir(), "users"))).toEqual([]);
  });
});
