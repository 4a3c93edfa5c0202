import { getCourseware } from "~/courseware/courseware.server";
import { createTeam, listTeams, setTeamTrainers } from "./teams.server";
import { createUser, listUsers, type NewUser } from "./users.server";
import { markSectionRead, completeModule } from "./progress.server";
import { getScenario } from "~/roleplay/scenario-files.server";
import { getBanks } from "~/quiz/banks.server";
import { seededRandom } from "~/quiz/draw";
import { playTurn, startAttempt, type Mode, type PlayedAttempt } from "./roleplay.server";
import { startQuiz, submitQuiz } from "./quizzes.server";
import { createAssignment } from "./assignments.server";
import { addComment } from "./review.server";
import { endOfDueDate } from "~/assignments/status";
import { chinaDate } from "~/utils/dates";
import type { User } from "./users.server";

export const DEMO_PASSWORD = "demo1234";

/**
 * Demo data for a first start with an empty store (turned off by SEED_DEMO=0): two estates, one trainer who
 * trains both, a supervisor, and seven trainees at different points, so every page has something to show.
 */
export async function seedDemoData(): Promise<boolean> {
  if ((await listUsers()).length > 0 || (await listTeams()).length > 0) return false;

  const sunshine = await createTeam("阳光花园");
  const lakeside = await createTeam("翠湖苑");
  if (!sunshine.ok || !lakeside.ok) throw new Error("seeding teams failed");
  const a = sunshine.team.id;
  const b = lakeside.team.id;

  // Role-plays each trainee has already played: [scenario, mode, how well, days ago].
  type Played = [string, Mode, "best" | "weak", number];
  const people: Array<Omit<NewUser, "password"> & { readSections?: number; finalExam?: boolean; played?: Played[] }> = [
    { username: "trainee", displayName: "李晓雨", role: "trainee", teamId: a, readSections: 3 },
    { username: "trainer", displayName: "王建国", role: "trainer", teamId: a },
    { username: "supervisor", displayName: "陈静", role: "supervisor", teamId: a },
    {
      username: "zhangming",
      displayName: "张明",
      role: "trainee",
      teamId: a,
      readSections: 14,
      played: [
        ["angry-owner", "practice", "weak", 40],
        ["angry-owner", "practice", "best", 12],
      ],
    },
    {
      username: "liufang",
      displayName: "刘芳",
      role: "trainee",
      teamId: a,
      readSections: 99,
      finalExam: true,
      played: [
        ["angry-owner", "assessment", "best", 35],
        ["group-complaint", "assessment", "best", 20],
        ["lift-entrapment", "assessment", "best", 3],
      ],
    },
    { username: "zhaolei", displayName: "赵磊", role: "trainee", teamId: a, played: [["fee-dispute", "practice", "weak", 2]] },
    { username: "sunting", displayName: "孙婷", role: "trainee", teamId: b, readSections: 9, played: [["noise-dispute", "practice", "weak", 33]] },
    {
      username: "zhoujie",
      displayName: "周杰",
      role: "trainee",
      teamId: b,
      readSections: 20,
      played: [
        ["burst-pipe", "practice", "weak", 38],
        ["lift-entrapment", "assessment", "weak", 5],
      ],
    },
    { username: "wujing", displayName: "吴静", role: "trainee", teamId: b, readSections: 2 },
  ];
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

  const modules = getCourseware("zh-CN");
  const seeded = new Map<string, User>();
  const playedIds = new Map<string, string>(); // "<username> <scenario> <mode> <how>" → attempt id
  for (const { readSections = 0, finalExam, played, ...person } of people) {
    const created = await createUser({ ...person, password: DEMO_PASSWORD, usesDemoPassword: true });
    if (!created.ok) throw new Error(`seeding user ${person.username} failed`);
    seeded.set(person.username, created.user);
    if (person.role === "trainer") {
      await setTeamTrainers(a, [created.user.id]);
      await setTeamTrainers(b, [created.user.id]);
    }
    // Read the first N sections in course order; complete the modules that are fully read.
    let left = readSections;
    for (const module of modules) {
      if (left <= 0) break;
      for (const section of module.sections.slice(0, left)) await markSectionRead(created.user.id, module.slug, section.id);
      if (left >= module.sections.length) await completeModule(created.user.id, module.slug, module.sections);
      left -= module.sections.length;
    }
    if (finalExam) await passFinalExam(created.user.id, daysAgo(25));
    for (const [scenario, mode, how, ago] of played ?? []) {
      const id = await playScenario(created.user.id, scenario, mode, how, daysAgo(ago));
      if (id) playedIds.set(`${person.username} ${scenario} ${mode} ${how}`, id);
    }
  }

  // The trainer's work in hand: one for each estate, and a quiz 赵磊 has let run past its due date.
  const trainer = seeded.get("trainer")!;
  const dueIn = (days: number) => endOfDueDate(chinaDate(new Date(Date.now() + days * 86_400_000)));
  const work: Array<[Parameters<typeof createAssignment>[0], number]> = [
    [
      {
        kind: "module",
        target: "communication-skills",
        mode: null,
        audience: { type: "team", teamId: a },
        dueAt: dueIn(6),
        note: "重点看“倾听—共情—解决方案”三步，下周例会上每人讲一个自己接过的电话。",
      },
      1,
    ],
    [
      {
        kind: "scenario",
        target: "burst-pipe",
        mode: "practice",
        audience: { type: "team", teamId: b },
        dueAt: dueIn(10),
        note: "周末值班前练一遍：先在电话里指导业主止损，再派工程、通知楼下。",
      },
      2,
    ],
    [{ kind: "quiz", target: "service-overview", mode: null, audience: { type: "trainee", userId: seeded.get("zhaolei")!.id }, dueAt: dueIn(-2), note: "" }, 9],
  ];
  for (const [assignment, ago] of work) await createAssignment(assignment, trainer, daysAgo(ago));

  // The trainer's coaching on two weak calls, which the trainees see on their home page and in the reports.
  const coaching: Array<[string, string, number, string, number]> = [
    [
      "zhangming",
      "angry-owner practice weak",
      1,
      "“您别激动”只会让她更火，让她自己去找楼上就是推诿。先道歉，再把她说的“第三次”和“3栋1202卫生间漏水”复述一遍，让她知道您听进去了。照这个顺序再练一次。",
      39,
    ],
    [
      "zhoujie",
      "lift-entrapment assessment weak",
      1,
      "“喂，哪栋的？几楼？”太生硬了，被困的人这时最怕没人管。先报身份，说“我听到了，会一直陪着您”，再问几号梯、几个人、有没有人不舒服，并提醒别扒门。",
      4,
    ],
  ];
  for (const [username, played, turn, text, ago] of coaching) {
    const attemptId = playedIds.get(`${username} ${played}`);
    if (attemptId) await addComment(seeded.get(username)!.id, attemptId, turn, text, trainer, daysAgo(ago));
  }
  return true;
}

