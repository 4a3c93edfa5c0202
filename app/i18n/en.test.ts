import { describe, expect, it } from "vitest";
import { en } from "./en";

describe("English counts", () => {
  it("agree with their noun", () => {
    expect(en["trainer.comments"](1)).toBe("1 comment");
    expect(en["trainer.comments"](3)).toBe("3 comments");
    expect(en["users.teamMembers"](1)).toBe("1 person");
    expect(en["users.teamMembers"](0)).toBe("0 people");
    expect(en["home.counts"](1, 2, 1)).toBe("1 trainee, 2 trainers, 1 team");
    expect(en["quiz.error.missing"](1)).toBe("1 question is not answered yet. Answer them all, then submit.");
    expect(en["quiz.error.missing"](4)).toMatch(/^4 questions are not answered/);
  });
});
