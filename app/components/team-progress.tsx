import type { TeamProgress } from "~/models/progress.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import { formatDate } from "~/utils/dates";
import { Table } from "./table";

/** One table per team: each trainee's modules done, sections read and last study date. */
export function TeamProgressTables({ teams }: { teams: TeamProgress[] }) {
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
                <tr key={t.userId} className={t.active ? undefined : "muted"}>
                  <th scope="row">
                    {t.displayName} <span className="muted">({t.username})</span>
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
        </section>
      ))}
    </>
  );
}
