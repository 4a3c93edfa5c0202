import { getCourseware } from "~/courseware/courseware.server";
import { createTeam, listTeams, setTeamTrainers } from "./teams.server";
import { createUser, listUsers, type NewUser } from "./users.server";
import { markSectionRead, completeModule } from "./progress.server";

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

  const people: Array<Omit<NewUser, "password"> & { readSections?: number }> = [
    { username: "trainee", displayName: "李晓雨", role: "trainee", teamId: a, readSections: 3 },
    { username: "trainer", displayName: "王建国", role: "trainer", teamId: a },
    { username: "supervisor", displayName: "陈静", role: "supervisor", teamId: a },
    { username: "zhangming", displayName: "张明", role: "trainee", teamId: a, readSections: 14 },
    { username: "liufang", displayName: "刘芳", role: "trainee", teamId: a, readSections: 27 },
    { username: "zhaolei", displayName: "赵磊", role: "trainee", teamId: a },
    { username: "sunting", displayName: "孙婷", role: "trainee", teamId: b, readSections: 9 },
    { username: "zhoujie", displayName: "周杰", role: "trainee", teamId: b, readSections: 20 },
    { username: "wujing", displayName: "吴静", role: "trainee", teamId: b, readSections: 2 },
  ];

  const modules = getCourseware("zh-CN");
  for (const { readSections = 0, ...person } of people) {
    const created = await createUser({ ...person, password: DEMO_PASSWORD, usesDemoPassword: true });
    if (!created.ok) throw new Error(`seeding user ${person.username} failed`);
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
  }
  return true;
}
