import { describe, expect, it } from "vitest";
import { gradeQuiz, isCorrect } from "./grade";

describe("grading", () => {
  it("single, truefalse and best-reply: exactly the right option", () => {
    for (const type of ["single", "truefalse", "best-reply"] as const) {
      expect(isCorrect({ type, correct: ["b"] }, "b")).toBe(true);
      expect(isCorrect({ type, correct: ["b"] }, "a")).toBe(false);
      expect(isCorrect({ type, correct: ["b"] }, ["b"])).toBe(false);
      expect(isCorrect({ type, correct: ["b"] }, undefined)).toBe(false);
    }
  });

  it("multiple: exactly the right set, in any order", () => {
    const q = { type: "multiple" as const, correct: ["a", "c"] };
    expect(isCorrect(q, ["c", "a"])).toBe(true);
    expect(isCorrect(q, ["a"])).toBe(false);
    expect(isCorrect(q, ["a", "b", "c"])).toBe(false);
    expect(isCorrect(q, "a")).toBe(false);
  });

  it("order: every step in its place", () => {
    const q = { type: "order" as const, correct: ["a", "b", "c"] };
    expect(isCorrect(q, ["a", "b", "c"])).toBe(true);
    expect(isCorrect(q, ["b", "a", "c"])).toBe(false);
    expect(isCorrect(q, ["a", "b"])).toBe(false);
  });

  it("passes at the pass mark and not below", () => {
    const questions = Array.from({ length: 10 }, (_, i) => ({ id: `q${i}`, type: "single" as const, correct: ["a"] }));
    const answers = (right: number) => Object.fromEntries(questions.map((q, i) => [q.id, i < right ? "a" : "b"]));
    expect(gradeQuiz(questions, answers(8), 0.8)).toMatchObject({ correct: 8, percent: 80, passed: true });
    expect(gradeQuiz(questions, answers(7), 0.8)).toMatchObject({ correct: 7, percent: 70, passed: false });
  });
});
