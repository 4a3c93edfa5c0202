import { describe, expect, it } from "vitest";
import { longestTasks, type CpuProfile } from "../perf/longest-task";

const frame = (functionName: string) => ({ functionName, url: "file:///x.js", lineNumber: 1 });
// root(1) > (idle)(2); root > onRequest(3) > render(4); root > onTimer(5); root > (program)(6)
const profile = (samples: number[], deltaUs = 1000): CpuProfile => ({
  nodes: [
    { id: 1, callFrame: frame("(root)"), children: [2, 3, 5, 6] },
    { id: 2, callFrame: frame("(idle)") },
    { id: 3, callFrame: frame("onRequest"), children: [4] },
    { id: 4, callFrame: frame("render") },
    { id: 5, callFrame: frame("onTimer") },
    { id: 6, callFrame: frame("(program)") },
  ],
  samples,
  timeDeltas: samples.map(() => deltaUs),
});

describe("longestTasks", () => {
  it("measures the longest run of samples under one entry, broken by idle, program or another entry", () => {
    const [first, second] = longestTasks(profile([2, 3, 4, 4, 4, 2, 5, 5, 6, 3, 4]));
    expect(first).toMatchObject({ ms: 4, entry: "onRequest@x.js:1" });
    expect(first.busiest).toBe("onRequest@x.js:1 > render@x.js:1");
    expect(second.ms).toBe(2);
  });

  it("leaves out samples whose stack matches `skip`, and finds nothing in an idle profile", () => {
    expect(longestTasks(profile([3, 4, 4, 5]), 3, /render/)[0]).toMatchObject({ ms: 1, entry: "onRequest@x.js:1" });
    expect(longestTasks(profile([2, 2, 6]))).toEqual([]);
  });
});
