import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function runCli(input: string) {
  return spawnSync("npx", ["tsx", "--tsconfig", "tsconfig.json", "app/scoring/cli.ts"], { input, encoding: "utf8" });
}

describe("npm run score", () => {
  it("writes exactly one JSON line per input line, in order, errors included", () => {
    const input = [
      JSON.stringify({ text: "您好，我跟您确认一下，是3栋1202漏水，对吗？", facts: [["3栋1202", "3号楼1202"], ["漏水"]], ask: ["联系电话"] }),
      "not json",
      JSON.stringify({ text: 42 }),
      "",
      JSON.stringify({ text: "这不是我们的责任" }),
    ].join("\n");
    const run = runCli(input + "\n");
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    const [first, second, third, fourth, fifth] = lines.map((l) => JSON.parse(l));
    expect(Object.keys(first).sort()).toEqual(["empathy", "findings", "listening", "wording"]);
    expect(first.findings[0]).toMatchObject({
      dimension: expect.any(String),
      rule: expect.any(String),
      kind: expect.any(String),
      delta: expect.any(Number),
      start: expect.any(Number),
      end: expect.any(Number),
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    expect(second.error).toMatch(/not valid JSON/);
    expect(third.error).toMatch(/text/);
    expect(fourth.error).toBeTruthy();
    expect(fifth.findings.map((f: { rule: string }) => f.rule)).toContain("brush-off");
    expect(fifth.findings.find((f: { rule: string }) => f.rule === "brush-off").suggestion).toBe("这件事我来帮您联系相关部门处理，有结果我第一时间告诉您。");
    // It starts a process (npx, tsx, the lexicon): on a busy machine that alone can take tens of seconds.
  }, 120_000);
});
