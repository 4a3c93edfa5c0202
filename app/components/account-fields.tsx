import { ROLES } from "~/auth/permissions";
import { useMessages } from "~/i18n/use-messages";
import { FieldError } from "./form";

/** The role and team pickers of the account forms. */
export function RoleAndTeamFields({
  teams,
  role,
  teamId,
  errors,
  roleLocked = false,
}: {
  teams: ReadonlyArray<{ id: string; name: string }>;
  role?: string;
  teamId?: string;
  errors: Record<string, string | undefined>;
  roleLocked?: boolean;
}) {
  const m = useMessages();
  return (
    <>
      <label className="field">
        <span>{m["users.role"]}</span>
        <select name="role" defaultValue={role ?? "trainee"} disabled={roleLocked}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {m[`role.${r}`]}
            </option>
          ))}
        </select>
        {roleLocked ? <input type="hidden" name="role" value={role} /> : null}
        <FieldError id="role-error" message={errors.role} />
      </label>
      <label className="field">
        <span>{m["users.team"]}</span>
        <select
          name="teamId"
          defaultValue={teamId}
          aria-invalid={errors.teamId ? true : undefined}
          aria-describedby={errors.teamId ? "teamId-error" : undefined}
        >
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <FieldError id="teamId-error" message={errors.teamId} />
      </label>
    </>
  );
}
