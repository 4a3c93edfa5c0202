import { Link } from "@remix-run/react";
import type { TeamProgress } from "~/models/progress.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { formatDate } from "~/utils/dates";
import { Table } from "./table";

/**
 * One table per team: each active trainee's modules done, sections read and last study date, the name a link to
 * their record; under it, the team's deactivated accounts, whose records stay reachable.
 */
export function TeamProgressTables({ teams, traineeHref }: { teams: TeamProgress[]; traineeHref: (userId: string) => string }) {
  const m = useMessages();
  const lang = useLang();
  return (
    <>
      {teams.map((team) => (
        <section key={team.teamId} className="card" aria-labelledby={`team-${team.teamId}`}>
          <h2 id={`team-${team.teamId}`}>{team.teamName}</h2>
          {team.trainees.length === 0 ? (
            <p>{m["progress.noTrainees"]}</p>
          ) : (
            <Table
              label={team.teamName}
              headers={[m["progress.table.trainee"], m["progress.table.modulesDone"], m["progress.table.sectionsRead"], m["progress.table.lastActive"]]}
            >
              {team.trainees.map((t) => (
                <tr key={t.userId} data-trainee={t.username}>
                  <th scope="row">
                    <Link to={traineeHref(t.userId)}>{t.displayName}</Link> <span className="muted">({t.username})</span>
                  </th>
                  <td>{t.modulesDone}/6</td>
                  <td>
                    <progress max={t.sectionsTotal} value={t.sectionsRead} aria-label={`${t.displayName} ${t.sectionsRead}/${t.sectionsTotal}`} />{" "}
                    {t.sectionsRead}/{t.sectionsTotal}
                  </td>
                  <td>{t.lastActive ? formatDate(t.lastActive, lang) : m["progress.table.never"]}</td>
                </tr>
              ))}
            </Table>
          )}
          {team.inactive.length ? (
            <p className="muted" data-testid="inactive-trainees">
              {m["progress.inactive"]}
              {m.colon}
              {team.inactive.map((u, i) => (
                <span key={u.userId}>
                  {i ? m.nameSeparator : ""}
                  <Link to={traineeHref(u.userId)}>{u.displayName}</Link>
                </span>
              ))}
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}
