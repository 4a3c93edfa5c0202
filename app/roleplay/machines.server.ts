import { createRoleplayMachine, type RoleplayMachine } from "./machine";
import type { ScenarioScript } from "./script";

const machines = new Map<string, RoleplayMachine>();

/** The compiled machine of a script version, compiled once per process. */
export function getMachine(script: ScenarioScript): RoleplayMachine {
  const key = `${script.id}@${script.version}`;
  let machine = machines.get(key);
  if (!machine) {
    machine = createRoleplayMachine(script);
    machines.set(key, machine);
  }
  return machine;
}
