import { orgQuestionsFile } from "~/store/db.server";
import type { OrgQuestionsBackend } from "../store-backends";

/** The organisation's questions in lowdb: quiz-questions.json, changed in synchronous updates (one at a time in this process). */
export const lowdbOrgQuestions: OrgQuestionsBackend = {
  async list(module) {
    const { questions } = (await orgQuestionsFile()).data;
    return structuredClone(module === undefined ? questions : questions.filter((q) => q.module === module));
  },
  async byIds(ids) {
    return structuredClone((await orgQuestionsFile()).data.questions.filter((q) => ids.includes(q.id)));
  },
  async get(id) {
    const q = (await orgQuestionsFile()).data.questions.find((x) => x.id === id);
    return q ? structuredClone(q) : null;
  },
  async change(_scope, change, unchanged) {
    // Every question is in the one file: the change sees them all, which holds the module's.
    const file = await orgQuestionsFile();
    return file.update((data) => change(data.questions), unchanged);
  },
};
