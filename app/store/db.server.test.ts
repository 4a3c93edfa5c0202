import { readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeAllStoreFiles, openAllStoreFiles, userRecordsFile, usersFile } from "./db.server";
import { StoreFileCorruptError } from "./durable-file.server";
import { openStoreFile, StoreFileVersionError, type FileKind } from "./store-file.server";
import { useTempDataDir } from "./test-data-dir";
import { markSectionRead, getProgress } from "~/models/progress.server";

const temp = useTempDataDir();

describe("the store", () => {
  it("keeps each user's records in a file of their own", async () => {
    await markSectionRead("aaaaaaaaaa", "core-process", "reception-registration");
    await markSectionRead("bbbbbbbbbb", "service-overview", "training-goals");
    const files = (await readdir(path.join(temp.dir(), "users"))).sort();
    expect(files).toEqual(["aaaaaaaaaa.json", "bbbbbbbbbb.json"]);
    const a = JSON.parse(await readFile(path.join(temp.dir(), "users", "aaaaaaaaaa.json"), "utf8"));
    expect(Object.keys(a.progress)).toEqual(["core-process"]);
    expect(a.schemaVersion).toBe(6);
    expect(a.attempts).toEqual([]);
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

  it("never turns a user id into a path outside the store", () => {
    expect(() => userRecordsFile("../users")).toThrow();
    expect(() => userRecordsFile("a/b")).toThrow();
  });

  it("migrates an older file on open and writes the new version", async () => {
    const kind: FileKind<{ schemaVersion: number; names: string[] }> = {
      name: "example",
      empty: () => ({ schemaVersion: 3, names: [] }),
      migrations: [(v1) => ({ ...v1, names: v1.list }), (v2) => ({ schemaVersion: v2.schemaVersion, names: v2.names.map((n: string) => n.toUpperCase()) })],
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
});
