import { describe, expect, it } from "vitest";
import { gradeQuiz, isCorrect, minimumCorrect } from "./grade";

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

  it("states the fewest right answers that pass, the same rule the grading applies", () => {
    expect(minimumCorrect(8, 0.8)).toBe(7);
    expect(minimumCorrect(20, 0.8)).toBe(16);
    expect(minimumCorrect(10, 0.8)).toBe(8);
    expect(minimumCorrect(8, 1)).toBe(8);
    for (const total of [5, 8, 20]) {
      for (const mark of [0.5, 0.6, 0.75, 0.8, 0.9]) {
        const questions = Array.from({ length: total }, (_, i) => ({ id: `q${i}`, type: "single" as const, correct: ["a"] }));
        const answers = (right: number) => Object.fromEntries(questions.map((q, i) => [q.id, i < right ? "a" : "b"]));
        const least = minimumCorrect(total, mark);
        expect(gradeQuiz(questions, answers(least), mark).passed).toBe(true);
        if (least > 0) expect(gradeQuiz(questions, answers(least - 1), mark).passed).toBe(false);
      }
    }
  });
});
