/**
 * The longest stretch a V8 CPU profile spent in one task: consecutive samples under the same entry into JavaScript
 * (the frame just below the profile's root), with no idle, program or collector sample between them. Two tasks with
 * the same stack back to back count as one, so the figure is an upper bound on the longest task.
 *
 * An event-loop delay monitor also counts the time a loop turn spends on many short callbacks one after the other
 * (queueing under load); this is the time the loop was blocked by one of them.
 */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

export interface LongTask {
  ms: number;
  /** The entry frame and the frames most often sampled under it, `function@file:line`, root first. */
  entry: string;
  busiest: string;
}

const NOT_A_TASK = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

export function longestTasks(profile: CpuProfile, count = 3, skip: RegExp | null = null): LongTask[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const rootId = profile.nodes[0]?.id;
  const frame = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || "(anonymous)"}@${f.url.split("/").pop()}:${f.lineNumber}`;
  };
  const stackOf = (id: number) => {
    const frames: number[] = [];
    for (let at: number | undefined = id; at !== undefined && at !== rootId; at = parent.get(at)) frames.unshift(at);
    return frames;
  };
  const runs: Array<{ entry: number; from: number; to: number; samples: number[] }> = [];
  let current: (typeof runs)[number] | null = null;
  let t = 0;
  profile.samples.forEach((sample, i) => {
    t += profile.timeDeltas[i] ?? 0;
    const stack = stackOf(sample);
    const entry = stack[0];
    const skipped = skip && stack.some((id) => skip.test(frame(id)));
    if (entry === undefined || NOT_A_TASK.has(byId.get(entry)!.callFrame.functionName) || skipped) {
      current = null;
      return;
    }
    if (current && current.entry === entry) {
      current.to = t;
      current.samples.push(sample);
    } else {
      current = { entry, from: t - (profile.timeDeltas[i] ?? 0), to: t, samples: [sample] };
      runs.push(current);
    }
  });
  return runs
    .sort((a, b) => b.to - b.from - (a.to - a.from))
    .slice(0, count)
    .map((run) => {
      const seen = new Map<string, number>();
      for (const s of run.samples) {
        const key = stackOf(s).slice(0, 6).map(frame).join(" > ");
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      const busiest = [...seen.entries()].sort((a, b) => b[1] - a[1])[0][0];
      return { ms: (run.to - run.from) / 1000, entry: frame(run.entry), busiest };
    });
}