/** Plays a scenario through the real engine, typing the best (or the weakest) authored reply to each line. */
async function playScenario(userId: string, scenarioId: string, mode: Mode, how: "best" | "weak", at: Date): Promise<string | null> {
  const script = getScenario(scenarioId);
  if (!script) return null;
  let attempt: PlayedAttempt = await startAttempt(userId, script, mode, at);
  const total = (x: { scores: { listening: number; empathy: number; wording: number } }) => x.scores.listening + x.scores.empathy + x.scores.wording;
  for (let n = 1; n <= script.maxTurns && attempt.status === "active"; n++) {
    const options = [...script.turns[attempt.state].suggestions].sort((x, y) => total(x) - total(y));
    const text = (how === "best" ? options.at(-1) : options[0])?.text ?? "您好，我马上帮您处理。";
    const outcome = await playTurn(userId, attempt.id, n, { kind: "reply", text }, script, new Date(at.getTime() + n * 60_000));
    if (!outcome.ok) return null;
    attempt = outcome.attempt;
  }
  return attempt.id;
}

/** Takes the final exam with every answer right (a trainee who studied). */
async function passFinalExam(userId: string, at: Date) {
  const started = await startQuiz(userId, "final", at, seededRandom(7));
  if (!started.ok) return;
  const banks = getBanks("zh-CN");
  const answers = Object.fromEntries(
    started.attempt.questions.map((d) => {
      const q = banks[d.module as keyof typeof banks].questions.find((x) => x.id === d.id)!;
      return [`${d.module}/${d.id}`, q.type === "single" || q.type === "truefalse" || q.type === "best-reply" ? q.correct[0] : q.correct];
    }),
  );
  await submitQuiz(userId, started.attempt.id, answers, new Date(at.getTime() + 20 * 60_000));
}
